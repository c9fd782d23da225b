// The files `mltest detect` looks at: one walk of the project, as git would see it. It honours
// .gitignore files (each relative to its folder), skips .git, dependencies, virtual environments
// and caches, and never follows a symbolic link.
import { type Dirent, readdirSync } from "node:fs";
import { join } from "node:path";
import { gitignoreRules } from "../util/patterns.js";
import type { ProjectReader } from "../verify/files.js";

/** Folders never worth reading for evidence, whatever .gitignore says. */
const SKIPPED = new Set([
  ".git",
  ".hg",
  ".svn",
  "node_modules",
  ".venv",
  "venv",
  "__pycache__",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".tox",
  ".nox",
  ".ipynb_checkpoints",
  ".cache",
  ".dvc",
  "site-packages",
  "dist",
  "build",
]);
/** A walk stops after this many entries, and says so. */
export const MAX_SCAN_ENTRIES = 500_000;

export interface Scan {
  files: string[];
  truncated: boolean;
  /** .gitignore rules left out: ones that cannot be matched in linear time (patterns.ts). */
  skippedRules: number;
}

export function scan(project: ProjectReader): Scan {
  const files: string[] = [];
  let entries = 0;
  // Each folder carries the .gitignore rules of itself and its parents, with the folder they came from.
  const pending: { dir: string; rules: { base: string; ignores: (path: string) => boolean }[] }[] = [{ dir: "", rules: [] }];
  let skippedRules = 0;
  while (pending.length > 0) {
    const { dir, rules: inherited } = pending.pop()!;
    let listing: Dirent[];
    try {
      listing = readdirSync(join(project.root, dir), { withFileTypes: true });
    } catch {
      continue;
    }
    // What a folder holds decides how to read it, without probing for files one by one.
    const names = new Set(listing.map((e) => e.name));
    if (dir && names.has("pyvenv.cfg")) continue; // a virtual environment by another name
    const rules = [...inherited];
    if (names.has(".gitignore")) {
      const gitignore = project.read(dir ? `${dir}/.gitignore` : ".gitignore", 256 * 1024);
      if (gitignore.ok) {
        const { ignores, skipped } = gitignoreRules(gitignore.text);
        rules.push({ base: dir, ignores });
        skippedRules += skipped;
      }
    }
    const ignored = (rel: string, isDir: boolean) =>
      rules.some(({ base, ignores }) => {
        const local = base ? rel.slice(base.length + 1) : rel;
        return ignores(isDir ? `${local}/` : local);
      });
    for (const entry of listing) {
      if (++entries > MAX_SCAN_ENTRIES) return { files: files.sort(), truncated: true, skippedRules };
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !ignored(rel, true)) pending.push({ dir: rel, rules });
      } else if (entry.isFile() && !ignored(rel, false)) {
        files.push(rel);
      }
    }
  }
  return { files: files.sort(), truncated: false, skippedRules };
}
