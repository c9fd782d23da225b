// Every command: its flags, the choices each takes and the module beside it that runs it. A
// --format's choices are the keys of the output's registry of formats (src/format/registry.ts).
import { Argument, type Command, Option } from "commander";
import { DETECT_FORMATS, type DetectFormat } from "../format/detection.js";
import { DIFF_FORMATS, type DiffFormat } from "../format/diff.js";
import { FLEET_FORMATS } from "../format/fleet.js";
import { FORMATS } from "../format/index.js";
import { RUBRIC_FORMATS, type RubricFormat } from "../format/rubric.js";
import { TREND_FORMATS } from "../format/trend.js";
import { TREND_RUNS } from "../history.js";
import { DEFAULT_RUBRIC } from "../load/rubric.js";
import { SCHEMA_NAMES, type SchemaName } from "../schema/json-schema.js";
import { type FleetFlags, runFleet } from "./fleet.js";
import { runDiff, runTrend, type TrendFlags } from "./history.js";
import {
  type ChecklistFlags,
  collectFloor,
  collectReport,
  dateFlag,
  type ProjectFlags,
  parseCount,
  parseThreshold,
  type ScoreFlags,
} from "./io.js";
import { runDetect, runInit } from "./repo.js";
import { runDescribe, runRubric, runSchema, runValidate } from "./rubric.js";
import { runBadge, runChecklist, runScore } from "./score.js";

/** What every command that scores one project takes: where it is, its rubric, the date, the mode. */
function scoring(command: Command): Command {
  return command
    .argument("[dir]", "project root holding mltest.yaml", ".")
    .option("--rubric <id|path>", "rubric to score against (overrides the evidence file's)")
    .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
    .option(
      "--as-of <YYYY-MM-DD>",
      "the date the report states and evidence ages are counted to (default: today, UTC)",
      dateFlag("--as-of"),
    )
    .option("--strict", "score unverified and stale claims as 0 (also gate.strict in mltest.yaml)");
}

/** Each command, declared on the program it is given; `done` takes the exit code its work decided. */
export type Done = (exit: number | undefined) => void;
/** Generated files are replaced without asking; --force is still accepted, so older CI lines keep working. */
const KEPT_FORCE = () => new Option("--force", "accepted for older command lines: generated files are always replaced").hideHelp();

export const COMMANDS: Record<string, (cli: Command, done: Done) => void> = {
  score: (cli, done) => {
    scoring(cli.command("score").description("score a project's evidence against its rubric and gate on the result"))
      .addOption(new Option("--format <name>", "report format").choices(Object.keys(FORMATS)).default("table"))
      .option("-o, --output <file>", "write the report to a file instead of stdout")
      .option("--report <format=path>", "also write a report in another format (repeatable)", collectReport)
      .addOption(KEPT_FORCE())
      .option(
        "--link-base <url-or-path>",
        "HTML: where the page's links find the project's files (an http(s) URL prefix or a folder, seen from the page); default: from where the page is written",
      )
      .option("--min-score <n>", "fail (exit 1) when the final score is below n", parseThreshold("--min-score"))
      .option("--min-section <id=n>", "fail when a section scores below n (repeatable)", collectFloor)
      .option("--baseline <file>", "fail (exit 1) when anything regressed against this earlier JSON report")
      .option("--update-baseline", "with --baseline: rewrite it with this report, only when nothing regressed")
      .option("--record", "append this run to .mltest/history.jsonl in the project")
      .option("--recursive", "score every project (mltest.yaml) below dir; one row each, worst first")
      .option("--source-repository <name>", "the report's source repository (default: from CI variables or .git)")
      .option("--source-commit <sha>", "the report's source commit (default: from CI variables or .git)")
      .option("--source-branch <name>", "the report's source branch (default: from CI variables or .git)")
      .option("--source-run-url <url>", "the CI run that made the report (default: from CI variables)")
      .option("--no-color", "never colour the output")
      .action((dir: string, flags: ScoreFlags) => {
        done(runScore(dir, flags));
      });
  },
  badge: (cli, done) => {
    scoring(cli.command("badge").description("write an SVG badge of the final score, coloured by band"))
      .option("-o, --output <file>", "write the badge to a file (e.g. mltest-badge.svg) instead of stdout")
      .addOption(KEPT_FORCE())
      .action((dir: string, flags: ProjectFlags & { output?: string }) => {
        done(runBadge(dir, flags));
      });
  },
  diff: (cli, done) => {
    cli
      .command("diff")
      .description("what changed between two JSON reports, per section and per test")
      .argument("<old>", "the earlier report (score --format json)")
      .argument("<new>", "the later report")
      .addOption(new Option("--format <name>", "output format").choices(Object.keys(DIFF_FORMATS)).default("table"))
      .option("--no-color", "never colour the output")
      .action((oldFile: string, newFile: string, flags: { format: DiffFormat; color: boolean }) => {
        done(runDiff(oldFile, newFile, flags));
      });
  },
  trend: (cli, done) => {
    cli
      .command("trend")
      .description("the scores recorded with score --record, over time")
      .argument("[dir]", "project root", ".")
      .option("--since <YYYY-MM-DD>", "only runs on or after this date", dateFlag("--since"))
      .option("--last <n>", `show the n most recent runs (default: ${TREND_RUNS})`, parseCount("--last"))
      .addOption(new Option("--all", "show every recorded run").conflicts("last"))
      .addOption(new Option("--format <name>", "output format").choices(Object.keys(TREND_FORMATS)).default("table"))
      .option("--no-color", "never colour the output")
      .action((dir: string, flags: TrendFlags) => {
        done(runTrend(dir, flags));
      });
  },
  fleet: (cli, done) => {
    cli
      .command("fleet")
      .description("many repositories' JSON reports on one page: worst first, by team, with campaigns")
      .argument("<paths...>", "report files, or folders searched for *.json reports")
      .option("--owners <file>", "YAML mapping repositories to teams (wins over a report's own owner)")
      .option("--scope <file>", "YAML list of the repositories expected; a missing one is shown as no data")
      .option("--campaigns <file>", "YAML campaigns: targets with a deadline, and exemptions with an expiry")
      .option("--stale-days <n>", "flag reports older than n days (default: 30)", parseCount("--stale-days"), 30)
      .option("--rubric <id|path>", "flag reports made with another rubric (default: the one most reports use)")
      .option("--as-of <YYYY-MM-DD>", "the date ages and deadlines are counted to (default: today, UTC)", dateFlag("--as-of"))
      .addOption(new Option("--format <name>", "output format").choices(Object.keys(FLEET_FORMATS)).default("table"))
      .option("-o, --output <file>", "write the page to a file instead of stdout")
      .addOption(new Option("--fail-on <what>", "exit 1 when a campaign's deadline has passed unmet").choices(["overdue"]))
      .option("--no-color", "never colour the output")
      .action((paths: string[], flags: FleetFlags) => {
        done(runFleet(paths, flags));
      });
  },
  checklist: (cli, done) => {
    scoring(cli.command("checklist").description("print the Markdown checklist for a production-readiness review"))
      .addOption(new Option("--only <which>", "hide tests that are already automated").choices(["missing"]))
      .option("--section <id>", "only this section (repeatable)", (id: string, ids: string[] = []) => [...ids, id])
      .option("-o, --output <file>", "write the checklist to a file instead of stdout")
      .addOption(KEPT_FORCE())
      .option("--recursive", "one checklist per project (mltest.yaml) below dir")
      .option("--brief", "a short agenda: sections, what changed, action items and the decision")
      .option("--baseline <file>", "list what changed since this JSON report (default: the last run in .mltest/history.jsonl)")
      .action((dir: string, flags: ChecklistFlags) => {
        done(runChecklist(dir, flags));
      });
  },
  detect: (cli, done) => {
    cli
      .command("detect")
      .description("find the evidence a repository already shows, per rubric test")
      .argument("[dir]", "project root", ".")
      .option("--rubric <id|path>", "rubric whose detectors to run (default: the evidence file's, or the built-in)")
      .addOption(new Option("--format <name>", "output format").choices(Object.keys(DETECT_FORMATS)).default("table"))
      .option("--no-color", "never colour the output")
      .action((dir: string, flags: { rubric?: string; format: DetectFormat; color: boolean }) => {
        done(runDetect(dir, flags));
      });
  },
  init: (cli, done) => {
    cli
      .command("init")
      .description("write mltest.yaml with every rubric test and the evidence found in the repository")
      .argument("[dir]", "project root", ".")
      .option("--rubric <id|path>", "rubric to write the file for (default: the built-in)")
      .option("--dry-run", "print the file instead of writing it")
      .option("--merge", "add new detections to an existing mltest.yaml, keeping everything in it")
      .option("--force", "replace an existing mltest.yaml (a backup is kept beside it)")
      .action((dir: string, flags: { rubric?: string; dryRun?: boolean; merge?: boolean; force?: boolean }) => {
        done(runInit(dir, flags));
      });
  },
  schema: (cli, done) => {
    cli
      .command("schema")
      .description("print the JSON Schema of a file format, for editors and other tools")
      .addArgument(new Argument("<format>", "which file").choices(SCHEMA_NAMES))
      .action((name: SchemaName) => {
        done(runSchema(name));
      });
  },
  validate: (cli, done) => {
    cli
      .command("validate")
      .description("check the rubric and evidence file, and that every pointer resolves, without scoring (exit 1 when one is broken)")
      .argument("[dir]", "project root holding mltest.yaml", ".")
      .option("--rubric <id|path>", "rubric to check against (overrides the evidence file's)")
      .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
      .option("--as-of <YYYY-MM-DD>", "the date evidence dates are checked against (default: today, UTC)", dateFlag("--as-of"))
      .option("--syntax-only", "check the files only, not whether their pointers resolve")
      .action((dir: string, flags: ProjectFlags & { syntaxOnly?: boolean }) => {
        done(runValidate(dir, flags));
      });
  },
  rubric: (cli, done) => {
    cli
      .command("rubric")
      .description("list a rubric's sections and tests")
      .argument("[id|path]", "built-in rubric id or path to a rubric file", DEFAULT_RUBRIC)
      .addOption(new Option("--format <name>", "output format").choices(Object.keys(RUBRIC_FORMATS)).default("table"))
      .option("--no-color", "never colour the output")
      .action((ref: string, flags: { format: RubricFormat; color: boolean }) => {
        done(runRubric(ref, flags));
      });
  },
  describe: (cli, done) => {
    cli
      .command("describe")
      .description("explain one test: why it matters, how to do it, what earns each status")
      .argument("<test-id>", "a test id, e.g. data-1")
      .option("--rubric <id|path>", "rubric the test belongs to", DEFAULT_RUBRIC)
      .option("--no-color", "never colour the output")
      .action((id: string, flags: { rubric: string; color: boolean }) => {
        done(runDescribe(id, flags));
      });
  },
};
