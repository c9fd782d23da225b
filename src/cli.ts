// The command line: the one place that reads flags, touches `process`, writes files and decides
// the exit code. Everything it calls returns values. Started by launch.cts.
import { closeSync, constants, copyFileSync, existsSync, mkdirSync, openSync, writeSync } from "node:fs";
import { compare, withBaseline } from "./compare.js";
import { formatDiff } from "./format/diff.js";
import { formatBadge } from "./format/badge.js";
import { formatMonorepo, MONOREPO_FORMATS, type MonorepoFormat } from "./format/monorepo.js";
import { formatTrend } from "./format/trend.js";
import { gitInfo, HISTORY_FILE, historyEntry, parseHistory } from "./history.js";
import { loadReport } from "./load/report.js";
import { scoreAll, worstFirst } from "./monorepo.js";
import type { Report } from "./schema/report.js";
import type { HistoryEntry } from "./schema/history.js";
import { ProjectFiles } from "./verify/files.js";
import { Argument, Command, CommanderError, Option } from "commander";
import { jsonSchema, SCHEMA_NAMES, type SchemaName } from "./schema/json-schema.js";
import { config as zodConfig } from "zod";
import { InputError, UsageError, formatProblem } from "./errors.js";
import { formatChecklist } from "./format/checklist.js";
import { FORMATS, isFormat, type FormatName } from "./format/index.js";
import { didYouMean } from "./load/suggest.js";
import { detectProject, loadProject, scoreProject } from "./project.js";
import { formatDetection } from "./format/detection.js";
import { plural } from "./format/text.js";
import { mergeEvidenceFile, renderEvidenceFile } from "./init/evidence-file.js";
import { displayPath, readSource } from "./load/yaml.js";
import { checkEvidence, EVIDENCE_FILE, parseEvidence } from "./load/evidence.js";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describeTest, formatRubric } from "./format/rubric.js";
import { DEFAULT_RUBRIC, loadRubric, resolveRubric, schemasDir } from "./load/rubric.js";
import { TOOL } from "./report.js";
import type { Thresholds } from "./score/gate.js";
import { writeFileAtomic } from "./write.js";

/** The three exit codes, set only here (as ESLint and knip do). */
export const EXIT = { ok: 0, gateFailed: 1, error: 2 } as const;

interface ProjectFlags {
  rubric?: string;
  evidence?: string;
  asOf?: string;
  strict?: boolean;
}

interface ScoreFlags extends ProjectFlags {
  format: FormatName;
  report?: ReportTarget[];
  output?: string;
  force?: boolean;
  minScore?: number;
  minSection?: Record<string, number>;
  color: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  record?: boolean;
  recursive?: boolean;
}

interface ChecklistFlags extends ProjectFlags {
  recursive?: boolean;
  only?: "missing";
  section?: string[];
  output?: string;
  force?: boolean;
}

/** One `--report FORMAT=PATH`. */
interface ReportTarget {
  format: FormatName;
  path: string;
}

/** What a command decided; read once by main(). */
interface Outcome {
  exit: number;
}

function program(outcome: Outcome): Command {
  const cli = new Command("mltest")
    .description("Score how ready a machine-learning system is for production (the ML Test Score).")
    .version(TOOL.version, "-v, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  cli
    .command("score")
    .description("score a project's evidence against its rubric and gate on the result")
    .argument("[dir]", "project root holding mltest.yaml", ".")
    .option("--rubric <id|path>", "rubric to score against (overrides the evidence file's)")
    .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
    .addOption(new Option("--format <name>", "report format").choices(Object.keys(FORMATS)).default("table"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--report <format=path>", "also write a report in another format (repeatable)", collectReport)
    .option("--force", "replace existing --output and --report files")
    .option("--min-score <n>", "fail (exit 1) when the final score is below n", parseThreshold("--min-score"))
    .option("--min-section <id=n>", "fail when a section scores below n (repeatable)", collectFloor)
    .option("--as-of <YYYY-MM-DD>", "the date the report states and ages are counted to (default: today, UTC)", parseDate)
    .option("--strict", "score unverified and stale claims as 0 (also gate.strict in mltest.yaml)")
    .option("--baseline <file>", "fail (exit 1) when anything regressed against this earlier JSON report")
    .option("--update-baseline", "with --baseline: rewrite it with this report, only when nothing regressed")
    .option("--record", "append this run to .mltest/history.jsonl in the project")
    .option("--recursive", "score every project (mltest.yaml) below dir; one row each, worst first")
    .option("--no-color", "never colour the output")
    .action((dir: string, flags: ScoreFlags) => {
      const asOf = flags.asOf ?? today();
      const thresholds: Thresholds = { minScore: flags.minScore, minSection: flags.minSection };
      if (flags.recursive) return void (outcome.exit = scoreRecursive(dir, flags, asOf, thresholds));
      if (flags.updateBaseline && !flags.baseline) throw new UsageError("--update-baseline needs --baseline FILE");
      const project = loadProject(dir, flags);
      let report = scoreProject(project, { asOf, strict: flags.strict, thresholds });
      const rubric = project.rubric.rubric;
      if (flags.baseline && existsSync(flags.baseline)) report = withBaseline(report, loadReport(flags.baseline), displayPath(flags.baseline));
      else if (flags.baseline && !flags.updateBaseline) {
        throw new UsageError(`no baseline at ${flags.baseline}; write one with --baseline ${flags.baseline} --update-baseline`);
      }
      // Refuse before writing anything, so a refusal never leaves half of the reports behind.
      const taken = [flags.output, ...(flags.report ?? []).map((t) => t.path)].filter((p): p is string => !!p && existsSync(p));
      if (!flags.force && taken.length > 0) {
        throw new UsageError(`${taken.join(", ")} already exist${taken.length === 1 ? "s; pass --force to replace it" : "; pass --force to replace them"}`);
      }
      const history = readHistory(project.evidence.projectDir);
      // Links in an HTML page lead from where the page is written to the project's files.
      const linkBase = (file: string | undefined) =>
        file === undefined ? undefined : relative(dirname(resolve(file)), project.evidence.projectDir).split("\\").join("/") || ".";
      for (const target of flags.report ?? []) {
        const context = { color: false, rubric, history, linkBase: linkBase(target.path) };
        writeFileAtomic(target.path, FORMATS[target.format](report, context), { force: flags.force });
      }
      if (flags.updateBaseline && flags.baseline) {
        const regressions = report.baseline?.regressions.length ?? 0;
        if (regressions > 0) process.stderr.write(`mltest: baseline ${flags.baseline} kept: ${plural(regressions, "regression")}\n`);
        else {
          writeFileAtomic(flags.baseline, FORMATS.json(report), { force: true });
          process.stderr.write(`mltest: baseline ${flags.baseline} updated\n`);
        }
      }
      if (flags.record) recordHistory(project.evidence.projectDir, report);
      const color = !flags.output && useColor(flags.color);
      emit(FORMATS[flags.format](report, { color, rubric, history, linkBase: linkBase(flags.output) }), flags);
      outcome.exit = report.gate.passed ? EXIT.ok : EXIT.gateFailed;
    });

  cli
    .command("badge")
    .description("write an SVG badge of the final score, coloured by band")
    .argument("[dir]", "project root holding mltest.yaml", ".")
    .option("--rubric <id|path>", "rubric to score against (overrides the evidence file's)")
    .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
    .option("--as-of <YYYY-MM-DD>", "the date evidence ages are counted to (default: today, UTC)", parseDate)
    .option("--strict", "score unverified and stale claims as 0")
    .option("-o, --output <file>", "write the badge to a file (e.g. mltest-badge.svg) instead of stdout")
    .option("--force", "replace an existing --output file")
    .action((dir: string, flags: ProjectFlags & { output?: string; force?: boolean }) => {
      const project = loadProject(dir, flags);
      const report = scoreProject(project, { asOf: flags.asOf ?? today(), strict: flags.strict, thresholds: {} });
      emit(formatBadge(report, { color: false, rubric: project.rubric.rubric }), flags);
    });

  cli
    .command("diff")
    .description("what changed between two JSON reports, per section and per test")
    .argument("<old>", "the earlier report (score --format json)")
    .argument("<new>", "the later report")
    .addOption(new Option("--format <name>", "output format").choices(["table", "markdown", "json"]).default("table"))
    .option("--no-color", "never colour the output")
    .action((oldFile: string, newFile: string, flags: { format: "table" | "markdown" | "json"; color: boolean }) => {
      const [before, after] = [loadReport(oldFile), loadReport(newFile)];
      process.stdout.write(formatDiff(before, after, compare(before, after), flags.format, { color: useColor(flags.color) }));
    });

  cli
    .command("trend")
    .description("the scores recorded with score --record, over time")
    .argument("[dir]", "project root", ".")
    .option("--since <YYYY-MM-DD>", "only runs on or after this date", parseDate)
    .addOption(new Option("--format <name>", "output format").choices(["table", "markdown", "json"]).default("table"))
    .option("--no-color", "never colour the output")
    .action((dir: string, flags: { since?: string; format: "table" | "markdown" | "json"; color: boolean }) => {
      const projectDir = resolve(dir);
      if (!existsSync(projectDir)) throw new UsageError(`no such project directory: ${dir}`);
      const read = new ProjectFiles(projectDir).read(HISTORY_FILE);
      const { entries, problems } = read.ok ? parseHistory(read.text, displayPath(join(projectDir, HISTORY_FILE))) : { entries: [], problems: [] };
      for (const problem of problems) process.stderr.write(`mltest: ${formatProblem(problem)}\n`);
      // By date (runs can be recorded with an earlier --as-of); runs of one day keep their order.
      const shown = entries.filter((e) => !flags.since || e.date >= flags.since).sort((a, b) => a.date.localeCompare(b.date));
      if (shown.length === 0 && entries.length > 0 && flags.format !== "json") {
        process.stdout.write(`${basename(projectDir)}: no recorded runs since ${flags.since}; the last was on ${entries.map((e) => e.date).sort().pop()}.\n`);
        return;
      }
      process.stdout.write(formatTrend(basename(projectDir), shown, flags.format, { color: useColor(flags.color) }));
    });

  cli
    .command("checklist")
    .description("print the Markdown checklist for a production-readiness review")
    .argument("[dir]", "project root holding mltest.yaml", ".")
    .option("--rubric <id|path>", "rubric to score against (overrides the evidence file's)")
    .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
    .addOption(new Option("--only <which>", "hide tests that are already automated").choices(["missing"]))
    .option("--section <id>", "only this section (repeatable)", (id: string, ids: string[] = []) => [...ids, id])
    .option("--as-of <YYYY-MM-DD>", "the date the checklist states (default: today, UTC)", parseDate)
    .option("--strict", "score unverified and stale claims as 0")
    .option("-o, --output <file>", "write the checklist to a file instead of stdout")
    .option("--force", "replace an existing --output file")
    .option("--recursive", "one checklist per project (mltest.yaml) below dir")
    .action((dir: string, flags: ChecklistFlags) => {
      if (flags.recursive) {
        const results = scoreAll(dir, { asOf: flags.asOf ?? today(), strict: flags.strict, thresholds: {} });
        for (const r of results) if ("problems" in r) for (const p of r.problems) process.stderr.write(`mltest: ${formatProblem(p)}\n`);
        const documents = results.flatMap((r) => ("report" in r ? [formatChecklist(r.report, { onlyMissing: flags.only === "missing", sections: flags.section })] : []));
        emit(documents.join("\n---\n\n"), flags);
        outcome.exit = results.some((r) => "problems" in r) ? EXIT.error : EXIT.ok;
        return;
      }
      const project = loadProject(dir, flags);
      const sectionIds = project.rubric.rubric.sections.map((s) => s.id);
      for (const id of flags.section ?? []) {
        if (!sectionIds.includes(id)) {
          throw new UsageError(`--section: unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`);
        }
      }
      const report = scoreProject(project, { asOf: flags.asOf ?? today(), strict: flags.strict, thresholds: {} });
      emit(formatChecklist(report, { onlyMissing: flags.only === "missing", sections: flags.section }), flags);
    });

  cli
    .command("detect")
    .description("find the evidence a repository already shows, per rubric test")
    .argument("[dir]", "project root", ".")
    .option("--rubric <id|path>", "rubric whose detectors to run (default: the evidence file's, or the built-in)")
    .addOption(new Option("--format <name>", "output format").choices(["table", "json"]).default("table"))
    .option("--no-color", "never colour the output")
    .action((dir: string, flags: { rubric?: string; format: "table" | "json"; color: boolean }) => {
      const { report } = detectProject(dir, flags);
      process.stdout.write(formatDetection(report, flags.format, { color: useColor(flags.color) }));
    });

  cli
    .command("init")
    .description("write mltest.yaml with every rubric test and the evidence found in the repository")
    .argument("[dir]", "project root", ".")
    .option("--rubric <id|path>", "rubric to write the file for (default: the built-in)")
    .option("--dry-run", "print the file instead of writing it")
    .option("--merge", "add new detections to an existing mltest.yaml, keeping everything in it")
    .option("--force", "replace an existing mltest.yaml (a backup is kept beside it)")
    .action((dir: string, flags: { rubric?: string; dryRun?: boolean; merge?: boolean; force?: boolean }) => {
      const { rubric, report, evidenceFile } = detectProject(dir, flags);
      const exists = existsSync(evidenceFile);
      const shown = displayPath(evidenceFile);
      if (flags.merge) {
        if (!exists) throw new UsageError(`--merge: there is no ${shown} yet; run "mltest init" without --merge`);
        // Only a file that is valid now is merged into: its problems are reported first.
        checkEvidence(parseEvidence(evidenceFile, resolve(dir)), rubric.rubric);
        const merged = mergeEvidenceFile(readSource(evidenceFile, "evidence file").text, rubric.rubric, report);
        if (flags.dryRun) return void process.stdout.write(merged.text);
        writeFileAtomic(evidenceFile, merged.text, { force: true });
        process.stdout.write(
          `${shown}: added ${plural(merged.added.length, "test")}, filled ${plural(merged.upgraded.length, "placeholder")}, ` +
            `added ${plural(merged.pointers, "pointer")} to existing tests\n`,
        );
        return;
      }
      // Editors that read the yaml-language-server modeline then check and complete the file.
      const schemaUrl = relative(resolve(dir), join(schemasDir(), "evidence.schema.json")).split("\\").join("/");
      const text = renderEvidenceFile(rubric.rubric, report, {
        ...(flags.rubric ? { rubricRef: flags.rubric } : {}),
        schemaUrl,
      });
      if (flags.dryRun) return void process.stdout.write(text);
      if (exists && !flags.force) {
        throw new UsageError(`${shown} already exists; use --merge to add new detections to it, or --force to replace it (a backup is kept)`);
      }
      const backup = exists ? backupOf(evidenceFile) : undefined;
      if (backup) copyFileSync(evidenceFile, backup, constants.COPYFILE_EXCL);
      writeFileAtomic(evidenceFile, text, { force: flags.force });
      const found = report.tests.filter((t) => t.suggestion);
      const automated = found.filter((t) => t.suggestion!.status === "automated").length;
      process.stdout.write(
        `${shown}: wrote ${report.tests.length} tests; evidence found for ${found.length} (${automated} automated, ${found.length - automated} manual)` +
          `${backup ? `; the old file is in ${displayPath(backup)}` : ""}. Next: review it, then run "mltest score".\n`,
      );
    });

  cli
    .command("schema")
    .description("print the JSON Schema of a file format, for editors and other tools")
    .addArgument(new Argument("<format>", "which file").choices(SCHEMA_NAMES))
    .action((name: SchemaName) => {
      process.stdout.write(jsonSchema(name));
    });

  cli
    .command("validate")
    .description("check the rubric and evidence file without scoring")
    .argument("[dir]", "project root holding mltest.yaml", ".")
    .option("--rubric <id|path>", "rubric to check against (overrides the evidence file's)")
    .option("--evidence <file>", "evidence file (default: <dir>/mltest.yaml)")
    .action((dir: string, flags: ProjectFlags) => {
      const { rubric, evidence } = loadProject(dir, flags);
      const total = rubric.rubric.sections.reduce((n, s) => n + s.tests.length, 0);
      const declared = Object.keys(evidence.evidence.tests).length;
      process.stdout.write(
        `${evidence.doc.file}: valid against ${rubric.rubric.id} (${declared} of ${total} tests declared; the rest count as none)\n`,
      );
    });

  cli
    .command("rubric")
    .description("list a rubric's sections and tests")
    .argument("[id|path]", "built-in rubric id or path to a rubric file", DEFAULT_RUBRIC)
    .addOption(new Option("--format <name>", "output format").choices(["table", "json", "markdown"]).default("table"))
    .option("--no-color", "never colour the output")
    .action((ref: string, flags: { format: "table" | "json" | "markdown"; color: boolean }) => {
      const loaded = loadRubric(resolveRubric(ref, "."));
      process.stdout.write(formatRubric(loaded.rubric, flags.format, { color: useColor(flags.color) }));
    });

  cli
    .command("describe")
    .description("explain one test: why it matters, how to do it, what earns each status")
    .argument("<test-id>", "a test id, e.g. data-1")
    .option("--rubric <id|path>", "rubric the test belongs to", DEFAULT_RUBRIC)
    .option("--no-color", "never colour the output")
    .action((id: string, flags: { rubric: string; color: boolean }) => {
      const { rubric } = loadRubric(resolveRubric(flags.rubric, "."));
      process.stdout.write(describeTest(rubric, id, { color: useColor(flags.color) }));
    });

  return cli;
}

/** A free backup name beside the file: mltest.yaml.bak, then mltest.yaml.bak.2, … */
function backupOf(file: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${file}.bak` : `${file}.bak.${n}`;
    if (!existsSync(name)) return name;
  }
}

/** `score --recursive`: every project below dir, worst first; exit 2 if any had bad input. */
function scoreRecursive(dir: string, flags: ScoreFlags, asOf: string, thresholds: Thresholds): number {
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${dir}`);
  if (!(MONOREPO_FORMATS as string[]).includes(flags.format)) {
    throw new UsageError(`--recursive gives one combined report: --format ${MONOREPO_FORMATS.join(", ")}`);
  }
  if (flags.baseline || flags.record || flags.report || flags.rubric || flags.evidence) {
    throw new UsageError("--baseline, --record, --report, --rubric and --evidence work on one project at a time; with --recursive each project uses its own mltest.yaml and rubric");
  }
  const results = worstFirst(scoreAll(dir, { asOf, strict: flags.strict, thresholds }));
  // A mistyped folder must not pass CI quietly.
  if (results.length === 0) throw new UsageError(`no ${EVIDENCE_FILE} below ${dir}: nothing to score`);
  for (const r of results) if ("problems" in r) for (const p of r.problems) process.stderr.write(`mltest: ${formatProblem(p)}\n`);
  const color = !flags.output && useColor(flags.color);
  emit(formatMonorepo(results, asOf, flags.format as MonorepoFormat, { color }), flags);
  if (results.some((r) => "problems" in r)) return EXIT.error;
  return results.every((r) => "report" in r && r.report.gate.passed) ? EXIT.ok : EXIT.gateFailed;
}

/** The project's recorded runs, when it has any (corrupt lines are left to `mltest trend` to report). */
function readHistory(projectDir: string): HistoryEntry[] | undefined {
  const read = new ProjectFiles(projectDir).read(HISTORY_FILE);
  return read.ok ? parseHistory(read.text, HISTORY_FILE).entries : undefined;
}

/** Appends one line to the project's history: one write of one line, so concurrent runs never interleave. */
function recordHistory(projectDir: string, report: Report): void {
  const files = new ProjectFiles(projectDir);
  const git = gitInfo((path) => {
    const read = files.read(path, 64 * 1024);
    return read.ok ? read.text : undefined;
  });
  const file = join(projectDir, HISTORY_FILE);
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, "a", 0o644);
  try {
    writeSync(fd, `${JSON.stringify(historyEntry(report, git))}\n`);
  } finally {
    closeSync(fd);
  }
}

function emit(text: string, flags: { output?: string; force?: boolean }): void {
  if (flags.output) writeFileAtomic(flags.output, text, { force: flags.force });
  else process.stdout.write(text);
}

/** Colour only on a terminal, and never under NO_COLOR (https://no-color.org) or --no-color. */
function useColor(flag: boolean): boolean {
  if (!flag || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--as-of: "${value}" is not a real date written YYYY-MM-DD`);
  }
  return value;
}

function parseThreshold(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
      throw new UsageError(`${flag}: "${value}" is not a number of 0 or more`);
    }
    return n;
  };
}

function collectReport(value: string, targets: ReportTarget[] = []): ReportTarget[] {
  const eq = value.indexOf("=");
  const format = value.slice(0, Math.max(eq, 0));
  if (eq <= 0 || eq === value.length - 1) {
    throw new UsageError(`--report: "${value}" should be FORMAT=PATH, e.g. junit=reports/mltest.xml`);
  }
  if (!isFormat(format)) {
    throw new UsageError(`--report: unknown format "${format}"; formats: ${Object.keys(FORMATS).join(", ")}`);
  }
  return [...targets, { format, path: value.slice(eq + 1) }];
}

function collectFloor(value: string, floors: Record<string, number> = {}): Record<string, number> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new UsageError(`--min-section: "${value}" should be SECTION=N, e.g. monitor=1.5`);
  const id = value.slice(0, eq);
  return { ...floors, [id]: parseThreshold(`--min-section ${id}`)(value.slice(eq + 1)) };
}

/** Runs one command line and returns its exit code; the launcher sets process.exitCode. */
export async function main(argv: string[]): Promise<number> {
  // zod compiles a fast path per object schema with eval; a CLI parses each file once, so the
  // compilation costs more than it saves (and V8's code cache cannot keep it).
  zodConfig({ jitless: true });
  // A reader that stops early (`mltest score | head`) is not an error; the exit code still stands.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
  });
  const outcome: Outcome = { exit: EXIT.ok };
  try {
    await program(outcome).parseAsync(argv);
    return outcome.exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "exit" through here with code 0; anything else is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (err instanceof InputError) {
      for (const problem of err.problems) process.stderr.write(`mltest: ${formatProblem(problem)}\n`);
      return EXIT.error;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`mltest: ${err.message}\n`);
      return EXIT.error;
    }
    process.stderr.write(
      `mltest: internal error; please report it with the command you ran.\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    return EXIT.error;
  }
}
