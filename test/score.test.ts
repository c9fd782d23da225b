// The scorer against the paper's rule and hand-computed values.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRubric } from "../src/load/rubric.js";
import { rubricSchema, type Status } from "../src/schema/rubric.js";
import { evaluateGate, mergeThresholds } from "../src/score/gate.js";
import { nextSteps } from "../src/score/next-steps.js";
import { bandFor, round2, score } from "../src/score/score.js";
import { AS_OF, caseFolders, mltest } from "./run.js";

const builtin = loadRubric(join(import.meta.dirname, "../rubrics/ml-test-score-2017.yaml")).rubric;
const all = (status: Status) => () => status;
const from = (statuses: Record<string, Status>) => (id: string) => statuses[id] ?? "none";

describe("the paper's rule on the built-in rubric", () => {
  it("scores nothing done as 0 everywhere, in the first band", () => {
    const s = score(builtin, all("none"));
    expect(s.sections.map((x) => x.score)).toEqual([0, 0, 0, 0]);
    expect(s.final).toMatchObject({ score: 0, max: 7, band: { min: 0, max: 0 } });
    expect(s.final.weakest).toEqual(["data", "model", "infra", "monitor"]);
  });

  it("scores all manual as 3.5 per section and all automated as 7", () => {
    expect(score(builtin, all("manual")).sections.map((x) => x.score)).toEqual([3.5, 3.5, 3.5, 3.5]);
    expect(score(builtin, all("automated")).final.score).toBe(7);
  });

  it("takes the final score from the weakest section", () => {
    // data: 3 automated + 2 manual = 4; model: 1 manual = 0.5; infra, monitor: 7 automated.
    const statuses: Record<string, Status> = {
      "data-1": "automated",
      "data-2": "automated",
      "data-3": "automated",
      "data-4": "manual",
      "data-5": "manual",
      "model-3": "manual",
    };
    for (const s of builtin.sections.slice(2)) for (const t of s.tests) statuses[t.id] = "automated";
    const s = score(builtin, from(statuses));
    expect(s.sections.map((x) => x.score)).toEqual([4, 0.5, 7, 7]);
    expect(s.final.score).toBe(0.5);
    expect(s.final.weakest).toEqual(["model"]);
  });

  it("rescales a section over its applicable tests when some are not-applicable", () => {
    // model: 6 applicable, 3 automated + 3 manual = 4.5 points; 7 × 4.5 / 6 = 5.25.
    const s = score(
      builtin,
      from({
        "model-1": "automated",
        "model-2": "automated",
        "model-3": "automated",
        "model-4": "manual",
        "model-5": "manual",
        "model-6": "manual",
        "model-7": "not-applicable",
      }),
    );
    expect(s.sections[1]).toMatchObject({ id: "model", score: 5.25, max: 7 });
    expect(s.sections[1]!.tests[6]).toEqual({ id: "model-7", status: "not-applicable", points: 0, weight: 1 });
  });

  it("rounds to two decimals once: 7 × 1 / 6 = 1.1666… becomes 1.17", () => {
    const statuses: Record<string, Status> = { "data-7": "not-applicable", "data-1": "automated" };
    expect(score(builtin, from(statuses)).sections[0]!.score).toBe(1.17);
  });

  it("puts scores on the paper's band edges into the band closed above", () => {
    const bands = builtin.scoring.bands;
    expect(bandFor(bands, 0)).toMatchObject({ min: 0, max: 0 });
    expect(bandFor(bands, 0.5)).toMatchObject({ min: 0, max: 1 });
    expect(bandFor(bands, 1)).toMatchObject({ min: 0, max: 1 });
    expect(bandFor(bands, 1.5)).toMatchObject({ min: 1, max: 2 });
    expect(bandFor(bands, 3)).toMatchObject({ min: 2, max: 3 });
    expect(bandFor(bands, 3.01)).toMatchObject({ min: 3, max: 5 });
    expect(bandFor(bands, 5.5)).toMatchObject({ min: 5, max: 7 });
    expect(() => bandFor(bands, 7.5)).toThrow(RangeError);
  });
});

const custom = rubricSchema().parse({
  id: "acme",
  title: "Acme readiness",
  version: 3,
  scoring: {
    points: { none: 0, manual: 0.5, automated: 1 },
    aggregate: "min",
    bands: [
      { max: 1, label: "low" },
      { max: 3, label: "high" },
    ],
  },
  sections: [
    {
      id: "a",
      title: "A",
      weight: 1,
      tests: [
        { id: "a-1", title: "one", why: "w", how: "h", manual: "m", automated: "x", weight: 3 },
        { id: "a-2", title: "two", why: "w", how: "h", manual: "m", automated: "x", weight: 1 },
        { id: "a-3", title: "three", why: "w", how: "h", manual: "m", automated: "x" },
      ],
    },
    {
      id: "b",
      title: "B",
      weight: 3,
      tests: [
        { id: "b-1", title: "one", why: "w", how: "h", manual: "m", automated: "x", weight: 2 },
        { id: "b-2", title: "two", why: "w", how: "h", manual: "m", automated: "x" },
      ],
    },
  ],
});

describe("a custom weighted rubric", () => {
  const statuses = from({ "a-1": "automated", "a-2": "manual", "b-1": "manual", "b-2": "automated" });

  it("weights tests within a section: N × Σ(w·p) / Σw", () => {
    // a: 3 × (3·1 + 1·0.5 + 1·0) / 5 = 3 × 3.5 / 5 = 2.1;  b: 2 × (2·0.5 + 1·1) / 3 = 4/3 = 1.33
    const s = score(custom, statuses);
    expect(s.sections.map((x) => [x.score, x.max])).toEqual([
      [2.1, 3],
      [1.33, 2],
    ]);
    expect(s.final).toMatchObject({ score: 1.33, max: 2, weakest: ["b"], band: { label: "high", min: 1, max: 3 } });
  });

  it("weights sections under weighted-mean", () => {
    const mean = { ...custom, scoring: { ...custom.scoring, aggregate: "weighted-mean" as const } };
    // (1 × 2.1 + 3 × 1.33) / 4 = 6.09 / 4 = 1.5225 → 1.52; max (1 × 3 + 3 × 2) / 4 = 2.25
    const s = score(mean, statuses);
    expect(s.final).toMatchObject({ score: 1.52, max: 2.25, aggregate: "weighted-mean" });
  });

  it("drops a not-applicable test from both sums", () => {
    // a: a-1 n/a → 3 × (1·0.5 + 1·0) / 2 = 0.75
    const s = score(custom, from({ "a-1": "not-applicable", "a-2": "manual" }));
    expect(s.sections[0]!.score).toBe(0.75);
  });

  it("equal weights reproduce the plain sum", () => {
    const flat = rubricSchema().parse({
      ...custom,
      sections: custom.sections.map((s) => ({ ...s, tests: s.tests.map((t) => ({ ...t, weight: 1 })) })),
    });
    const s = score(flat, statuses);
    expect(s.sections.map((x) => x.score)).toEqual([1.5, 1.5]);
  });
});

describe("the gate", () => {
  const s = score(builtin, all("manual"));

  it("passes and fails thresholds with actual vs expected", () => {
    const gate = evaluateGate(s, { minScore: 3.5, minSection: { monitor: 4 } });
    expect(gate.passed).toBe(false);
    expect(gate.checks).toEqual([
      { target: "final", expected: 3.5, actual: 3.5, passed: true, message: "final score 3.5 meets the minimum 3.5" },
      {
        target: "section:monitor",
        expected: 4,
        actual: 3.5,
        passed: false,
        message: 'section "monitor" 3.5 is below the minimum 4',
      },
    ]);
  });

  it("suggests raising a threshold the score clears by exactly half a point (3.5 over 3.0, 4.02 over 3.52)", () => {
    expect(evaluateGate(s, { minScore: 3 }).raise?.map((r) => r.suggested)).toEqual([3.5]);
    const decimalScores = { ...s, final: { ...s.final, score: 4.02 } };
    expect(evaluateGate(decimalScores, { minScore: 3.52 }).raise?.map((r) => r.message)).toEqual([
      "the final score's minimum can be raised from 3.52 to 4: the score is 4.02",
    ]);
    expect(evaluateGate(decimalScores, { minScore: 3.53 }).raise).toBeUndefined();
  });

  it("passes with no thresholds at all", () => {
    expect(evaluateGate(s, {})).toEqual({ passed: true, checks: [] });
  });

  it("lists section checks in rubric order whatever the input order", () => {
    const gate = evaluateGate(s, { minSection: { monitor: 1, data: 1 } });
    expect(gate.checks.map((c) => c.target)).toEqual(["section:data", "section:monitor"]);
  });

  it("lets command-line thresholds replace the file's key by key", () => {
    expect(mergeThresholds({ minScore: 2, minSection: { data: 1, model: 2 } }, { minSection: { model: 3 } })).toEqual({
      minScore: 2,
      minSection: { data: 1, model: 3 },
    });
    expect(mergeThresholds({ minScore: 2 }, { minScore: 1, minSection: {} }).minScore).toBe(1);
  });
});

describe("next steps", () => {
  it("start with the weakest section, missing tests before manual → automated", () => {
    const statuses = from({ "a-1": "manual", "b-1": "automated", "b-2": "automated" });
    const steps = nextSteps(custom, score(custom, statuses));
    expect(steps.map((x) => `${x.test}:${x.from}>${x.to}:${x.gain}`)).toEqual([
      "a-2:none>manual:0.3", // 3 × 1 × 0.5 / 5
      "a-3:none>manual:0.3",
      "a-1:manual>automated:0.9", // 3 × 3 × 0.5 / 5
    ]);
    expect(steps[0]!.action).toBe("m");
    expect(steps[2]!.action).toBe("x");
  });
});

describe("exact decimal rounding", () => {
  it("rounds halves away from zero on the decimal a number stands for, not its binary neighbour", () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(7 / 6)).toBe(1.17);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(4.015)).toBe(4.02);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(0.004999)).toBe(0);
  });

  const cases = caseFolders("mltest-exact-");
  const tests = Array.from(
    { length: 7 },
    (_, i) =>
      `      - { id: data-${i + 1}, title: T${i + 1}, why: W, how: H, manual: M, automated: A${i === 0 ? ", weight: 4.015" : i === 1 ? ", weight: 2.985" : ""} }`,
  );
  const rubric = [
    "id: exact-demo",
    "title: Exact demo",
    "version: 1",
    "scoring:",
    "  points: { none: 0, manual: 0.5, automated: 1 }",
    "  bands: [{ max: 0, label: Zero }, { max: 7, label: Some }]",
    "sections:",
    "  - id: data",
    "    title: Data",
    "    tests:",
    ...tests,
  ].join("\n");
  const evidence = (weightLine = "") =>
    [
      "project: exact",
      "rubric: rubric.yaml",
      weightLine,
      "tests:",
      "  data-1: { status: automated, evidence: [{ report: junit.xml, cases: data-1 }] }",
      "  data-2: { status: none }",
      ...[3, 4, 5, 6, 7].map((n) => `  data-${n}: { status: not-applicable, reason: Not part of this demo. }`),
    ].join("\n");
  const junit = '<testsuite name="s" tests="1" timestamp="2026-11-01T00:00:00"><testcase classname="s" name="data-1 holds"/></testsuite>';

  it("scores weights 4.015 and 2.985 (one automated, one none, the rest not applicable) as 4.02, so --min-section data=4.02 passes", () => {
    const dir = cases({ "rubric.yaml": rubric, "mltest.yaml": evidence(), "junit.xml": junit });
    const run = mltest("score", dir, "--as-of", AS_OF, "--format", "json", "--min-section", "data=4.02");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.sections[0].score).toBe(4.02);
    expect(report.final.score).toBe(4.02);
    expect(mltest("score", dir, "--as-of", AS_OF, "--min-section", "data=4.03").status).toBe(1);
  });

  it("refuses, located, a weight with more digits than a double holds exactly", () => {
    const dir = cases({
      "rubric.yaml": rubric.replace("weight: 4.015", "weight: 4.0150000000000000001"),
      "mltest.yaml": evidence(),
      "junit.xml": junit,
    });
    const run = mltest("score", dir, "--as-of", AS_OF);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("rubric.yaml:11:");
    expect(run.stderr).toContain(
      "4.0150000000000000001 has more digits than mltest can compute with exactly; write it with at most 15 significant digits",
    );
  });

  it("accepts a weight written with trailing zeros or an exponent as the same decimal", () => {
    const dir = cases({
      "rubric.yaml": rubric.replace("weight: 4.015", "weight: 4.01500000000000000000").replace("weight: 2.985", "weight: 2985e-3"),
      "mltest.yaml": evidence(),
      "junit.xml": junit,
    });
    const run = mltest("score", dir, "--as-of", AS_OF, "--format", "json");
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout).final.score).toBe(4.02);
  });
});
