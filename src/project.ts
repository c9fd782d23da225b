// Load → check → score → report for one project: everything `mltest score` does short of
// printing. Reads files; never touches `process`.
import { existsSync, statSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { detect } from "./detect/detect.js";
import { buildDetectReport } from "./detect/report.js";
import {
  checkEvidence,
  EVIDENCE_FILE,
  evidenceDir,
  findEvidence,
  type LoadedEvidence,
  type ParsedEvidence,
  parseEvidence,
  rubricRef,
} from "./load/evidence.js";
import { confineRubric, DEFAULT_RUBRIC, globTrust, type LoadedRubric, loadRubric, resolveRubric } from "./load/rubric.js";
import { didYouMean } from "./load/suggest.js";
import { buildReport } from "./report.js";
import type { DetectReport } from "./schema/detect.js";
import type { Report } from "./schema/report.js";
import type { Rubric } from "./schema/rubric.js";
import { claims } from "./score/claims.js";
import { evaluateGate, mergeThresholds, type Thresholds } from "./score/gate.js";
import { nextSteps } from "./score/next-steps.js";
import { maxFinal, score, sectionMax } from "./score/score.js";
import type { Source } from "./source.js";
import { UsageError } from "./util/errors.js";
import { own } from "./util/own.js";
import { confinement } from "./util/paths.js";
import { ProjectFiles } from "./verify/files.js";
import { verify } from "./verify/verify.js";

export interface ProjectOptions {
  /** --rubric: an id or a path relative to the working directory; beats the evidence file's. */
  rubric?: string;
  /** --evidence: the evidence file, when not <dir>/mltest.yaml. */
  evidence?: string;
  /** Rubrics already loaded, by file: many projects of one repository share one. */
  rubrics?: Map<string, LoadedRubric>;
  /** The folder `--recursive` was given: its projects' rubrics may lie anywhere inside it (a shared rubrics/). */
  repository?: string;
}

export interface LoadedProject {
  rubric: LoadedRubric;
  evidence: LoadedEvidence;
}

export function loadProject(dir: string, options: ProjectOptions = {}): LoadedProject {
  const roots = confinement(dir, ...(options.repository === undefined ? [] : [options.repository]));
  const { projectDir, file } = findEvidence(dir, options.evidence, roots);
  const parsed = parseEvidence(file, projectDir);
  const rubricFile = options.rubric ? resolveRubric(options.rubric, ".") : fileRubric(parsed, roots);
  const rubric = options.rubrics?.get(rubricFile) ?? loadRubric(rubricFile, { roots });
  options.rubrics?.set(rubricFile, rubric);
  return { rubric, evidence: checkEvidence(parsed, rubric.rubric) };
}

/** The rubric an evidence file names (or the default), which must lie inside `roots`. */
function fileRubric(parsed: ParsedEvidence, roots: string[]): string {
  const ref = rubricRef(parsed) ?? DEFAULT_RUBRIC;
  const origin = () => parsed.doc.locate(["rubric"], "");
  const file = resolveRubric(ref, evidenceDir(parsed), origin);
  confineRubric(ref, file, roots, origin);
  return file;
}

/**
 * What the repository in `dir` already shows, per rubric test. The rubric is --rubric, else the
 * one named by an existing evidence file, else the built-in default.
 */
export function detectProject(
  dir: string,
  options: { rubric?: string } = {},
): { rubric: LoadedRubric; report: DetectReport; evidenceFile: string } {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) throw new UsageError(`no such project directory: ${dir}`);
  const evidenceFile = join(projectDir, EVIDENCE_FILE);
  const roots = confinement(projectDir);
  let rubricFile: string;
  if (options.rubric) rubricFile = resolveRubric(options.rubric, ".");
  else if (existsSync(evidenceFile)) rubricFile = fileRubric(parseEvidence(findEvidence(dir, undefined, roots).file, projectDir), roots);
  else rubricFile = resolveRubric(DEFAULT_RUBRIC, ".");
  const rubric = loadRubric(rubricFile, { roots });
  const detection = detect(rubric.rubric, new ProjectFiles(projectDir), globTrust(rubricFile));
  const name = basename(projectDir);
  return {
    rubric,
    report: buildDetectReport(rubric, { name, dir: slashes(relative(resolve("."), projectDir)) || "." }, detection),
    evidenceFile,
  };
}

export interface ScoreOptions {
  asOf: string;
  /** --strict: unverified and stale claims score 0 (also `gate.strict` in the evidence file). */
  strict?: boolean;
  /** Command-line thresholds; they replace the evidence file's gate key by key. */
  thresholds: Thresholds;
  /** Where the report comes from (source.ts), filled by the CLI. */
  source?: Source;
}

/** Every pointer of the evidence file that does not resolve, by test, for `mltest validate`. */
export function brokenEvidence({ rubric, evidence }: LoadedProject, asOf: string): { test: string; pointer: string; message: string }[] {
  const verification = verify({ rubric: rubric.rubric, evidence: evidence.evidence, files: new ProjectFiles(evidence.projectDir), asOf });
  return [...verification].flatMap(([test, v]) =>
    v.findings.filter((f) => f.result === "broken").map((f) => ({ test, pointer: f.pointer, message: f.message })),
  );
}

export function scoreProject({ rubric, evidence }: LoadedProject, options: ScoreOptions): Report {
  checkThresholds(rubric.rubric, options.thresholds);
  const tests = evidence.evidence.tests;
  const verification = verify({
    rubric: rubric.rubric,
    evidence: evidence.evidence,
    files: new ProjectFiles(evidence.projectDir),
    asOf: options.asOf,
  });
  const strict = options.strict === true || evidence.evidence.gate?.strict === true;
  const views = claims({ claimOf: (id) => own(tests, id), verification, asOf: options.asOf, strict });
  const counted = score(rubric.rubric, views.counted);
  // The rubric's named gate, then the file's own thresholds, then the command line: each replaces
  // the one before key by key.
  const fileGate = evidence.evidence.gate;
  const preset = fileGate?.preset === undefined ? undefined : own(rubric.rubric.gates, fileGate.preset);
  const gate = evaluateGate(counted, mergeThresholds(mergeThresholds(preset, fileGate ?? {}), options.thresholds));
  return buildReport({
    rubric,
    evidence,
    projectDir: slashes(relative(resolve("."), evidence.projectDir)) || ".",
    evidenceFile: slashes(relative(evidence.projectDir, evidence.file)),
    asOf: options.asOf,
    strict,
    scores: { counted, claimed: score(rubric.rubric, views.claimed), withoutWaivers: score(rubric.rubric, views.withoutWaivers) },
    verification,
    gate,
    ...(fileGate?.preset !== undefined && { preset: fileGate.preset }),
    nextSteps: nextSteps(rubric.rubric, counted, views),
    ...(options.source && { source: options.source }),
  });
}

/** Command-line thresholds get the same checks as the evidence file's gate. */
function checkThresholds(rubric: Rubric, { minScore, minSection = {} }: Thresholds): void {
  if (minScore !== undefined && minScore > maxFinal(rubric)) {
    throw new UsageError(`--min-score: ${minScore} can never be reached; the final score's maximum is ${maxFinal(rubric)}`);
  }
  const sectionIds = rubric.sections.map((s) => s.id);
  for (const [id, floor] of Object.entries(minSection)) {
    const section = rubric.sections.find((s) => s.id === id);
    if (!section) {
      throw new UsageError(`--min-section: unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`);
    }
    if (floor > sectionMax(rubric, section)) {
      throw new UsageError(`--min-section: ${floor} can never be reached; section "${id}" scores at most ${sectionMax(rubric, section)}`);
    }
  }
}

function slashes(path: string): string {
  return path.split("\\").join("/");
}
