// The report's types are the zod schema's: every part built outside src/schema (the gate, next
// steps, verification, the baseline comparison, history entries) is typed by what the schema
// infers, so a field added to one alone does not compile. Checked at the type level (tsc, in
// npm test) and at run time: what the CLI prints parses with the schema to the very same value.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import type * as z from "zod";
import { type Change, type Comparison, compare, withBaseline } from "../src/compare.js";
import { type GitInfo, historyEntry } from "../src/history.js";
import { detectProject, scoreProject } from "../src/project.js";
import { buildReport } from "../src/report.js";
import { detectReportSchema } from "../src/schema/detect.js";
import type { historyEntrySchema } from "../src/schema/history.js";
import { type Report, reportSchema } from "../src/schema/report.js";
import { trendReportSchema } from "../src/schema/trend.js";
import { evaluateGate, type GateCheck, type GateResult, type Thresholds } from "../src/score/gate.js";
import { type NextStep, nextSteps } from "../src/score/next-steps.js";
import type { Scores } from "../src/score/score.js";
import { type Finding, type Verification, verify } from "../src/verify/verify.js";
import { AS_OF, mltest } from "./run.js";

/** What a schema of src/schema gives when it parses: the type everything else must use. */
type Parsed<S extends () => z.ZodType> = z.output<ReturnType<S>>;
type Schema = Parsed<typeof reportSchema>;
type SchemaTest = Schema["sections"][number]["tests"][number];

describe("the report type is the schema's inferred type", () => {
  it("the report, as built and as judged against a baseline", () => {
    expectTypeOf<Report>().toEqualTypeOf<Schema>();
    expectTypeOf(buildReport).returns.toEqualTypeOf<Schema>();
    expectTypeOf(scoreProject).returns.toEqualTypeOf<Schema>();
    expectTypeOf(withBaseline).returns.toEqualTypeOf<Schema>();
  });

  it("the gate (src/score/gate.ts)", () => {
    expectTypeOf<GateCheck>().toEqualTypeOf<Schema["gate"]["checks"][number]>();
    expectTypeOf<GateResult>().toEqualTypeOf<Omit<Schema["gate"], "preset">>();
    expectTypeOf<NonNullable<GateResult["raise"]>[number]>().toEqualTypeOf<NonNullable<Schema["gate"]["raise"]>[number]>();
    expectTypeOf(evaluateGate).returns.toEqualTypeOf<Omit<Schema["gate"], "preset">>();
  });

  it("next steps (src/score/next-steps.ts)", () => {
    expectTypeOf<NextStep>().toEqualTypeOf<Schema["nextSteps"][number]>();
    expectTypeOf(nextSteps).returns.toEqualTypeOf<Schema["nextSteps"]>();
  });

  it("verification and its findings (src/verify/verify.ts)", () => {
    expectTypeOf<Verification>().toEqualTypeOf<NonNullable<SchemaTest["verification"]>>();
    expectTypeOf<Finding>().toEqualTypeOf<NonNullable<SchemaTest["verification"]>["findings"][number]>();
    expectTypeOf(verify).returns.toEqualTypeOf<Map<string, NonNullable<SchemaTest["verification"]>>>();
  });

  it("the comparison with a baseline (src/compare.ts)", () => {
    type Baseline = NonNullable<Schema["baseline"]>;
    expectTypeOf<Change>().toEqualTypeOf<Baseline["regressions"][number]>();
    expectTypeOf<Comparison["regressions"]>().toEqualTypeOf<Baseline["regressions"]>();
    expectTypeOf<Comparison["improvements"]>().toEqualTypeOf<Baseline["improvements"]>();
    expectTypeOf<Comparison["added"]>().toEqualTypeOf<Baseline["added"]>();
    expectTypeOf<Comparison["rubricNote"]>().toEqualTypeOf<Baseline["note"]>();
    expectTypeOf(compare).returns.toEqualTypeOf<Comparison>();
  });

  it("scores (src/score/score.ts) are the report's scored fields", () => {
    expectTypeOf<Scores["final"]>().toEqualTypeOf<Omit<Schema["final"], "claimed" | "withoutWaivers">>();
    expectTypeOf<Scores["sections"][number]["tests"][number]>().toEqualTypeOf<Pick<SchemaTest, "id" | "status" | "points" | "weight">>();
    expectTypeOf<Omit<Scores["sections"][number], "tests">>().toEqualTypeOf<Pick<Schema["sections"][number], "id" | "score" | "max">>();
  });

  it("history entries, the trend and the detect report", () => {
    expectTypeOf(historyEntry).returns.toEqualTypeOf<Parsed<typeof historyEntrySchema>>();
    expectTypeOf<GitInfo>().toEqualTypeOf<Pick<Parsed<typeof historyEntrySchema>, "commit" | "branch">>();
    expectTypeOf<Parsed<typeof trendReportSchema>["entries"][number]>().toEqualTypeOf<Parsed<typeof historyEntrySchema>>();
    expectTypeOf(detectProject).returns.toHaveProperty("report").toEqualTypeOf<Parsed<typeof detectReportSchema>>();
  });

  it("thresholds are the evidence file's gate fields", () => {
    expectTypeOf<Thresholds>().toEqualTypeOf<{ minScore?: number | undefined; minSection?: Record<string, number> | undefined }>();
  });
});

describe("a report the CLI prints parses with the schema to the very same value", () => {
  const scratch = mkdtempSync(join(tmpdir(), "mltest-report-types-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /**
   * Parsed with the schema (strict: an unknown key anywhere is refused), deep-equal to what was
   * printed: nothing dropped, added or changed on the way back in. (Key order is not compared:
   * with --baseline the report prints `baseline` last.)
   */
  function roundTrip<T>(stdout: string, schema: () => z.ZodType<T>): T {
    const printed: unknown = JSON.parse(stdout);
    const parsed = schema().parse(printed);
    expect(parsed).toStrictEqual(printed);
    return parsed;
  }

  it.each(["demand-forecast", "fraud-scoring", "payments-risk"])(
    "examples/%s, with a gate, raises, a baseline and strict next steps",
    (name) => {
      const dir = `examples/${name}`;
      const baseline = join(scratch, `${name}.json`);
      const old = mltest("score", dir, "--format", "json", "--as-of", "2025-01-01");
      writeFileSync(baseline, old.stdout);
      roundTrip(old.stdout, reportSchema);
      const run = mltest(
        "score",
        dir,
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--strict",
        "--baseline",
        baseline,
        "--min-score",
        "0",
        "--min-section",
        "data=0",
      );
      const report = roundTrip(run.stdout, reportSchema);
      // Every part built outside the schema is there to be checked.
      expect(report.gate.checks.length).toBeGreaterThan(0);
      expect(report.baseline).toBeDefined();
      expect(report.nextSteps.length).toBeGreaterThan(0);
      expect(report.sections.flatMap((s) => s.tests).some((t) => t.verification && t.verification.findings.length > 0)).toBe(true);
    },
  );

  it("covers every optional part of the report across the runs", () => {
    const run = mltest("score", "examples/demand-forecast", "--format", "json", "--as-of", AS_OF, "--min-score", "0", "--strict");
    const report = roundTrip(run.stdout, reportSchema);
    expect(report.gate.raise?.length).toBeGreaterThan(0);
    expect(report.nextSteps.some((s) => s.kind === "fix-evidence")).toBe(true);
    expect(report.sections.flatMap((s) => s.tests).some((t) => t.waiver)).toBe(true);
  });

  it("the trend and the detect report", () => {
    const project = join(scratch, "trend");
    cpSync("examples/research-prototype", project, { recursive: true });
    for (const date of ["2026-01-01", AS_OF]) expect(mltest("score", project, "--as-of", date, "--record").stderr).toBe("");
    const trend = roundTrip(mltest("trend", project, "--format", "json").stdout, trendReportSchema);
    expect(trend.entries).toHaveLength(2);
    roundTrip(mltest("detect", "examples/fraud-scoring", "--format", "json").stdout, detectReportSchema);
  });
});
