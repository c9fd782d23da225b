// Gate presets: a rubric's named gates (prototype, production, mission-critical), overridden key
// by key by the evidence file's own thresholds and then by the command line, and an unknown preset
// as a located error. Scores are computed by hand in the comments.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadProject } from "../src/project.js";
import { four, inputProblems, pos, projectFolders, scored } from "./rubric-cases.js";
import { AS_OF, mltest, ROOT } from "./run.js";

const { dirWith, project } = projectFolders("mltest-gate-presets-");

describe("gate presets", () => {
  // data AAAM--- 3.5, model AAM---- 2.5, infra AAA---- 3, monitor AM----- 1.5; final 1.5.
  const tests = four("AAAM---", "AAM----", "AAA----", "AM-----");
  const withGate = (gate: Record<string, unknown>) => project({ gate, tests });

  it("production applies minScore 2 and monitor ≥ 2", () => {
    const report = scored(withGate({ preset: "production" }));
    expect(report.final.score).toBe(1.5);
    expect(report.gate).toEqual({
      passed: false,
      preset: "production",
      checks: [
        { target: "final", expected: 2, actual: 1.5, passed: false, message: "final score 1.5 is below the minimum 2" },
        { target: "section:monitor", expected: 2, actual: 1.5, passed: false, message: 'section "monitor" 1.5 is below the minimum 2' },
      ],
    });
  });

  it("the file's own minScore and minSection override the preset key by key", () => {
    const own = scored(withGate({ preset: "production", minScore: 1 }));
    // minScore 1 replaces 2; monitor ≥ 2 stays.
    expect(own.gate.checks.map((c) => [c.target, c.expected, c.passed])).toEqual([
      ["final", 1, true],
      ["section:monitor", 2, false],
    ]);
    const floors = scored(withGate({ preset: "production", minSection: { monitor: 1, data: 3 } }));
    // minScore 2 stays; monitor 1 replaces 2; data 3 is added. Checks in rubric order.
    expect(floors.gate.checks.map((c) => [c.target, c.expected, c.actual, c.passed])).toEqual([
      ["final", 2, 1.5, false],
      ["section:data", 3, 3.5, true],
      ["section:monitor", 1, 1.5, true],
    ]);
    expect(floors.gate.preset).toBe("production");
  });

  it("--min-score and --min-section override both", () => {
    const dir = withGate({ preset: "production", minScore: 1.8, minSection: { data: 3 } });
    const report = scored(dir, { minScore: 1.5, minSection: { monitor: 1.5 } });
    // final 1.5 (CLI, over the file's 1.8 and the preset's 2); data 3 (file); monitor 1.5 (CLI, over 2).
    expect(report.gate).toMatchObject({ passed: true, preset: "production" });
    expect(report.gate.checks.map((c) => [c.target, c.expected, c.passed])).toEqual([
      ["final", 1.5, true],
      ["section:data", 3, true],
      ["section:monitor", 1.5, true],
    ]);
    expect(mltest("score", dir, "--as-of", AS_OF).status).toBe(1); // file + preset: 1.5 < 1.8
    expect(mltest("score", dir, "--as-of", AS_OF, "--min-score", "1.5", "--min-section", "monitor=1.5").status).toBe(0);
  });

  it("an unknown preset is a located error listing the presets, with a suggestion", () => {
    const dir = withGate({ preset: "producton" });
    const file = join(dir, "mltest.yaml");
    expect(inputProblems(() => loadProject(dir))).toEqual([
      {
        file,
        ...pos(file, "preset"),
        path: "gate.preset",
        message:
          'unknown gate preset "producton"; ml-test-score-2017 has prototype, production, mission-critical; did you mean "production"?',
      },
    ]);
  });

  describe("on examples/fraud-scoring (data 4, model 5.25, infra 4.5, monitor 1.5; final 1.5)", () => {
    const example = join(ROOT, "examples/fraud-scoring");
    const original = readFileSync(join(example, "mltest.yaml"), "utf8");
    /** The example's evidence with its own gate replaced by a preset, in a temp file (--evidence). */
    const evidenceWith = (preset: string) => {
      const text = original.replace(/^gate:\n(?: {2}.*\n)+/m, `gate:\n  preset: ${preset}\n`);
      expect(text).not.toBe(original);
      return join(dirWith({ "mltest.yaml": text }), "mltest.yaml");
    };
    const cases: [string, boolean, [string, number, number, boolean][]][] = [
      // prototype: data ≥ 1 → 4 ≥ 1.
      ["prototype", true, [["section:data", 1, 4, true]]],
      // production: final ≥ 2 → 1.5 ✗; monitor ≥ 2 → 1.5 ✗.
      [
        "production",
        false,
        [
          ["final", 2, 1.5, false],
          ["section:monitor", 2, 1.5, false],
        ],
      ],
      // mission-critical: final ≥ 3 → 1.5 ✗; infra ≥ 4 → 4.5 ✓; monitor ≥ 4 → 1.5 ✗.
      [
        "mission-critical",
        false,
        [
          ["final", 3, 1.5, false],
          ["section:infra", 4, 4.5, true],
          ["section:monitor", 4, 1.5, false],
        ],
      ],
    ];
    it.each(cases)("%s", (preset, passed, checks) => {
      const report = scored(example, {}, { evidence: evidenceWith(preset) });
      expect(report.sections.map((s) => s.score)).toEqual([4, 5.25, 4.5, 1.5]);
      expect(report.gate.passed).toBe(passed);
      expect(report.gate.preset).toBe(preset);
      expect(report.gate.checks.map((c) => [c.target, c.expected, c.actual, c.passed])).toEqual(checks);
    });

    it("the CLI exits 1 on production and 0 on prototype", () => {
      expect(mltest("score", example, "--evidence", evidenceWith("production"), "--as-of", AS_OF).status).toBe(1);
      expect(mltest("score", example, "--evidence", evidenceWith("prototype"), "--as-of", AS_OF).status).toBe(0);
    });
  });
});
