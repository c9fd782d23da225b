// The GitHub Action. action.yml runs the bundle of this file (action/index.cjs) on the runner's own
// Node, so a job installs nothing: the inputs arrive as INPUT_* variables, mltest scores the project
// in this process, and the results go where the runner reads them: annotations (workflow commands
// on stdout), outputs ($GITHUB_OUTPUT) and the job summary ($GITHUB_STEP_SUMMARY).
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "../schema/report.js";
import { EXIT, warn } from "./io.js";
import { main } from "./main.js";

type Env = Record<string, string | undefined>;

/** An input as the runner passes it: INPUT_ and the name in capitals, hyphens kept. */
function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** A boolean input, read as the YAML 1.2 core schema reads one, as actions/core's getBooleanInput does. */
function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new Error(`input "${name}" must be true or false, not "${value}"`);
}

/** Whitespace-separated words of an input (section floors, reports). */
const words = (value: string) => value.split(/\s+/).filter(Boolean);

/** The mltest command line the inputs ask for, writing its JSON and Markdown reports into `out`. */
export function commandLine(env: Env, out: string): string[] {
  const args = [
    "score",
    input(env, "path") || ".",
    "--force",
    "--report",
    `json=${join(out, "report.json")}`,
    "--report",
    `markdown=${join(out, "report.md")}`,
  ];
  const minScore = input(env, "min-score");
  if (minScore) args.push("--min-score", minScore);
  const rubric = input(env, "rubric");
  if (rubric) args.push("--rubric", rubric);
  for (const floor of words(input(env, "min-section"))) args.push("--min-section", floor);
  for (const report of words(input(env, "reports"))) args.push("--report", report);
  args.push(...(flag(env, "annotations", true) ? ["--format", "github"] : ["--format", "table", "--no-color"]));
  return args;
}

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

/** Runs the action; its exit code is mltest's: 0 passed, 1 below a threshold, 2 bad input. */
export async function runAction(env: Env = process.env): Promise<number> {
  let args: string[];
  let summary: boolean;
  const out = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), "mltest-"));
  try {
    args = commandLine(env, out);
    summary = flag(env, "summary", true);
  } catch (err) {
    warn((err as Error).message);
    return EXIT.error;
  }
  if (env.GITHUB_WORKSPACE) process.chdir(env.GITHUB_WORKSPACE);
  const code = await main(["node", "mltest", ...args]);
  const json = join(out, "report.json");
  if (!existsSync(json)) return code;
  // Written by this process a moment ago, as the schema says: read as such, not checked again.
  const report = JSON.parse(readFileSync(json, "utf8")) as Report;
  if (summary && env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, readFileSync(join(out, "report.md")));
  if (env.GITHUB_OUTPUT) {
    const outputs = { score: String(report.final.score), band: report.final.band.label, passed: String(report.gate.passed), report: json };
    appendFileSync(env.GITHUB_OUTPUT, outputBlocks(outputs));
  }
  return code;
}
