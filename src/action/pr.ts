// A pull request's delta in the job that scores it: the base found (git.ts), checked out in a
// temporary worktree, scored there like the head (score.ts), and each project paired with its
// base; then the step's status, by the gate or (fail-on: regression) by what got worse.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { type ProjectDelta, regressed } from "./delta.js";
import type { PullRequest } from "./event.js";
import { addWorktree, findBase, removeWorktree } from "./git.js";
import type { Env } from "./inputs.js";
import { endGroup, group, log, notice } from "./log.js";
import { type Scored, scoreBase } from "./score.js";

/** Scores the base of every scored project; the deltas, and the merge base when there was one. */
export async function prDeltas(
  env: Env,
  scored: Scored[],
  pr: PullRequest,
  { asOf, out, temp }: { asOf: string; out: string; temp: string },
): Promise<{ deltas: ProjectDelta[]; mergeBase?: string }> {
  const dirs = scored.map((s) => s.dir);
  let sides: ({ report: ProjectDelta["base"] } | { noBase: string })[];
  let mergeBase: string | undefined;
  group(`mltest: the base of pull request #${pr.number}, scored as of ${asOf}`);
  try {
    const base = findBase(process.cwd(), pr.baseSha, log);
    if ("reason" in base) sides = dirs.map(() => ({ noBase: base.reason }));
    else {
      mergeBase = base.mergeBase;
      log(`the merge base of ${pr.baseSha.slice(0, 7)} and the checked-out commit is ${mergeBase}`);
      const tree = join(mkdtempSync(join(temp, "mltest-base-")), "tree");
      const failed = addWorktree(base.root, mergeBase, tree);
      if (failed) sides = dirs.map(() => ({ noBase: failed.reason }));
      else {
        try {
          sides = await scoreBase(env, dirs, join(tree, base.prefix), join(out, "base"), asOf, [
            "--source-commit",
            mergeBase,
            ...(pr.baseRef ? ["--source-branch", pr.baseRef] : []),
          ]);
        } finally {
          removeWorktree(base.root, tree);
        }
      }
    }
  } finally {
    endGroup();
  }
  const deltas = scored.map((s, i): ProjectDelta => {
    const side = sides[i]!;
    return {
      dir: s.dir,
      ...(s.report ? { head: s.report } : { headError: "the head could not be scored (bad input: the log says where)" }),
      ...("report" in side && side.report ? { base: side.report } : { noBase: "noBase" in side ? side.noBase : "not scored" }),
    };
  });
  return { deltas, ...(mergeBase && { mergeBase }) };
}

/**
 * The step's exit code for one project: 2 for bad input; with fail-on: regression, 1 only when
 * something got worse against the base (the gate where there is no base); else the gate's.
 */
export function statusOf(d: ProjectDelta, gate: number, failOn: "gate" | "regression"): number {
  if (gate === 2) return 2;
  if (failOn !== "regression" || !d.base || !d.head) return gate;
  const worse = regressed(d);
  if (!worse && gate !== 0) notice(`${d.dir}: the gate failed, but nothing got worse against the base, and fail-on is "regression"`);
  return worse ? 1 : 0;
}
