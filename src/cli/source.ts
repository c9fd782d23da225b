// The report's source block for a command-line run: --source-* flags, then the CI system's
// variables, then the project's own .git folder (read as files, never by running git).
import { remoteOf, type Source, sourceOf } from "../source.js";
import { ProjectFiles } from "../verify/files.js";
import { commitOf } from "./score.js";

export interface SourceOptionFlags {
  sourceRepository?: string;
  sourceCommit?: string;
  sourceBranch?: string;
  sourceRunUrl?: string;
}

export function sourceFor(projectDir: string, flags: SourceOptionFlags): Source {
  const { commit, branch } = commitOf(projectDir);
  // commitOf reads a .git folder only, never a .git file (a worktree's), nor a link.
  const config = commit ? new ProjectFiles(projectDir).read(".git/config", 64 * 1024) : undefined;
  const git = { commit, branch, remote: config?.ok ? remoteOf(config.text) : undefined };
  const given = { repository: flags.sourceRepository, commit: flags.sourceCommit, branch: flags.sourceBranch, runUrl: flags.sourceRunUrl };
  return sourceOf(given, process.env, git, Date.now);
}
