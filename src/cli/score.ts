// score, checklist and badge: one project, or every project of a repository (--recursive);
// baselines and recorded history.
import { existsSync, lstatSync, type Stats } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { withBaseline } from "../compare.js";
import { formatBadge } from "../format/badge.js";
import { type CommitInfo, formatChecklist } from "../format/checklist.js";
import { lastRecorded, type PreviousReview, previousFromHistory, previousFromReport } from "../format/checklist-changes.js";
import { ciSafe } from "../format/escape.js";
import { CI_SAFE_STYLE, FORMATS } from "../format/index.js";
import { MONOREPO_CI_SAFE_STYLE, MONOREPO_FORMATS } from "../format/monorepo.js";
import { isFormatOf } from "../format/registry.js";
import { plural } from "../format/text.js";
import { gitInfo, HISTORY_FILE, historyEntry } from "../history.js";
import { EVIDENCE_FILE } from "../load/evidence.js";
import { loadReport } from "../load/report.js";
import { didYouMean } from "../load/suggest.js";
import { displayPath } from "../load/yaml.js";
import { scoreAll, worstFirst } from "../monorepo.js";
import { loadProject, scoreProject } from "../project.js";
import type { Report } from "../schema/report.js";
import type { Thresholds } from "../score/gate.js";
import { UsageError } from "../util/errors.js";
import { appendLine } from "../util/write.js";
import { ProjectFiles } from "../verify/files.js";
import { readHistory } from "./history.js";
import {
  type ChecklistFlags,
  EXIT,
  emit,
  type ProjectFlags,
  type ScoreFlags,
  today,
  useColor,
  warn,
  warnProblems,
  writeRoots,
} from "./io.js";
import { sourceFor } from "./source.js";

export function runScore(dir: string, flags: ScoreFlags): number | undefined {
  const asOf = flags.asOf ?? today();
  const thresholds: Thresholds = { minScore: flags.minScore, minSection: flags.minSection };
  checkLinkBase(flags);
  if (flags.recursive) return scoreRecursive(dir, flags, asOf, thresholds);
  if (flags.updateBaseline && !flags.baseline) throw new UsageError("--update-baseline needs --baseline FILE");
  const project = loadProject(dir, flags);
  const source = sourceFor(project.evidence.projectDir, flags);
  let report = scoreProject(project, { asOf, strict: flags.strict, thresholds, source });
  const rubric = project.rubric.rubric;
  if (flags.baseline && existsSync(flags.baseline)) report = withBaseline(report, loadReport(flags.baseline), displayPath(flags.baseline));
  else if (flags.baseline && !flags.updateBaseline) {
    throw new UsageError(`no baseline at ${flags.baseline}; write one with --baseline ${flags.baseline} --update-baseline`);
  }
  const roots = writeRoots(project.evidence.projectDir);
  // Only the HTML page draws the recorded runs; skipped lines are left to `mltest trend` to report.
  const drawsTrend = flags.format === "html" || (flags.report ?? []).some((t) => t.format === "html");
  const history = drawsTrend ? readHistory(project.evidence.projectDir).entries : [];
  // Links in an HTML page lead from where the page is written to the project's files.
  const linkBase = (file: string | undefined) =>
    flags.linkBase ??
    (file === undefined
      ? undefined
      : relative(dirname(resolve(file)), project.evidence.projectDir)
          .split("\\")
          .join("/") || ".");
  for (const target of flags.report ?? []) {
    const context = { color: false, rubric, history, linkBase: linkBase(target.path) };
    emit(FORMATS[target.format](report, context), target.path, CI_SAFE_STYLE[target.format], roots);
  }
  if (flags.updateBaseline && flags.baseline) {
    const regressions = report.baseline?.regressions.length ?? 0;
    if (regressions > 0) warn(`baseline ${flags.baseline} kept: ${plural(regressions, "regression")}`);
    else {
      emit(FORMATS.json(report), flags.baseline, CI_SAFE_STYLE.json, roots);
      warn(`baseline ${flags.baseline} updated`);
    }
  }
  if (flags.record) recordHistory(project.evidence.projectDir, report);
  const color = !flags.output && useColor(flags.color);
  emit(
    FORMATS[flags.format](report, { color, rubric, history, linkBase: linkBase(flags.output) }),
    flags.output,
    CI_SAFE_STYLE[flags.format],
    roots,
  );
  return report.gate.passed ? EXIT.ok : EXIT.gateFailed;
}

/** --link-base: an http(s) URL prefix or a folder, and only where an HTML page is written. */
function checkLinkBase(flags: ScoreFlags): void {
  if (flags.linkBase === undefined) return;
  if (flags.format !== "html" && !(flags.report ?? []).some((t) => t.format === "html")) {
    throw new UsageError("--link-base sets where an HTML page's links lead: use it with --format html or --report html=PATH");
  }
  if (
    flags.linkBase === "" ||
    (/^[a-z][a-z0-9+.-]*:/i.test(flags.linkBase) && !/^https?:\/\/[^/]/i.test(flags.linkBase) && !/^[a-z]:[\\/]/i.test(flags.linkBase))
  ) {
    throw new UsageError(
      `--link-base ${JSON.stringify(flags.linkBase)}: give an http(s) URL prefix (https://example.org/repo/blob/main/project) or a folder, relative to the page or absolute`,
    );
  }
}

/** `score --recursive`: every project below dir, worst first; exit 2 if any had bad input. */
export function scoreRecursive(dir: string, flags: ScoreFlags, asOf: string, thresholds: Thresholds): number {
  if (!existsSync(dir)) throw new UsageError(`no such directory: ${dir}`);
  const format = flags.format;
  if (!isFormatOf(MONOREPO_FORMATS, format)) {
    throw new UsageError(`--recursive gives one combined report: --format ${Object.keys(MONOREPO_FORMATS).join(", ")}`);
  }
  if (flags.baseline || flags.record || flags.report || flags.rubric || flags.evidence) {
    throw new UsageError(
      "--baseline, --record, --report, --rubric and --evidence work on one project at a time; with --recursive each project uses its own mltest.yaml and rubric",
    );
  }
  const results = worstFirst(scoreAll(dir, { asOf, strict: flags.strict, thresholds, source: sourceFor(dir, flags) }));
  // A mistyped folder must not pass CI quietly.
  if (results.length === 0) throw new UsageError(`no ${EVIDENCE_FILE} below ${dir}: nothing to score`);
  for (const r of results) if ("problems" in r) warnProblems(r.problems);
  const color = !flags.output && useColor(flags.color);
  emit(MONOREPO_FORMATS[format]({ results, asOf }, { color }), flags.output, MONOREPO_CI_SAFE_STYLE[format], writeRoots(dir));
  if (results.some((r) => "problems" in r)) return EXIT.error;
  return results.every((r) => "report" in r && r.report.gate.passed) ? EXIT.ok : EXIT.gateFailed;
}

/** Appends one line to the project's history (write.ts appendLine: a whole line or nothing). */
export function recordHistory(projectDir: string, report: Report): void {
  const files = new ProjectFiles(projectDir);
  const git = gitInfo((path) => {
    const read = files.read(path, 64 * 1024);
    return read.ok ? read.text : undefined;
  });
  const file = displayPath(join(projectDir, HISTORY_FILE));
  appendLine(file, ciSafe(`${JSON.stringify(historyEntry(report, git))}\n`, "json"), { roots: writeRoots(projectDir) });
}

export function runChecklist(dir: string, flags: ChecklistFlags): number | undefined {
  const asOf = flags.asOf ?? today();
  const options = (_report: Report, projectDir: string) => ({
    onlyMissing: flags.only === "missing",
    sections: flags.section,
    brief: flags.brief,
    // Links lead from where the document is written (or from the working directory) to the project's files.
    linkBase:
      relative(flags.output ? dirname(resolve(flags.output)) : process.cwd(), projectDir)
        .split("\\")
        .join("/") || ".",
    commit: commitOf(projectDir),
    previous: previousReview(projectDir, flags.baseline, asOf),
  });
  if (flags.recursive) {
    if (flags.baseline)
      throw new UsageError(
        "--baseline works on one project at a time; with --recursive each project is compared with its own recorded history",
      );
    const results = scoreAll(dir, { asOf, strict: flags.strict, thresholds: {} });
    for (const r of results) if ("problems" in r) warnProblems(r.problems);
    const documents = results.flatMap((r) => ("report" in r ? [formatChecklist(r.report, options(r.report, resolve(r.dir)))] : []));
    emit(documents.join("\n---\n\n"), flags.output, CI_SAFE_STYLE.checklist, writeRoots(dir));
    return results.some((r) => "problems" in r) ? EXIT.error : EXIT.ok;
  }
  const project = loadProject(dir, flags);
  const sectionIds = project.rubric.rubric.sections.map((s) => s.id);
  for (const id of flags.section ?? []) {
    if (!sectionIds.includes(id)) {
      throw new UsageError(`--section: unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`);
    }
  }
  const report = scoreProject(project, { asOf, strict: flags.strict, thresholds: {} });
  emit(
    formatChecklist(report, options(report, project.evidence.projectDir)),
    flags.output,
    CI_SAFE_STYLE.checklist,
    writeRoots(project.evidence.projectDir),
  );
}

/**
 * The commit the project is at, from its own .git folder's files (no git process is run). A .git
 * FILE (a worktree or a submodule) points elsewhere and is not followed, nor is a link.
 */
export function commitOf(projectDir: string): CommitInfo {
  let stat: Stats;
  try {
    stat = lstatSync(join(projectDir, ".git"));
  } catch {
    // The common case (a project in a repository's subfolder, or no repository): plain "unknown",
    // as `score --format checklist`, which reads no .git, says it.
    return {};
  }
  if (stat.isFile()) return { why: "the project's .git is a file (a worktree or submodule), which mltest does not follow" };
  if (!stat.isDirectory()) return { why: "the project's .git is not a folder" };
  const files = new ProjectFiles(projectDir);
  const git = gitInfo((path) => {
    const read = files.read(path, 64 * 1024);
    return read.ok ? read.text : undefined;
  });
  return git.commit ? git : { ...git, why: "the .git folder's HEAD names no commit mltest could read" };
}

/** The review to compare with: --baseline's report, else the last run recorded on or before asOf. */
function previousReview(projectDir: string, baseline: string | undefined, asOf: string): PreviousReview | undefined {
  if (baseline) return previousFromReport(loadReport(baseline), displayPath(baseline));
  const { entries, problems } = readHistory(projectDir);
  warnProblems(problems);
  const last = lastRecorded(entries, asOf);
  return last && previousFromHistory(last);
}

export function runBadge(dir: string, flags: ProjectFlags & { output?: string; force?: boolean }): number {
  const project = loadProject(dir, flags);
  const report = scoreProject(project, { asOf: flags.asOf ?? today(), strict: flags.strict, thresholds: {} });
  emit(formatBadge(report, { color: false, rubric: project.rubric.rubric }), flags.output, "xml", writeRoots(project.evidence.projectDir));
  return EXIT.ok;
}
