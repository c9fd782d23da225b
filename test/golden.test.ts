// Golden files: every report of every shipped example, rendered by the built CLI with a fixed
// date. Regenerate with `npm run golden` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { FormatName } from "../src/format/index.js";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, mltest } from "./run.js";

/** Every format in the registry, and the golden file each is kept in. */
const GOLDEN: Record<FormatName, string> = {
  table: "score.txt",
  json: "score.json",
  markdown: "score.md",
  junit: "score.junit.xml",
  sarif: "score.sarif",
  github: "score.github.txt",
  checklist: "score.checklist.md",
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

  it("checklist prints what score --format checklist prints", () => {
    const run = mltest("checklist", dir, "--as-of", AS_OF);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(mltest("score", dir, "--format", "checklist", "--as-of", AS_OF).stdout);
  });

  it("writes a JSON report that keeps the documented contract", () => {
    const report = reportSchema.parse(JSON.parse(mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout));
    expect(Object.keys(report)).toEqual(Object.keys(reportSchema.shape));
    expect(report.sections.map((s) => s.id)).toEqual(["data", "model", "infra", "monitor"]);
  });

  it("validates", () => {
    const run = mltest("validate", dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/valid against ml-test-score-2017/);
  });
});

it("ships at least three examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
});

// Hand-computed in examples/EXPECTED.md: the paper's rule applied test by test.
const EXPECTED: Record<string, { sections: number[]; final: number; passed: boolean }> = {
  "research-prototype": { sections: [0.5, 1, 0, 0], final: 0, passed: true },
  "fraud-scoring": { sections: [4, 5.25, 4.5, 1.5], final: 1.5, passed: true },
  "mature-recommender": { sections: [4.5, 5, 5.5, 5], final: 4.5, passed: true },
};

it.each(Object.entries(EXPECTED))("examples/%s scores as computed by hand", (name, expected) => {
  const report = reportSchema.parse(JSON.parse(mltest("score", `examples/${name}`, "--format", "json").stdout));
  expect(report.sections.map((s) => s.score)).toEqual(expected.sections);
  expect(report.final.score).toBe(expected.final);
  expect(report.gate.passed).toBe(expected.passed);
});
