// The README says what the program does: its sample report is what the command prints, its table
// of examples holds the scores mltest computes, and the commands it shows for the examples run.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, caseFolders, mltest, ROOT } from "./run.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README", () => {
  it("shows a sample report that is, line for line and in order, what the command prints", () => {
    const block = /## What a report looks like\n\n```text\n([\s\S]*?)```/
      .exec(README)![1]!
      .split("\n")
      .filter((l) => l !== "");
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
    expect(rows.map((r) => r[1]).sort()).toEqual([
      "demand-forecast",
      "fraud-scoring",
      "mature-recommender",
      "payments-risk",
      "research-prototype",
    ]);
    for (const [, name, ...figures] of rows) {
      const run = mltest("score", `examples/${name}`, "--format", "json", "--as-of", date);
      const report = JSON.parse(run.stdout) as {
        sections: { id: string; score: number }[];
        final: { score: number; band: { label: string } };
      };
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

  const copies = caseFolders("mltest-readme-");
  /** A README command line (`mltest …` or `npx mltest …`) run in a copy of an example, as its CI would. */
  function runIn(dir: string, line: string) {
    const args = line
      .replace(/^(npx )?mltest /, "")
      .replace(/\s+#.*$/, "")
      .trim()
      .split(/\s+/);
    const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
    return spawnSync(BIN, [...args, "--as-of", "2026-11-28"], { cwd: dir, env, encoding: "utf8" });
  }
  const exampleCopy = () => {
    const dir = copies();
    cpSync(join(ROOT, "examples/fraud-scoring"), dir, { recursive: true });
    return dir;
  };

  it("runs the CI command lines it shows, writing the reports they name", () => {
    const lines = [...README.matchAll(/(?:- |run: )((?:npx )?mltest score \. [^\n]*)/g)].map((m) => m[1]!.trim());
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const dir = exampleCopy();
      const run = runIn(dir, line);
      expect(run.status, `${line}\n${run.stderr}`).not.toBe(2);
      for (const [, path] of line.matchAll(/--report \w+=(\S+)/g)) expect(existsSync(join(dir, path!)), `${line}: ${path}`).toBe(true);
    }
  });

  it("runs the baseline recipe it shows: the first line writes the baseline, the second gates on it", () => {
    const recipe = /```sh\n(mltest score \. [^\n]*--update-baseline[^\n]*)\n(mltest score \. [^\n]*)\n```/.exec(README)!;
    const dir = exampleCopy();
    expect(runIn(dir, recipe[1]!).status).toBe(0);
    expect(existsSync(join(dir, "mltest-baseline.json"))).toBe(true);
    expect(runIn(dir, recipe[2]!).status).toBe(0);
  });
});
