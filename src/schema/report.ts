// The JSON report (`--format json`): a versioned contract for CI users. Keys are declared in the
// order they are printed; bump SCHEMA_VERSION on any change that could break a reader.
// The one source of the report's types: the code that builds each part (gate.ts, next-steps.ts,
// verify.ts, compare.ts) uses the types inferred below, so a field the schema does not know
// cannot be added to one of them alone, printed, and then refused when the report is read back.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";
import { STATUSES } from "./rubric.js";

/** What could be proved of a claim (src/verify/verify.ts). */
export const VERIFICATION_STATES = ["verified", "unverified", "stale", "broken"] as const;

/** Version 2 added `source`, `project.owner` and each test's why and how; version 1 reports still read. */
export const SCHEMA_VERSION = 2;

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const score = z.number().min(0);

  const reportTest = z.strictObject({
    id: z.string(),
    title: z.string(),
    why: z.string().optional().describe("Why the test matters (from schemaVersion 2), so that a saved report renders on its own."),
    how: z.string().optional().describe("How to do it (from schemaVersion 2)."),
    status: z.enum(STATUSES),
    points: score.describe("The points that count: 0 when broken, or in strict mode unverified or stale."),
    claimed: score.describe("The rubric's points for the status the file claims; 0 for not-applicable."),
    weight: z.number().positive(),
    owner: z.string().optional(),
    verified: z.string().optional(),
    evidence: z.array(record(z.string(), z.union([z.string(), z.boolean()]), "pointer field")),
    reason: z.string().optional(),
    disabled: z.string().optional().describe("The rubric disables this test, for this reason; it is not scored."),
    notes: z.string().optional(),
    line: z.number().int().min(1).optional().describe("Line of this test in the evidence file."),
    verification: z
      .strictObject({
        state: z.enum(VERIFICATION_STATES),
        findings: z.array(
          z.strictObject({
            pointer: z.string(),
            result: z.enum(["ok", "info", "unverified", "stale", "broken"]),
            message: z.string(),
          }),
        ),
      })
      .optional()
      .describe("For manual and automated claims: what mltest could check."),
    waiver: z
      .strictObject({
        approvedBy: z.string().optional(),
        approved: z.string().optional(),
        expires: z.string().optional(),
        expired: z.boolean(),
      })
      .optional()
      .describe("For not-applicable tests; an expired waiver counts as none."),
  });

  const reportSection = z.strictObject({
    id: z.string(),
    title: z.string(),
    score,
    claimed: score.describe("The score if every claim in the file counted."),
    max: score,
    tests: z.array(reportTest),
  });

  const gateCheck = z.strictObject({
    target: z.string().describe('"final" or "section:<id>"'),
    expected: score,
    actual: score,
    passed: z.boolean(),
    message: z.string(),
  });

  const change = z.strictObject({
    target: z.string().describe('"final", "section:<id>" or "test:<id>"'),
    before: z.string(),
    after: z.string(),
    direction: z.union([z.literal(1), z.literal(-1)]),
    message: z.string(),
  });

  const raise = z.strictObject({
    target: z.string(),
    expected: score,
    actual: score,
    suggested: score,
    message: z.string(),
  });

  const nextStep = z.strictObject({
    section: z.string(),
    test: z.string(),
    title: z.string(),
    kind: z.enum(["fix-evidence", "raise"]).describe("fix-evidence: the claim stands but its proof does not count yet."),
    from: z.enum(STATUSES),
    to: z.enum(["manual", "automated"]),
    gain: score.describe("What the move adds to its section's score."),
    action: z.string(),
  });

  const reportSchema = z.strictObject({
    schemaVersion: z.literal([1, SCHEMA_VERSION]).describe("2 since source, project.owner and tests' why and how; 1 is still read."),
    tool: z.strictObject({ name: z.literal("mltest"), version: z.string() }),
    rubric: z.strictObject({
      id: z.string(),
      title: z.string(),
      version: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      extends: z
        .array(z.strictObject({ id: z.string(), version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
        .optional()
        .describe("The rubrics this one extends, nearest first."),
    }),
    project: z.strictObject({
      name: z.string(),
      dir: z.string().describe("The project root, relative to the directory mltest ran in."),
      evidenceFile: z.string().describe("Relative to the project root."),
      owner: z.string().optional().describe("The team that owns the project (mltest.yaml's owner)."),
    }),
    source: z
      .strictObject({
        repository: z.string().optional().describe("host/path of the repository, e.g. github.com/acme/fraud."),
        commit: z.string().optional(),
        branch: z.string().optional(),
        runUrl: z.string().optional().describe("The CI run that made the report."),
        generatedAt: z.string().describe("When the report was made, UTC (SOURCE_DATE_EPOCH when set)."),
      })
      .optional()
      .describe("Where the report comes from (from schemaVersion 2): flags, then the CI system's variables, then .git."),
    asOf: z.iso.date(),
    mode: z.enum(["default", "strict"]).describe("strict scores unverified and stale claims as 0."),
    sections: z.array(reportSection),
    final: z.strictObject({
      score,
      claimed: score,
      withoutWaivers: score.describe("The score if every not-applicable waiver counted as none."),
      max: score,
      aggregate: z.enum(["min", "weighted-mean"]),
      weakest: z.array(z.string()).describe("The sections whose score is lowest."),
      band: z.strictObject({ label: z.string(), min: score, max: score }),
    }),
    gate: z.strictObject({
      passed: z.boolean(),
      preset: z.string().optional(),
      checks: z.array(gateCheck),
      raise: z.array(raise).optional().describe("Thresholds the score now clears by half a point or more."),
    }),
    baseline: z
      .strictObject({
        file: z.string(),
        regressions: z.array(change),
        improvements: z.array(change),
        added: z.array(z.string()),
        removed: z.array(z.string()),
        note: z.string().optional(),
      })
      .optional()
      .describe("The comparison with --baseline; every regression is also a failed gate check."),
    nextSteps: z.array(nextStep),
  });
  return { report: reportSchema };
});

export const reportSchema = () => built().report;

export type Report = z.output<ReturnType<typeof reportSchema>>;
export type ReportSection = Report["sections"][number];
export type ReportTest = ReportSection["tests"][number];
/** What mltest could check of a claim (src/verify/verify.ts). */
export type Verification = NonNullable<ReportTest["verification"]>;
export type VerificationState = Verification["state"];
export type Finding = Verification["findings"][number];
/** The gate's verdict (src/score/gate.ts). */
export type ReportGate = Report["gate"];
export type GateCheck = ReportGate["checks"][number];
export type GateRaise = NonNullable<ReportGate["raise"]>[number];
/** The comparison with a baseline (src/compare.ts). */
export type ReportBaseline = NonNullable<Report["baseline"]>;
export type Change = ReportBaseline["regressions"][number];
/** The cheapest moves that raise the score (src/score/next-steps.ts). */
export type NextStep = Report["nextSteps"][number];
