// The git commands the action runs to find a pull request's base and check it out beside the
// workspace. Every command line is our own: fixed arguments and commit ids checked as hex (event.ts),
// never text from a file. Hooks are off, and Git LFS downloads nothing.
import { spawnSync } from "node:child_process";
import { isSha } from "./event.js";

interface Result {
  ok: boolean;
  out: string;
  /** The last line git wrote to standard error, for a message. */
  err: string;
}

function git(cwd: string, args: string[], timeout = 120_000): Result {
  const run = spawnSync("git", ["-c", "core.hooksPath=/dev/null", ...args], {
    cwd,
    encoding: "utf8",
    timeout,
    maxBuffer: 16 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_LFS_SKIP_SMUDGE: "1" },
  });
  const err = (run.error?.message ?? run.stderr ?? "").trim().split("\n").pop() ?? "";
  return { ok: run.status === 0, out: (run.stdout ?? "").trim(), err };
}

/** Where the base is: the merge base of the pull request's base and the checked-out commit. */
export interface Base {
  /** The repository's top folder. */
  root: string;
  /** The workspace's folder inside the repository ("" at the top, else ending in /). */
  prefix: string;
  mergeBase: string;
}

/** How many more commits each round of deepening a shallow clone asks for. */
const DEEPEN = [50, 200, 1000];

/**
 * Finds the merge base of `baseSha` and HEAD, fetching the base when the clone lacks it (a clone
 * of depth 1, as actions/checkout makes by default) and deepening a shallow clone until the two
 * histories meet, a bounded number of times.
 */
export function findBase(cwd: string, baseSha: string, log: (line: string) => void): Base | { reason: string } {
  if (!isSha(baseSha)) return { reason: "the event names no base commit" };
  const root = git(cwd, ["rev-parse", "--show-toplevel"]);
  if (!root.ok) return { reason: "the workspace is not a git repository" };
  const prefix = git(cwd, ["rev-parse", "--show-prefix"]).out;
  const head = git(cwd, ["rev-parse", "--verify", "HEAD^{commit}"]).out;
  if (!isSha(head)) return { reason: "the workspace has no commit checked out" };
  const has = (sha: string) => git(cwd, ["cat-file", "-e", `${sha}^{commit}`]).ok;
  const shallow = () => git(cwd, ["rev-parse", "--is-shallow-repository"]).out === "true";
  const fetch = (options: string[], shas: string[]) => {
    log(`git fetch --no-tags ${options.join(" ")} origin ${shas.join(" ")}`.replace(/ +/g, " "));
    return git(cwd, ["fetch", "--no-tags", "--quiet", ...options, "origin", ...shas], 300_000);
  };
  const advice = "check out with fetch-depth: 0 (docs/pr-delta.md)";
  if (!has(baseSha)) {
    if (!git(cwd, ["remote", "get-url", "origin"]).ok)
      return { reason: `the base commit ${baseSha.slice(0, 7)} is not in the clone, which has no remote "origin" to fetch it from` };
    const fetched = fetch(shallow() ? ["--depth=50"] : [], [baseSha]);
    if (!has(baseSha))
      return { reason: `the base commit ${baseSha.slice(0, 7)} could not be fetched (${fetched.err || "not found"}); ${advice}` };
  }
  const mergeBase = () => {
    const found = git(cwd, ["merge-base", baseSha, head]);
    return found.ok && isSha(found.out) ? found.out : undefined;
  };
  let found = mergeBase();
  for (const depth of DEEPEN) {
    if (found || !shallow()) break;
    // Both tips are asked for: each one's shallow boundary moves back. HEAD may be a commit the
    // remote does not have (made in the job): then only the base's history can grow.
    if (!fetch([`--deepen=${depth}`], [baseSha, head]).ok) fetch([`--deepen=${depth}`], [baseSha]);
    found = mergeBase();
  }
  if (!found) {
    const why = shallow() ? `in the ${DEEPEN.reduce((a, b) => a + b)} commits fetched; ${advice}` : "(their histories are unrelated)";
    return { reason: `no merge base of the base ${baseSha.slice(0, 7)} and the checked-out commit ${head.slice(0, 7)} ${why}` };
  }
  return { root: root.out, prefix, mergeBase: found };
}

/** Checks `sha` out in a new detached worktree at `dir` (a folder that does not exist yet). */
export function addWorktree(root: string, sha: string, dir: string): { reason: string } | undefined {
  const added = git(root, ["-c", "advice.detachedHead=false", "worktree", "add", "--detach", "--quiet", dir, sha], 300_000);
  return added.ok ? undefined : { reason: `the merge base ${sha.slice(0, 7)} could not be checked out (${added.err})` };
}

export function removeWorktree(root: string, dir: string): void {
  if (!git(root, ["worktree", "remove", "--force", dir]).ok) git(root, ["worktree", "prune"]);
}
