// Scoring in this process with mltest's own command line (main): each project of the workspace as
// the inputs ask, and, for a pull request, each one's base in its worktree with the same date and
// thresholds, so that only what the pull request changed can differ.
import { existsSync, mkdirSync } from "node:fs";
import { isAbsolute, join, posix, relative, resolve } from "node:path";
import { main } from "../cli/main.js";
import { EVIDENCE_FILE } from "../load/evidence.js";
import { loadReport } from "../load/report.js";
import { findProjects } from "../monorepo.js";
import type { Report } from "../schema/report.js";
import { UsageError } from "../util/errors.js";
import { type Env, flag, input, words } from "./inputs.js";

/** The thresholds and rubric the inputs set: both sides are judged by them. */
function gateArgs(env: Env): string[] {
  const args: string[] = [];
  const minScore = input(env, "min-score");
  if (minScore) args.push("--min-score", minScore);
  const rubric = input(env, "rubric");
  if (rubric) args.push("--rubric", rubric);
  for (const floor of words(input(env, "min-section"))) args.push("--min-section", floor);
  return args;
}

/** The mltest command line the inputs ask for, writing its JSON and Markdown reports into `out`. */
export function commandLine(env: Env, out: string, { dir, asOf }: { dir?: string; asOf?: string } = {}): string[] {
  const args = [
    "score",
    dir ?? words(input(env, "path"))[0] ?? ".",
    "--force",
    "--report",
    `json=${join(out, "report.json")}`,
    "--report",
    `markdown=${join(out, "report.md")}`,
  ];
  if (asOf) args.push("--as-of", asOf);
  args.push(...gateArgs(env));
  for (const report of words(input(env, "reports"))) args.push("--report", report);
  args.push(...(flag(env, "annotations", true) ? ["--format", "github"] : ["--format", "table", "--no-color"]));
  return args;
}

/** main() once. The listener each call puts on standard output is taken off after it, so that many calls leak none. */
export async function runMain(args: string[]): Promise<number> {
  const before = new Set(process.stdout.listeners("error"));
  try {
    return await main(["node", "mltest", ...args]);
  } finally {
    for (const listener of process.stdout.listeners("error")) {
      if (!before.has(listener)) process.stdout.off("error", listener as (...a: unknown[]) => void);
    }
  }
}

/** The project folders to score: the paths, or with `recursive` every folder below them holding an mltest.yaml. */
export function projectDirs(paths: string[], recursive: boolean): string[] {
  const dirs = recursive
    ? paths.flatMap((path) => {
        if (!existsSync(path)) throw new UsageError(`no such directory: ${path}`);
        const found = findProjects(path);
        if (found.length === 0) throw new UsageError(`no ${EVIDENCE_FILE} below ${path}: nothing to score`);
        return found.map((dir) => posix.join(path.split("\\").join("/"), dir));
      })
    : paths;
  return [...new Set(dirs)];
}

export interface Scored {
  dir: string;
  /** mltest's exit code: 0 passed, 1 below a threshold, 2 bad input. */
  code: number;
  report?: Report;
  /** The reports' folder: report.json and report.md. */
  out: string;
}

/** Scores each project as the inputs ask (annotations, further reports), each into its own folder below `out`. */
export async function scoreHead(env: Env, dirs: string[], out: string, asOf?: string): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const [i, dir] of dirs.entries()) {
    const folder = dirs.length === 1 ? out : join(out, "projects", String(i + 1));
    mkdirSync(folder, { recursive: true });
    const code = await runMain(commandLine(env, folder, { dir, ...(asOf && { asOf }) }));
    const json = join(folder, "report.json");
    scored.push({ dir, code, out: folder, ...(existsSync(json) && { report: loadReport(json) }) });
  }
  return scored;
}

/**
 * Scores each project's base: the same folder in the base's checkout (`root`, the workspace's
 * place in it), the same date and thresholds, as JSON into `out`. Says why there is none.
 */
export async function scoreBase(
  env: Env,
  dirs: string[],
  root: string,
  out: string,
  asOf: string,
  /** The base's source: the CI variables name the head, so the base run says its own commit. */
  source: string[] = [],
): Promise<({ report: Report } | { noBase: string })[]> {
  const workspace = process.cwd();
  const results: ({ report: Report } | { noBase: string })[] = [];
  mkdirSync(out, { recursive: true });
  try {
    for (const [i, dir] of dirs.entries()) {
      const rel = relative(workspace, resolve(workspace, dir));
      if (rel.startsWith("..") || isAbsolute(rel)) {
        results.push({ noBase: `${dir} is outside the workspace` });
        continue;
      }
      if (!existsSync(join(root, rel, EVIDENCE_FILE))) {
        results.push({ noBase: `the base has no ${posix.join(dir.split("\\").join("/"), EVIDENCE_FILE)}` });
        continue;
      }
      const file = join(out, `${i + 1}.json`);
      process.chdir(root);
      const code = await runMain(["score", rel || ".", "--as-of", asOf, ...source, ...gateArgs(env), "--format", "json", "--output", file]);
      process.chdir(workspace);
      results.push(
        code !== 2 && existsSync(file)
          ? { report: loadReport(file) }
          : { noBase: "the base could not be scored (bad input: the log says where)" },
      );
    }
  } finally {
    process.chdir(workspace);
  }
  return results;
}
