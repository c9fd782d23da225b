// Golden files: every report of every shipped example, rendered by the built CLI with a fixed
// date. Regenerate with `npm run golden` and review the diff.
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { AS_OF, mltest } from "./run.js";

const examples = readdirSync(join(import.meta.dirname, "../examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(examples)("examples/%s", (name) => {
  const dir = `examples/${name}`;

  it.each(["table", "json"])("score --format %s", async (format) => {
    const run = mltest("score", dir, "--format", format, "--as-of", AS_OF);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.status);
    await expect(run.stdout).toMatchFileSnapshot(`golden/${name}/score.${format === "json" ? "json" : "txt"}`);
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
