// The README says what the program does: its sample report is what the command prints, its table
// of examples holds the scores mltest computes, and the commands it shows for the examples run.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, mltest } from "./run.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("shows a sample report that is, line for line and in order, what the command prints", () => {
    const block = /## What a report looks like\n\n```text\n([\s\S]*?)```/.exec(README)![1]!.split("\n").filter((l) => l !== "");
    const [prompt, ...shown] = block;
    expect(prompt).toMatch(/^\$ npx mltest /);
    const run = mltest(...prompt!.replace(/^\$ npx mltest /, "").split(" "), "--no-color");
    expect(run.status).toBe(0);
    const printed = run.stdout.split("\n");
    let at = 0;
    for (const line of shown.filter((l) => l !== "…")) {
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (in order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it("gives each example's section and final scores as mltest computes them on the date it names", () => {
    const table = README.slice(README.indexOf("The five examples under `examples/`"));
    const date = /as of (\d{4}-\d{2}-\d{2})/.exec(table)![1]!;
    const rows = [...table.matchAll(/^\| `([\w-]+)` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| \*\*([\d.]+)\*\* \| ([^|;]+)/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual(["demand-forecast", "fraud-scoring", "mature-recommender", "payments-risk", "research-prototype"]);
    for (const [, name, ...figures] of rows) {
      const run = mltest("score", `examples/${name}`, "--format", "json", "--as-of", date);
      const report = JSON.parse(run.stdout) as { sections: { id: string; score: number }[]; final: { score: number; band: { label: string } } };
      const sections = ["data", "model", "infra", "monitor"].map((id) => report.sections.find((s) => s.id === id)!.score);
      expect([...sections, report.final.score].map(String), name).toEqual(figures.slice(0, 5));
      expect(report.final.band.label, name).toBe(figures[5]!.trim());
    }
  });

  it("runs the commands it shows for the shipped examples (set-up and sample)", () => {
    const commands = [...README.matchAll(/npx mltest (score examples\/[^\n`]*)/g)].map((m) => m[1]!.trim());
    expect(commands.length).toBeGreaterThanOrEqual(2);
    for (const command of commands) {
      const run = mltest(...command.split(" "));
      expect(run.status, command).not.toBe(2);
      expect(run.stderr, command).toBe("");
    }
  });
});
