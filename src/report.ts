// Assembles the one report object that every format renders. Pure: loaded inputs in, report out.
import pkg from "../package.json" with { type: "json" };
import type { LoadedEvidence } from "./load/evidence.js";
import type { LoadedRubric } from "./load/rubric.js";
import { type Report, type ReportTest, SCHEMA_VERSION } from "./schema/report.js";
import type { Status } from "./schema/rubric.js";
import { waiverExpired } from "./score/claims.js";
import type { GateResult } from "./score/gate.js";
import type { NextStep } from "./score/next-steps.js";
import type { Scores } from "./score/score.js";
import type { Source } from "./source.js";
import { own } from "./util/own.js";
import type { Verification } from "./verify/verify.js";

export const TOOL = { name: "mltest" as const, version: pkg.version };

export interface ReportInput {
  rubric: LoadedRubric;
  evidence: LoadedEvidence;
  /** Project root relative to the working directory, with forward slashes. */
  projectDir: string;
  /** Evidence file relative to the project root, with forward slashes. */
  evidenceFile: string;
  asOf: string;
  strict: boolean;
  /** What counts, what the file claims, and what would count if no waiver held. */
  scores: { counted: Scores; claimed: Scores; withoutWaivers: Scores };
  verification: ReadonlyMap<string, Verification>;
  gate: GateResult;
  /** The rubric's named gate the evidence file chose, if any. */
  preset?: string;
  nextSteps: NextStep[];
  /** Where the report comes from (source.ts); the CLI fills it. */
  source?: Source;
}

/** The status a test was scored with: its claim, or none when the claim does not count. */
export function countedStatus(test: ReportTest): Status {
  if (test.waiver?.expired) return "none";
  return test.points < test.claimed ? "none" : test.status;
}

export function buildReport(input: ReportInput): Report {
  const { rubric, sha256 } = input.rubric;
  const { evidence, doc } = input.evidence;
  const { counted, claimed, withoutWaivers } = input.scores;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: TOOL,
    rubric: {
      id: rubric.id,
      title: rubric.title,
      version: rubric.version,
      sha256,
      ...(input.rubric.chain.length > 0 && { extends: input.rubric.chain }),
    },
    project: {
      name: input.evidence.projectName,
      dir: input.projectDir,
      evidenceFile: input.evidenceFile,
      ...(evidence.owner !== undefined && { owner: evidence.owner }),
    },
    ...(input.source && { source: input.source }),
    asOf: input.asOf,
    mode: input.strict ? "strict" : "default",
    sections: rubric.sections.map((section, i) => {
      const scored = counted.sections[i]!;
      return {
        id: section.id,
        title: section.title,
        score: scored.score,
        claimed: claimed.sections[i]!.score,
        max: scored.max,
        tests: section.tests.map((test, j) => {
          const { points, weight } = scored.tests[j]!;
          const { status, points: claimedPoints } = claimed.sections[i]!.tests[j]!;
          const claim = own(evidence.tests, test.id);
          const line = claim ? doc.locate(["tests", test.id], "").line : undefined;
          const verification = input.verification.get(test.id);
          return {
            id: test.id,
            title: test.title,
            why: test.why,
            how: test.how,
            status,
            points,
            claimed: claimedPoints,
            weight,
            ...(claim?.owner !== undefined && { owner: claim.owner }),
            ...(claim?.verified !== undefined && { verified: claim.verified }),
            evidence: (claim?.evidence ?? []).map((pointer) => ({ ...pointer })),
            ...(claim?.reason !== undefined && { reason: claim.reason }),
            ...(test.disabled !== undefined && { disabled: test.disabled }),
            ...(claim?.notes !== undefined && { notes: claim.notes }),
            ...(line !== undefined && { line }),
            ...(verification && { verification: { state: verification.state, findings: verification.findings } }),
            ...(status === "not-applicable" &&
              test.disabled === undefined && {
                waiver: {
                  ...(claim?.approvedBy !== undefined && { approvedBy: claim.approvedBy }),
                  ...(claim?.approved !== undefined && { approved: claim.approved }),
                  ...(claim?.expires !== undefined && { expires: claim.expires }),
                  expired: waiverExpired(claim, input.asOf),
                },
              }),
          };
        }),
      };
    }),
    final: {
      score: counted.final.score,
      claimed: claimed.final.score,
      withoutWaivers: withoutWaivers.final.score,
      max: counted.final.max,
      aggregate: counted.final.aggregate,
      weakest: counted.final.weakest,
      band: counted.final.band,
    },
    gate: {
      passed: input.gate.passed,
      ...(input.preset !== undefined && { preset: input.preset }),
      checks: input.gate.checks,
      ...(input.gate.raise && { raise: input.gate.raise }),
    },
    nextSteps: input.nextSteps,
  };
}
