// Load → check → score → report for one project: everything `mltest score` does short of
// printing. Reads files; never touches `process`.
import { relative } from "node:path";
import { UsageError } from "./errors.js";
import { checkEvidence, evidenceDir, findEvidence, parseEvidence, type LoadedEvidence } from "./load/evidence.js";
import { DEFAULT_RUBRIC, loadRubric, resolveRubric, type LoadedRubric } from "./load/rubric.js";
import { didYouMean } from "./load/suggest.js";
import { buildReport } from "./report.js";
import type { Report } from "./schema/report.js";
import { evaluateGate, mergeThresholds, type Thresholds } from "./score/gate.js";
import { nextSteps } from "./score/next-steps.js";
import { score } from "./score/score.js";

export interface ProjectOptions {
  /** --rubric: an id or a path relative to the working directory; beats the evidence file's. */
  rubric?: string;
  /** --evidence: the evidence file, when not <dir>/mltest.yaml. */
  evidence?: string;
}

export interface LoadedProject {
  rubric: LoadedRubric;
  evidence: LoadedEvidence;
}

export function loadProject(dir: string, options: ProjectOptions = {}): LoadedProject {
  const { projectDir, file } = findEvidence(dir, options.evidence);
  const evidence = parseEvidence(file, projectDir);
  const fromFile = evidence.evidence.rubric;
  const rubricFile = options.rubric
    ? resolveRubric(options.rubric, ".")
    : resolveRubric(fromFile ?? DEFAULT_RUBRIC, evidenceDir(evidence), () =>
        evidence.source.locate(["rubric"], ""),
      );
  const rubric = loadRubric(rubricFile);
  checkEvidence(evidence, rubric.rubric);
  return { rubric, evidence };
}

export interface ScoreOptions {
  asOf: string;
  /** Command-line thresholds; they replace the evidence file's gate key by key. */
  thresholds: Thresholds;
}

export function scoreProject({ rubric, evidence }: LoadedProject, options: ScoreOptions): Report {
  const sectionIds = rubric.rubric.sections.map((s) => s.id);
  for (const id of Object.keys(options.thresholds.minSection ?? {})) {
    if (!sectionIds.includes(id)) {
      throw new UsageError(`--min-section: unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`);
    }
  }
  const scores = score(rubric.rubric, (id) => evidence.evidence.tests[id]?.status ?? "none");
  const gate = evaluateGate(scores, mergeThresholds(evidence.evidence.gate, options.thresholds));
  return buildReport({
    rubric,
    evidence,
    evidenceFile: relative(evidence.projectDir, evidence.file).split("\\").join("/"),
    asOf: options.asOf,
    scores,
    gate,
    nextSteps: nextSteps(rubric.rubric, scores),
  });
}
