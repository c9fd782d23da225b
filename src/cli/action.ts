// The GitHub Action. action.yml runs the bundle of this file (action/index.cjs) on the runner's own
// Node, so a job installs nothing: the inputs arrive as INPUT_* variables, mltest scores the project
// in this process, and the results go where the runner reads them: annotations (workflow commands
// on stdout), outputs ($GITHUB_OUTPUT) and the job summary ($GITHUB_STEP_SUMMARY).
//
// On a pull request it also scores the pull request's base and shows the change (src/action/pr.ts):
// in the job summary, a check run and, when asked, one comment. `mode: comment` publishes two sides
// scored by an earlier workflow, for pull requests from forks (docs/pr-delta.md).
import { randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { changed, deltaMarkdown, type ProjectDelta, regressed, title } from "../action/delta.js";
import { pullRequestOf, workflowRunOf } from "../action/event.js";
import { apiOf, pullOfRun } from "../action/github.js";
import { type ActionInputs, type Env, input, readInputs } from "../action/inputs.js";
import { notice } from "../action/log.js";
import { prDeltas, statusOf } from "../action/pr.js";
import { publish } from "../action/publish.js";
import { commandLine, projectDirs, type Scored, scoreHead } from "../action/score.js";
import { readSides, writeSides } from "../action/sides.js";
import { ciSafe } from "../format/escape.js";
import { TOOL } from "../report.js";
import { InputError, UsageError } from "../util/errors.js";
import { EXIT, today, warn, warnProblems } from "./io.js";

export { commandLine };

/** NAME<<DELIMITER blocks: a line feed in a value (a band label is repository text) cannot start another output. */
export function outputBlocks(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([name, value]) => {
      let end: string;
      do end = `mltest_${randomBytes(16).toString("hex")}`;
      while (value.includes(end));
      return `${name}<<${end}\n${value}\n${end}\n`;
    })
    .join("");
}

/** Runs the action; its exit code is mltest's: 0 passed, 1 below a threshold (or, asked, a regression), 2 bad input. */
export async function runAction(env: Env = process.env): Promise<number> {
  try {
    return await run(env);
  } catch (err) {
    if (err instanceof InputError) warnProblems(err.problems);
    else if (err instanceof UsageError) warn(err.message);
    else
      process.stderr.write(
        `mltest: internal error in the action; please report it.\n${ciSafe((err as Error)?.stack ?? String(err), "text")}\n`,
      );
    return EXIT.error;
  }
}

async function run(env: Env): Promise<number> {
  const out = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), "mltest-"));
  const inputs = readInputs(env);
  commandLine(env, out); // checks the inputs that become the command line
  if (env.GITHUB_WORKSPACE) process.chdir(env.GITHUB_WORKSPACE);
  if (inputs.mode === "comment") return await commentMode(env, inputs);
  const dirs = projectDirs(inputs.paths, inputs.recursive);
  if (dirs.length > 1 && input(env, "reports")) {
    throw new UsageError('"reports" writes one file per format: give one project in "path", or run mltest score in a step of its own');
  }
  const pr = inputs.prDelta ? pullRequestOf(env) : undefined;
  if (inputs.prDelta && !pr && /^pull_request(_target)?$/.test(env.GITHUB_EVENT_NAME ?? "")) {
    notice("the pull request event's payload names no pull request, base and head commit: scored without its base");
  }
  // One date for both sides of a pull request: evidence ages and waiver expiries cannot differ.
  const asOf = inputs.asOf ?? (pr ? today() : undefined);
  const scored = await scoreHead(env, dirs, out, asOf);
  const gate = Math.max(...scored.map((s) => s.code));
  if (!scored.some((s) => s.report)) return gate;
  const outputs = scoreOutputs(scored, out, asOf);
  const summary = scored.flatMap((s) => (s.report ? [readFileSync(join(s.out, "report.md"), "utf8")] : []));
  if (!pr) {
    writeRunnerFiles(env, inputs, summary.join("\n"), outputs);
    return gate;
  }

  const { deltas, mergeBase } = await prDeltas(env, scored, pr, { asOf: asOf!, out, temp: env.RUNNER_TEMP || tmpdir() });
  const status = Math.max(...deltas.map((d, i) => statusOf(d, scored[i]!.code, inputs.failOn)));
  const sides = writeSides(out, deltas, asOf!);
  const body = deltaMarkdown(deltas);
  const base = mergeBase
    ? `\nThe base is \`${mergeBase.slice(0, 12)}\`, the merge base of the pull request's base and the checked-out commit.\n`
    : "";
  writeRunnerFiles(env, inputs, [body + base, ...summary].join("\n"), {
    ...outputs,
    ...deltaOutputs(deltas),
    "base-report": sides.base,
    "head-report": sides.head,
  });
  await publish({
    api: apiOf(env, inputs.token),
    headSha: pr.headSha,
    pr: pr.number,
    checkRun: inputs.checkRun,
    comment: inputs.comment,
    ...(inputs.commentAuthor && { commentAuthor: inputs.commentAuthor }),
    changed: deltas.some(changed),
    status,
    title: title(deltas),
    body,
  });
  return status;
}

/** mode: comment: two sides scored by an earlier workflow, published for the pull request the event names. */
async function commentMode(env: Env, inputs: ActionInputs): Promise<number> {
  const deltas = readSides(inputs.headReport, inputs.baseReport);
  const run = workflowRunOf(env);
  const pr = pullRequestOf(env);
  const api = apiOf(env, inputs.token);
  const number = pr?.number ?? (run && !("reason" in api) ? await pullOfRun(api, run) : undefined);
  const headSha = run?.headSha ?? pr?.headSha;
  const status = Math.max(...deltas.map((d) => statusOf(d, d.head ? (d.head.gate.passed ? 0 : 1) : 1, inputs.failOn)));
  const body = deltaMarkdown(deltas);
  writeRunnerFiles(env, inputs, body, deltaOutputs(deltas));
  await publish({
    api,
    headSha: headSha ?? "",
    ...(number !== undefined && { pr: number }),
    checkRun: inputs.checkRun && headSha !== undefined,
    comment: inputs.comment,
    ...(inputs.commentAuthor && { commentAuthor: inputs.commentAuthor }),
    changed: deltas.some(changed),
    status,
    title: title(deltas),
    body,
  });
  return status;
}

/** score, band, passed and report: of the one project, or with several of the lowest-scoring one, passed only when all passed. */
function scoreOutputs(scored: Scored[], out: string, asOf: string | undefined): Record<string, string> {
  const reports = scored.flatMap((s) => (s.report ? [s.report] : []));
  const lowest = reports.reduce((a, b) => (b.final.score < a.final.score ? b : a));
  const passed = scored.every((s) => s.report?.gate.passed);
  let report = join(out, "report.json");
  if (scored.length > 1) {
    report = join(out, "reports.json");
    const projects = scored.map((s) =>
      s.report ? { dir: s.dir, report: s.report } : { dir: s.dir, errors: ["bad input: the log says where"] },
    );
    writeFileSync(report, `${JSON.stringify({ schemaVersion: 1, tool: TOOL, asOf: asOf ?? lowest.asOf, projects }, null, 2)}\n`);
  }
  return { score: String(lowest.final.score), band: lowest.final.band.label, passed: String(passed), report };
}

function deltaOutputs(deltas: ProjectDelta[]): Record<string, string> {
  return { delta: title(deltas), regressed: String(deltas.some(regressed)) };
}

function writeRunnerFiles(env: Env, inputs: ActionInputs, summary: string, outputs: Record<string, string>): void {
  if (inputs.summary && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, outputBlocks(outputs));
}
