// The evidence file format (mltest.yaml): one strict zod schema, types inferred from it.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";
import { maxAgeSchema, STATUSES } from "./rubric.js";

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const text = z.string().trim().min(1, "must not be empty");
  const relPath = text.describe("A path relative to the project root.");

  // Each pointer names exactly one kind of proof; strict objects turn a misspelt kind into an error.
  const pointer = z.union([
    z.strictObject({ path: relPath.describe("A file or glob that must match inside the project.") }),
    z.strictObject({ doc: relPath.describe("A document recording a manual run.") }),
    z.strictObject({
      ci: text.describe("WORKFLOW-FILE#JOB, e.g. .github/workflows/ci.yml#validate-data"),
      runs: text.optional().describe("Text that must appear in the job's steps or script."),
      scheduled: z.boolean().optional().describe("The job must run on a schedule."),
    }),
    z.strictObject({
      report: relPath.describe("A JUnit XML report whose cases all passed."),
      cases: text.optional().describe("Only the test cases whose name contains this text."),
    }),
    z.strictObject({
      url: z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).describe("Shown in reports, never fetched."),
    }),
  ]);

  const date = z.iso.date("must be a real date written YYYY-MM-DD");

  const testEvidence = z.strictObject({
    status: z.enum(STATUSES, {
      error: (issue) => `unknown status ${JSON.stringify(issue.input)}; expected one of: ${STATUSES.join(", ")}`,
    }),
    evidence: z.array(pointer).optional(),
    owner: text.optional(),
    verified: date.optional().describe("When the manual run was last done."),
    notes: text.optional(),
    reason: text.optional().describe("Why the test does not apply; required for not-applicable."),
    approvedBy: text.optional().describe("Who approved the not-applicable waiver."),
    approved: date.optional().describe("The day the not-applicable waiver was approved; a day after --as-of is broken."),
    expires: date.optional().describe("The day a not-applicable waiver ends; from then the test counts as none."),
    maxAgeDays: maxAgeSchema().optional(),
  });

  const threshold = z.number().finite().min(0);

  // A detection the user dismissed: `init --merge` never adds it back. With a pointer's fields it is
  // that pointer (every field given must match); with only a test id, everything detected for it.
  const pointerKinds = ["path", "doc", "ci", "report", "url"] as const;
  const ignored = z
    .strictObject({
      test: z
        .string({
          error: (issue) =>
            issue.input === undefined ? 'an ignore entry names the test it is for: add "test: TEST-ID"' : "must be a test id",
        })
        .trim()
        .min(1, "must not be empty")
        .describe("The rubric test the detection is for, e.g. data-5."),
      path: relPath.optional(),
      doc: relPath.optional(),
      ci: text.optional(),
      runs: text.optional(),
      scheduled: z.boolean().optional(),
      report: relPath.optional(),
      cases: text.optional(),
      url: text.optional(),
      reason: text.optional().describe("Why it was dismissed, for the next reader."),
    })
    .describe(
      "A detection not to add back: a test id with one pointer's fields (that pointer), or a test id alone (all of that test's detections).",
    )
    .superRefine((entry, ctx) => {
      const kinds = pointerKinds.filter((k) => entry[k] !== undefined);
      if (kinds.length > 1)
        ctx.addIssue({
          code: "custom",
          path: [kinds[1]!],
          message: `one pointer per entry, and this one names ${kinds.join(" and ")}: give each pointer an entry of its own`,
        });
      for (const [field, kind] of [
        ["runs", "ci"],
        ["scheduled", "ci"],
        ["cases", "report"],
      ] as const) {
        if (entry[field] !== undefined && entry[kind] === undefined)
          ctx.addIssue({
            code: "custom",
            path: [field],
            message: `"${field}" belongs to a ${kind} pointer; give the ${kind} it goes with`,
          });
      }
    });

  const evidenceSchema = z.strictObject({
    project: text.optional(),
    owner: text.optional().describe("The team that owns the project; reports and mltest fleet show it."),
    rubric: text.optional().describe("A built-in rubric id or a path relative to this file."),
    gate: z
      .strictObject({
        preset: z.string().optional().describe("A named gate from the rubric (e.g. production); minScore and minSection override it."),
        minScore: threshold.optional(),
        minSection: record(z.string(), threshold, "section").optional(),
        strict: z.boolean().optional().describe("Score unverified and stale claims as 0."),
      })
      .optional(),
    maxAgeDays: maxAgeSchema().optional(),
    // prefault, not default: zod leaves a default over record()'s preprocess step out of the JSON Schema.
    tests: record(z.string(), testEvidence, "test id").prefault({}),
    ignore: z
      .array(ignored)
      .optional()
      .describe("Detections that mltest init --merge must not add back (pointers or tests removed on purpose)."),
  });
  return { evidence: evidenceSchema, pointer, ignored, testKeys: Object.keys(testEvidence.shape) };
});

export const evidenceSchema = () => built().evidence;
/** The keys a test's mapping may hold (status, evidence, owner, …). */
export const testKeys = (): readonly string[] => built().testKeys;

export type Evidence = z.output<ReturnType<typeof evidenceSchema>>;
export type TestEvidence = Evidence["tests"][string];
export type Pointer = z.output<ReturnType<typeof built>["pointer"]>;
export type Gate = NonNullable<Evidence["gate"]>;
export type Ignored = z.output<ReturnType<typeof built>["ignored"]>;
