// Golden files: every report of every shipped example, rendered by the built CLI with a fixed
// date. Regenerate with `npm run golden` and review the diff.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FormatName } from "../src/format/index.js";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, mltest } from "./run.js";

/** Every format in the registry, and the golden file each is kept in. */
const GOLDEN: Record<FormatName, string> = {
  table: "score.txt",
  json: "score.json",
  openmetrics: "score.openmetrics.txt",
  markdown: "score.md",
  junit: "score.junit.xml",
  sarif: "score.sarif",
  github: "score.github.txt",
  checklist: "score.checklist.md",
  html: "score.html",
};

const examples = readdirSync(join(import.meta.dirname, "../examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(examples)("examples/%s", (name) => {
  const dir = `examples/${name}`;

  it.each(Object.entries(GOLDEN))("score --format %s", async (format, file) => {
    const run = mltest("score", dir, "--format", format, "--as-of", AS_OF);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.status);
    await expect(run.stdout).toMatchFileSnapshot(`golden/${name}/${file}`);
  });

  it("score --strict --format table", async () => {
    const run = mltest("score", dir, "--strict", "--as-of", AS_OF);
    await expect(run.stdout).toMatchFileSnapshot(`golden/${name}/score.strict.txt`);
  });

  it("checklist prints what score --format checklist prints", () => {
    const run = mltest("checklist", dir, "--as-of", AS_OF);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(mltest("score", dir, "--format", "checklist", "--as-of", AS_OF).stdout);
  });

  it("writes a JSON report that keeps the documented contract", () => {
    const report = reportSchema().parse(JSON.parse(mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout));
    expect(Object.keys(report)).toEqual(Object.keys(reportSchema().shape).filter((key) => key in report));
    expect(report.sections.slice(0, 4).map((s) => s.id)).toEqual(["data", "model", "infra", "monitor"]);
  });

  it("validates, and fails only where the example shows broken evidence", () => {
    const run = mltest("validate", dir, "--as-of", AS_OF);
    // demand-forecast shows every verification state, broken pointers included.
    expect(run.status).toBe(dir.endsWith("demand-forecast") ? 1 : 0);
    expect(run.stdout).toMatch(/: valid against (ml-test-score-2017|payments-ml) \(/);
  });
});

it("ships at least three examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
});

// Hand-computed in examples/EXPECTED.md: the paper's rule applied test by test, in default and
// strict mode, with what the file claims and what counts if no waiver held.
interface Expected {
  sections: number[];
  final: number;
  passed: boolean;
  claimed?: number[];
  withoutWaivers?: number;
  strict?: { sections: number[]; final: number; passed: boolean };
}
const EXPECTED: Record<string, Expected> = {
  "research-prototype": { sections: [0.5, 1, 0, 0], final: 0, passed: true },
  "fraud-scoring": { sections: [4, 5.25, 4.5, 1.5], final: 1.5, passed: true },
  "mature-recommender": { sections: [4.5, 5, 5.5, 5], final: 4.5, passed: true },
  "payments-risk": { sections: [4.5, 2, 3, 3.06, 1.5], final: 1.5, passed: false },
  "demand-forecast": {
    sections: [1.75, 2.5, 4, 4.5],
    final: 1.75,
    passed: true,
    claimed: [2.92, 2.92, 5, 4.5],
    withoutWaivers: 1.5,
    strict: { sections: [1.75, 1.5, 4, 2.5], final: 1.5, passed: false },
  },
};

describe.each(Object.entries(EXPECTED))("examples/%s scores as computed by hand", (name, expected) => {
  const json = (...flags: string[]) => {
    const run = mltest("score", `examples/${name}`, "--format", "json", "--as-of", AS_OF, ...flags);
    return { status: run.status, report: reportSchema().parse(JSON.parse(run.stdout)) };
  };

  it("in default mode", () => {
    const { status, report } = json();
    expect(report.sections.map((s) => s.score)).toEqual(expected.sections);
    expect(report.sections.map((s) => s.claimed)).toEqual(expected.claimed ?? expected.sections);
    expect(report.final.score).toBe(expected.final);
    expect(report.final.withoutWaivers).toBe(expected.withoutWaivers ?? expected.final);
    expect(report.gate.passed).toBe(expected.passed);
    expect(status).toBe(expected.passed ? 0 : 1);
  });

  it("in strict mode", () => {
    const strict = expected.strict ?? { sections: expected.sections, final: expected.final, passed: expected.passed };
    const { status, report } = json("--strict");
    expect(report.mode).toBe("strict");
    expect(report.sections.map((s) => s.score)).toEqual(strict.sections);
    expect(report.final.score).toBe(strict.final);
    expect(status).toBe(strict.passed ? 0 : 1);
  });
});

it("examples/demand-forecast shows every verification state", () => {
  const report = reportSchema().parse(JSON.parse(mltest("score", "examples/demand-forecast", "--format", "json", "--as-of", AS_OF).stdout));
  const state = (id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;
  expect(state("data-1").verification?.state).toBe("verified");
  expect(state("model-2").verification?.state).toBe("unverified");
  expect(state("data-7").verification?.state).toBe("broken");
  expect(state("infra-6").verification?.state).toBe("broken");
  expect(state("model-6").verification?.state).toBe("stale");
  expect(state("monitor-2").verification?.state).toBe("stale");
  expect(state("model-7").waiver).toEqual({ approvedBy: "ml-review-board", expires: "2026-10-31", expired: true });
  expect(state("data-5").waiver?.expired).toBe(false);
});

it.each(examples.filter((e) => e !== "demand-forecast"))("every claim of examples/%s verifies", (name) => {
  const report = reportSchema().parse(
    JSON.parse(mltest("score", `examples/${name}`, "--format", "json", "--as-of", AS_OF, "--strict").stdout),
  );
  const states = report.sections.flatMap((s) => s.tests.flatMap((t) => (t.verification ? [`${t.id}:${t.verification.state}`] : [])));
  expect(states.filter((s) => !s.endsWith(":verified"))).toEqual([]);
});

// Generated files that are committed: kept in step with the code that generates them.
it.each(["evidence", "rubric", "report", "detect", "trend"])("schemas/%s.schema.json is what `mltest schema` prints", async (name) => {
  await expect(mltest("schema", name).stdout).toMatchFileSnapshot(`../schemas/${name}.schema.json`);
});

it("docs/rubric.md is what `mltest rubric --format markdown` prints", async () => {
  await expect(mltest("rubric", "--format", "markdown").stdout).toMatchFileSnapshot("../docs/rubric.md");
});
