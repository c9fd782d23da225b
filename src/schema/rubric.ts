// The rubric file format (rubrics/*.yaml): one strict zod schema, types inferred from it.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";

export const STATUSES = ["none", "manual", "automated", "not-applicable"] as const;
/** Statuses that earn points; `not-applicable` leaves the section's sums instead. */
export const SCORED_STATUSES = ["none", "manual", "automated"] as const;

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and hyphens, e.g. data-1");
  // The pattern says in the JSON Schema what trimming says here: whitespace alone is empty.
  const text = z.string().regex(/\S/, "must not be empty").trim();
  // Bounded, so that sums of weights and points stay far from overflowing to Infinity (NaN scores).
  const LARGEST = 1_000_000;
  const positive = z.number().finite().positive("must be greater than 0").max(LARGEST, "must be at most 1000000");

  /**
   * One way a repository can show that a test is done, for `mltest detect` and `mltest init`.
   * Exactly one source: files matching globs (optionally containing a pattern), a dependency in a
   * Python or Node manifest, or a CI job whose commands match a pattern. An `automated` suggestion
   * must come from a CI job, the only source that shows the test runs repeatedly.
   */
  const detector = z
    .strictObject({
      what: text.describe('What was found, for people: "a Great Expectations checkpoint runs in CI".'),
      status: z.enum(["manual", "automated"]).describe("The status this signal suggests."),
      files: z.array(text).min(1).optional().describe("Globs relative to the project root."),
      contains: text.optional().describe("A regular expression a matching file must contain (with files)."),
      dependency: z
        .array(text)
        .min(1)
        .optional()
        .describe("Package names in requirements*.txt, pyproject.toml, setup.cfg, environment.yml, Pipfile or package.json."),
      ci: text.optional().describe("A regular expression matched against each CI job's commands."),
      scheduled: z.boolean().optional().describe("With ci: the job must run on a schedule."),
      pointer: z.enum(["path", "doc"]).optional().describe("With files: propose a doc pointer instead of a path."),
      corroborates: z
        .literal(true)
        .optional()
        .describe(
          "The signal only backs up another of the same test: it is reported, but suggests nothing on its own (a fixed seed, a dependency).",
        ),
      whenRun: z
        .enum(["automated", "manual"])
        .optional()
        .describe(
          "With files: what a hit in a file a CI job runs (a test its pytest collects, a script or entry point) suggests. automated by default; manual where the pattern shows a preparation rather than a check, such as a fixed seed.",
        ),
    })
    .check((ctx) => {
      const d = ctx.value;
      const sources = [d.files, d.dependency, d.ci].filter((s) => s !== undefined).length;
      const issue = (message: string) => ctx.issues.push({ code: "custom", message, input: d });
      if (sources !== 1) issue("give exactly one of files, dependency or ci");
      if (d.contains !== undefined && d.files === undefined) issue("contains goes with files");
      if (d.scheduled !== undefined && d.ci === undefined) issue("scheduled goes with ci");
      if (d.pointer !== undefined && d.files === undefined) issue("pointer goes with files");
      if (d.whenRun !== undefined && d.files === undefined) issue("whenRun goes with files");
      if (d.status === "automated" && d.ci === undefined)
        issue("only a ci detector can suggest automated: nothing else shows the test runs repeatedly");
    })
    // The same two rules for editors, in JSON Schema's terms: one source, and automated only from ci.
    .meta({
      oneOf: [{ required: ["files"] }, { required: ["dependency"] }, { required: ["ci"] }],
      if: { properties: { status: { const: "automated" } }, required: ["status"] },
      then: { required: ["ci"] },
    });

  const band = z.strictObject({
    max: z.number().finite().min(0),
    label: text,
    meaning: text.optional(),
  });

  /** Everything a test may say besides its id; the fields an extending rubric may override. */
  const testFields = {
    title: text.describe("The test's short name; in the built-in rubrics, the name the paper gives it."),
    heading: text.optional().describe("A longer name; in the built-in rubrics, the paper's own longer wording where it has one."),
    note: text.optional().describe("A remark shown with the test, such as how this edition of a test differs from another."),
    question: text.optional().describe("The test as a question for a review meeting and for mltest init."),
    why: text,
    how: text,
    manual: text.describe("The next action that earns the manual points: what a documented run looks like."),
    automated: text.describe("The next action that earns the automated points: what repeated automatic runs look like."),
    related: z.array(id).optional(),
    helpUri: z.url().optional(),
    maxAgeDays: maxAgeSchema().optional(),
    detect: z.array(detector).optional(),
    humanEvidence: text.optional().describe("What a person should point at, shown by mltest init."),
    disabled: text.optional().describe("Why this organisation does not use the test; it is listed, never scored."),
  };

  const test = z.strictObject({ id, ...testFields, weight: positive.default(1) });

  const section = z.strictObject({
    id,
    title: text,
    summary: text.optional(),
    weight: positive.default(1).describe("Used only by the weighted-mean aggregate."),
    maxAgeDays: maxAgeSchema().optional(),
    tests: z.array(test).min(1, "a section needs at least one test"),
  });

  const points = z.strictObject({
    none: z.number().finite().min(0).max(LARGEST),
    manual: z.number().finite().min(0).max(LARGEST),
    automated: z.number().finite().positive().max(LARGEST),
  });
  const aggregate = z.enum(["min", "weighted-mean"]);
  const threshold = z.number().finite().min(0);

  /** Named gates a project can choose with `gate: { preset: NAME }` in its evidence file. */
  const gates = record(
    id,
    z.strictObject({
      description: text.optional(),
      minScore: threshold.optional(),
      minSection: record(z.string(), threshold, "section").optional(),
    }),
    "gate",
  );

  const metadata = {
    id,
    title: text,
    version: z.union([text, z.number()]).transform(String),
    citation: text.optional(),
    url: z.url().optional(),
    description: text.optional(),
    maxAgeDays: maxAgeSchema().optional(),
    gates: gates.optional(),
  };

  const rubricSchema = z.strictObject({
    ...metadata,
    scoring: z.strictObject({
      points,
      aggregate: aggregate.default("min"),
      bands: z.array(band).min(1, "give at least one band"),
    }),
    sections: z.array(section).min(1, "a rubric needs at least one section"),
  });

  /**
   * A rubric that `extends` another (a built-in id or a relative path) and changes only what it
   * names: scoring parts, gates, maximum ages; any test's fields by id (`tests:`), including
   * `disabled: REASON`; and `sections:`, where an existing id takes new fields and appended tests,
   * and a new id adds a whole section.
   */
  const rubricExtensionSchema = z.strictObject({
    ...metadata,
    extends: text.describe("A built-in rubric id or a path relative to this file."),
    scoring: z
      .strictObject({ points: points.optional(), aggregate: aggregate.optional(), bands: z.array(band).min(1).optional() })
      .optional(),
    tests: record(
      z.string(),
      z.strictObject({
        ...z.strictObject(testFields).partial().shape,
        // null removes the base's value, as in a JSON merge patch (RFC 7386).
        heading: testFields.heading.unwrap().nullable().optional().describe("A longer name; null removes the base's."),
        note: testFields.note.unwrap().nullable().optional().describe("A remark shown with the test; null removes the base's."),
        weight: positive.optional(),
      }),
      "test id",
    )
      .optional()
      .describe("Overrides of the base's tests, by id; a field set to null removes the base's heading or note."),
    sections: z
      .array(
        z.strictObject({
          id,
          title: text.optional(),
          summary: text.optional(),
          weight: positive.optional(),
          maxAgeDays: maxAgeSchema().optional(),
          tests: z.array(test).optional().describe("Tests added to the section."),
        }),
      )
      .optional(),
  });
  return { rubric: rubricSchema, extension: rubricExtensionSchema, detector };
});

export const rubricSchema = () => built().rubric;
export const rubricExtensionSchema = () => built().extension;
/**
 * How old evidence may be before it is stale, in days: a manual run's `verified` date, and a
 * JUnit report's timestamp. Set per rubric, section or test, and overridden by the evidence file.
 * Built on its own: the evidence file uses it without the rest of the rubric's schema.
 */
export const maxAgeSchema = once(() =>
  z.strictObject({
    verified: z.number().int().positive().optional().describe("Days since a manual run's verified date."),
    report: z.number().int().positive().optional().describe("Days since a JUnit report's timestamp."),
  }),
);

export type Rubric = z.output<ReturnType<typeof rubricSchema>>;
export type RubricInput = z.input<ReturnType<typeof rubricSchema>>;
export type RubricExtension = z.output<ReturnType<typeof rubricExtensionSchema>>;
export type RubricSection = Rubric["sections"][number];
export type RubricTest = RubricSection["tests"][number];
export type Band = Rubric["scoring"]["bands"][number];
export type Status = (typeof STATUSES)[number];
export type ScoredStatus = (typeof SCORED_STATUSES)[number];
export type MaxAge = z.output<ReturnType<typeof maxAgeSchema>>;
export type Detector = z.output<ReturnType<typeof built>["detector"]>;
