// Assembles the one report object that every format renders. Pure: loaded inputs in, report out.
import pkg from "../package.json" with { type: "json" };
import type { LoadedEvidence } from "./load/evidence.js";
import { own } from "./own.js";
import type { LoadedRubric } from "./load/rubric.js";
import { SCHEMA_VERSION, type Report } from "./schema/report.js";
import type { GateResult } from "./score/gate.js";
import type { NextStep } from "./score/next-steps.js";
import type { Scores } from "./score/score.js";

export const TOOL = { name: "mltest" as const, version: pkg.version };

export interface ReportInput {
  rubric: LoadedRubric;
  evidence: LoadedEvidence;
  /** Project root relative to the working directory, with forward slashes. */
  projectDir: string;
  /** Evidence file relative to the project root, with forward slashes. */
  evidenceFile: string;
  asOf: string;
  scores: Scores;
  gate: GateResult;
  nextSteps: NextStep[];
}

export function buildReport(input: ReportInput): Report {
  const { rubric, sha256 } = input.rubric;
  const { evidence, doc } = input.evidence;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    rubric: { id: rubric.id, title: rubric.title, version: rubric.version, sha256 },
    project: { name: input.evidence.projectName, dir: input.projectDir, evidenceFile: input.evidenceFile },
    asOf: input.asOf,
    sections: rubric.sections.map((section, i) => {
      const scored = input.scores.sections[i]!;
      return {
        id: section.id,
        title: section.title,
        score: scored.score,
        max: scored.max,
        tests: section.tests.map((test, j) => {
          const { status, points, weight } = scored.tests[j]!;
          const claim = own(evidence.tests, test.id);
          const line = claim ? doc.locate(["tests", test.id], "").line : undefined;
          return {
            id: test.id,
            title: test.title,
            status,
            points,
            weight,
            ...(claim?.owner !== undefined && { owner: claim.owner }),
            ...(claim?.verified !== undefined && { verified: claim.verified }),
            evidence: (claim?.evidence ?? []).map((pointer) => ({ ...pointer })),
            ...(claim?.reason !== undefined && { reason: claim.reason }),
            ...(claim?.notes !== undefined && { notes: claim.notes }),
            ...(line !== undefined && { line }),
          };
        }),
      };
    }),
    final: input.scores.final,
    gate: input.gate,
    nextSteps: input.nextSteps,
  };
}
