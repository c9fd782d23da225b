// End-to-end tests of the built CLI: stdout, stderr and exit codes of real runs, through
// test/run.ts's mltest(). The binary must exist (`npm test` builds it first, in pretest).
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { type Report, reportSchema } from "../src/schema/report.js";
import { BIN, mltest, ROOT, type Run } from "./run.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  bin: string | Record<string, string>;
};
/** The executable as shipped: package.json's bin, which is what mltest() runs. */
const SHIPPED = (typeof pkg.bin === "string" ? pkg.bin : pkg.bin.mltest)!;

const BASIC = "test/fixtures/custom/basic";
const WEIGHTED = "test/fixtures/custom/weighted";
const MALFORMED = "test/fixtures/bad/malformed";
const SYNTAX = "test/fixtures/bad/syntax";
const ANSI = /\u001b\[/;
const BUILTIN_RUBRIC = join(ROOT, "rubrics/ml-test-score-2017.yaml");
/** The built-in rubric's band labels, read from its YAML so that rewording them breaks nothing here. */
const BUILTIN_BANDS = (parseYaml(readFileSync(BUILTIN_RUBRIC, "utf8")) as { scoring: { bands: { max: number; label: string }[] } }).scoring
  .bands;

function json(run: Run): Report {
  return JSON.parse(run.stdout) as Report;
}

/** A usage or input error: exit 2, nothing on stdout, one-line messages and no stack trace. */
function expectError(run: Run): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).not.toContain("    at ");
  expect(run.stderr).not.toContain("internal error");
}

let tmp: string;
beforeAll(() => {
  if (join(ROOT, SHIPPED) !== BIN) throw new Error(`package.json's bin is ${SHIPPED}, but the tests run ${BIN}`);
  tmp = realpathSync(mkdtempSync(join(tmpdir(), "mltest-cli-")));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("mltest score", () => {
  it("exits 0 and prints the report when the gate passes", () => {
    const run = mltest(["score", BASIC, "--as-of", "2026-03-15"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("basic-demo · The ML Test Score 2017 (ml-test-score-2017) · as of 2026-03-15");
    expect(run.stdout).toContain("Model development  0.5 / 7  ← weakest");
    expect(run.stdout).toContain("Final score  0.5 / 7  (min; weakest: model)");
    expect(run.stdout).toContain("Gate         passed");
    expect(run.stdout).toContain("✓ final score 0.5 meets the minimum 0.5");
  });

  it("--link-base: the HTML page's file links lead under a URL prefix or a folder; other schemes and other formats are refused", () => {
    const page = mltest([
      "score",
      BASIC,
      "--format",
      "html",
      "--as-of",
      "2026-03-15",
      "--link-base",
      "https://example.org/org/repo/blob/main/demo/",
    ]);
    expect(page.stderr).toBe("");
    expect(page.stdout).toContain('href="https://example.org/org/repo/blob/main/demo/schema/features.yaml"');
    expect(page.stdout).toContain('href="https://example.org/org/repo/blob/main/demo/.github/workflows/train.yml"');
    const folder = mltest(["score", BASIC, "--format", "html", "--as-of", "2026-03-15", "--link-base", "../published/demo"]);
    expect(folder.stdout).toContain('href="../published/demo/schema/features.yaml"');
    for (const args of [
      ["--format", "html", "--link-base", "javascript:alert(1)"],
      ["--format", "html", "--link-base", ""],
      ["--link-base", "https://example.org/x"],
    ]) {
      const refused = mltest(["score", BASIC, ...args]);
      expectError(refused);
      expect(refused.stderr).toMatch(/^mltest: --link-base /);
    }
  });

  it("reads nothing from standard input: given some, it prints what it prints without", () => {
    const args = ["score", BASIC, "--as-of", "2026-03-15"];
    expect(mltest(args, { input: "tests: {}\n" })).toEqual(mltest(args));
  });

  it("exits 1 when --min-score is above the score, still printing the report", () => {
    const run = mltest(["score", BASIC, "--min-score", "1"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Final score  0.5 / 7");
    expect(run.stdout).toContain("Gate         FAILED");
    // The command-line threshold replaces the file's minScore (0.5): actual vs expected.
    expect(run.stdout).toContain("✗ final score 0.5 is below the minimum 1");
    expect(run.stdout).not.toContain("meets the minimum 0.5");
  });

  it("prints the JSON report with schemaVersion 2 and keys in the documented order", () => {
    const run = mltest(["score", BASIC, "--format", "json", "--as-of", "2026-03-15"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    const report = json(run);
    expect(Object.keys(report)).toEqual([
      "schemaVersion",
      "tool",
      "rubric",
      "project",
      "source",
      "asOf",
      "mode",
      "sections",
      "final",
      "gate",
      "nextSteps",
    ]);
    expect(report.schemaVersion).toBe(2);
    expect(report.tool).toEqual({ name: "mltest", version: pkg.version });
    expect(report.rubric.id).toBe("ml-test-score-2017");
    expect(report.rubric.sha256).toBe(createHash("sha256").update(readFileSync(BUILTIN_RUBRIC)).digest("hex"));
    expect(report.project).toEqual({ name: "basic-demo", dir: BASIC, evidenceFile: "mltest.yaml" });
    expect(report.asOf).toBe("2026-03-15");
    // data: data-1 automated = 1. model: model-1 manual = 0.5. infra: infra-1 automated = 1.
    // monitor: monitor-1 manual, monitor-7 not-applicable: 7 × 0.5 / 6 = 0.5833… → 0.58.
    expect(report.sections.map((s) => [s.id, s.score, s.max])).toEqual([
      ["data", 1, 7],
      ["model", 0.5, 7],
      ["infra", 1, 7],
      ["monitor", 0.58, 7],
    ]);
    expect(report.final).toEqual({
      score: 0.5,
      claimed: 0.5,
      // monitor-7's waiver as none: monitor = 0.5, still not below model's 0.5.
      withoutWaivers: 0.5,
      max: 7,
      aggregate: "min",
      weakest: ["model"],
      band: { label: BUILTIN_BANDS[1]!.label, min: 0, max: 1 }, // bands: max 0, max 1, …
    });
    expect(report.gate).toEqual({
      passed: true,
      checks: [{ target: "final", expected: 0.5, actual: 0.5, passed: true, message: "final score 0.5 meets the minimum 0.5" }],
    });
    expect(report.nextSteps[0]).toMatchObject({ section: "model", from: "none", to: "manual", gain: 0.5 });
    // The whole report satisfies its own published schema.
    expect(reportSchema().safeParse(report).success).toBe(true);
  });

  describe("with a custom weighted rubric", () => {
    // test/fixtures/custom/weighted: points none 0, manual 0.5, automated 1; aggregate min.
    //   alpha (3 tests): a-1 w1 manual, a-2 w2 manual, a-3 w1 none
    //     3 × (1·0.5 + 2·0.5 + 1·0) / (1 + 2 + 1) = 3 × 1.5 / 4 = 1.125 → 1.13   (max 3)
    //   beta (2 tests): b-1 w3 not-applicable (leaves both sums), b-2 w1 automated
    //     2 × (1·1) / 1 = 2                                                     (max 2)
    //   final = min(1.13, 2) = 1.13, max min(3, 2) = 2; band (1, 1.5] "Mid".
    it("scores sections and the final score as computed by hand", () => {
      const run = mltest(["score", WEIGHTED, "--format", "json", "--as-of", "2026-03-15"]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const report = json(run);
      expect(report.rubric).toEqual({
        id: "weighted-demo",
        title: "Weighted demo",
        version: "1",
        sha256: createHash("sha256")
          .update(readFileSync(join(ROOT, WEIGHTED, "rubric.yaml")))
          .digest("hex"),
      });
      expect(report.project).toEqual({ name: "weighted-demo", dir: WEIGHTED, evidenceFile: "mltest.yaml" });
      expect(report.sections.map((s) => [s.id, s.score, s.max])).toEqual([
        ["alpha", 1.13, 3],
        ["beta", 2, 2],
      ]);
      expect(report.sections.flatMap((s) => s.tests.map((t) => [t.id, t.status, t.points, t.weight]))).toEqual([
        ["a-1", "manual", 0.5, 1],
        ["a-2", "manual", 0.5, 2],
        ["a-3", "none", 0, 1],
        ["b-1", "not-applicable", 0, 3],
        ["b-2", "automated", 1, 1],
      ]);
      expect(report.final).toEqual({
        score: 1.13,
        claimed: 1.13,
        // b-1's waiver as none: beta = 2 × (3·0 + 1·1) / 4 = 0.5, below alpha's 1.13.
        withoutWaivers: 0.5,
        max: 2,
        aggregate: "min",
        weakest: ["alpha"],
        band: { label: "Mid", min: 1, max: 1.5 },
      });
      // Gate from the evidence file: minScore 1, minSection beta 1.5; checks in rubric order.
      expect(report.gate).toEqual({
        passed: true,
        checks: [
          { target: "final", expected: 1, actual: 1.13, passed: true, message: "final score 1.13 meets the minimum 1" },
          { target: "section:beta", expected: 1.5, actual: 2, passed: true, message: 'section "beta" 2 meets the minimum 1.5' },
        ],
        // beta clears its floor by 0.5: it can rise to the highest half point it clears, 2.
        raise: [
          {
            target: "section:beta",
            expected: 1.5,
            actual: 2,
            suggested: 2,
            message: "the beta floor can be raised from 1.5 to 2: the score is 2",
          },
        ],
      });
      // Gains: 3 × w × Δp / Σw, Σw = 4: a-3 none→manual 3·1·0.5/4 = 0.375 → 0.38;
      // a-2 manual→automated 3·2·0.5/4 = 0.75; a-1 manual→automated 0.38. beta has no move left.
      expect(report.nextSteps.map((s) => [s.test, s.from, s.to, s.gain])).toEqual([
        ["a-3", "none", "manual", 0.38],
        ["a-2", "manual", "automated", 0.75],
        ["a-1", "manual", "automated", 0.38],
      ]);
      const a1 = report.sections[0]!.tests[0]!;
      expect(a1).toMatchObject({ owner: "alice", verified: "2026-01-15", evidence: [{ doc: "docs/a-1.md" }] });
      const evidenceLines = readFileSync(join(ROOT, WEIGHTED, "mltest.yaml"), "utf8").split("\n");
      expect(evidenceLines[a1.line! - 1]).toBe("  a-1:");
      expect(report.sections[1]!.tests[0]!.reason).toBe("Beta one does not apply to this demo.");
    });

    // The same tests under test/fixtures/custom/weighted/rubric-mean.yaml: aggregate
    // weighted-mean with section weights alpha 1, beta 3.
    //   final = (1.13·1 + 2·3) / 4 = 7.13 / 4 = 1.7825 → 1.78; max (3·1 + 2·3) / 4 = 2.25;
    //   band (1, 2] "Mid".
    it("uses --rubric over the evidence file's rubric, with a weighted-mean aggregate", () => {
      const run = mltest(["score", WEIGHTED, "--rubric", `${WEIGHTED}/rubric-mean.yaml`, "--format", "json"]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const report = json(run);
      expect(report.rubric.id).toBe("weighted-mean-demo");
      expect(report.sections.map((s) => s.score)).toEqual([1.13, 2]);
      expect(report.final).toEqual({
        score: 1.78,
        claimed: 1.78,
        // b-1's waiver as none: beta 0.5, so (1.13·1 + 0.5·3) / 4 = 0.6575 → 0.66.
        withoutWaivers: 0.66,
        max: 2.25,
        aggregate: "weighted-mean",
        weakest: ["alpha"],
        band: { label: "Mid", min: 1, max: 2 },
      });
    });

    it("merges command-line thresholds with the file's, key by key, and fails the gate", () => {
      const run = mltest(["score", WEIGHTED, "--format", "json", "--min-score", "1.5", "--min-section", "alpha=1.2"]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      const { gate } = json(run);
      expect(gate.passed).toBe(false);
      expect(gate.checks.map((c) => [c.target, c.expected, c.actual, c.passed])).toEqual([
        ["final", 1.5, 1.13, false],
        ["section:alpha", 1.2, 1.13, false],
        ["section:beta", 1.5, 2, true],
      ]);
      expect(gate.checks[0]!.message).toBe("final score 1.13 is below the minimum 1.5");
      expect(gate.checks[1]!.message).toBe('section "alpha" 1.13 is below the minimum 1.2');
    });

    it("shows weights in the table report", () => {
      const run = mltest(["score", WEIGHTED]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("Alpha  1.13 / 3  ← weakest");
      expect(run.stdout).toContain("Beta  2 / 2");
      expect(run.stdout).toMatch(/│ Weight │/);
      expect(run.stdout).toMatch(/│ b-1\s+│ First beta test\s+│ n\/a\s+│ waived\s+│ —\s+│ 3\s+│/);
      expect(run.stdout).toContain("Final score  1.13 / 2  (min; weakest: alpha)");
    });
  });

  describe("exits 2 on a bad command line", () => {
    it("an unknown flag", () => {
      const run = mltest(["score", BASIC, "--bogus"]);
      expectError(run);
      expect(run.stderr).toContain("unknown option '--bogus'");
    });

    it("an unknown command", () => {
      const run = mltest(["scroe", BASIC]);
      expectError(run);
      expect(run.stderr).toContain("unknown command 'scroe'");
    });

    it("--format nope", () => {
      const run = mltest(["score", BASIC, "--format", "nope"]);
      expectError(run);
      expect(run.stderr).toContain("'nope' is invalid");
      expect(run.stderr).toContain("table, json");
    });

    it("--min-score abc", () => {
      const run = mltest(["score", BASIC, "--min-score", "abc"]);
      expectError(run);
      expect(run.stderr).toBe('mltest: --min-score: "abc" is not a number of 0 or more\n');
    });

    it("--min-section naming an unknown section lists the sections", () => {
      const run = mltest(["score", BASIC, "--min-section", "nosuch=1"]);
      expectError(run);
      expect(run.stderr).toBe('mltest: --min-section: unknown section "nosuch"; sections: data, model, infra, monitor\n');
    });

    it("--min-section with a near miss suggests the section", () => {
      const run = mltest(["score", BASIC, "--min-section", "monitr=1"]);
      expectError(run);
      expect(run.stderr).toContain('did you mean "monitor"?');
    });

    it("--min-section without =", () => {
      const run = mltest(["score", BASIC, "--min-section", "monitor"]);
      expectError(run);
      expect(run.stderr).toBe('mltest: --min-section: "monitor" should be SECTION=N, e.g. monitor=1.5\n');
    });

    it("--as-of 2026-02-30", () => {
      const run = mltest(["score", BASIC, "--as-of", "2026-02-30"]);
      expectError(run);
      expect(run.stderr).toBe('mltest: --as-of: "2026-02-30" is not a real date written YYYY-MM-DD\n');
    });

    it("a directory that does not exist", () => {
      const run = mltest(["score", "test/fixtures/custom/no-such-project"]);
      expectError(run);
      expect(run.stderr).toBe("mltest: no such project directory: test/fixtures/custom/no-such-project\n");
    });

    it("a directory without an evidence file", () => {
      const dir = join(tmp, "empty-project");
      mkdirSync(dir, { recursive: true });
      const run = mltest(["score", dir]);
      expectError(run);
      expect(run.stderr).toBe(
        `mltest: ${join(dir, "mltest.yaml")}: no evidence file here. Run "mltest init ${dir}" to write one with every rubric test and the evidence it finds in the project, then review it and run this again\n`,
      );
    });

    it("an unknown rubric id lists the built-in ids", () => {
      const run = mltest(["score", BASIC, "--rubric", "nope"]);
      expectError(run);
      expect(run.stderr).toBe(
        'mltest: unknown rubric "nope"; built-in rubrics: ml-test-score-2016, ml-test-score-2017 (or give a path to a YAML file)\n',
      );
    });
  });

  describe("exits 2 on a malformed evidence file, with file:line:col and no stack trace", () => {
    it("reports every schema problem, each located", () => {
      const run = mltest(["score", MALFORMED]);
      expectError(run);
      expect(run.stderr.split("\n").filter(Boolean)).toEqual([
        `mltest: ${MALFORMED}/mltest.yaml:5:5 tests.data-1.status: unknown status "automatic"; expected one of: none, manual, automated, not-applicable`,
        `mltest: ${MALFORMED}/mltest.yaml:8:5 tests.data-2.verified: must be a real date written YYYY-MM-DD`,
      ]);
    });

    it("reports a YAML syntax error at its position", () => {
      const run = mltest(["score", SYNTAX]);
      expectError(run);
      expect(run.stderr).toBe(
        `mltest: ${SYNTAX}/mltest.yaml:5:13: a second key on the line of "status", which YAML cannot nest there: put "manual: yes" on a line of its own, ` +
          'indented under "status"; or, if the colon is part of the text, put it in quotes: status: "manual: yes"\n',
      );
    });

    it("validate reports the same problems", () => {
      const run = mltest(["validate", MALFORMED]);
      expectError(run);
      expect(run.stderr).toContain(`${MALFORMED}/mltest.yaml:5:5 tests.data-1.status:`);
      expect(run.stderr).toContain(`${MALFORMED}/mltest.yaml:8:5 tests.data-2.verified:`);
    });
  });

  describe("--output", () => {
    it("writes the report to the file and replaces it on a rerun, --force or not", () => {
      const dir = join(tmp, "out");
      const file = join(dir, "report.json");
      const args = ["score", BASIC, "--format", "json", "--as-of", "2026-03-15"];

      const first = mltest([...args, "--output", file]);
      expect(first.stderr).toBe("");
      expect(first.status).toBe(0);
      expect(first.stdout).toBe("");
      expect(json({ ...first, stdout: readFileSync(file, "utf8") })).toEqual(json(mltest(args)));
      expect(readdirSync(dir)).toEqual(["report.json"]); // no temporary file left behind

      writeFileSync(file, "sentinel\n");
      const rerun = mltest([...args, "--output", file]);
      expect(rerun.stderr).toBe("");
      expect(rerun.status).toBe(0);
      expect(JSON.parse(readFileSync(file, "utf8")).schemaVersion).toBe(2);
      expect(readdirSync(dir)).toEqual(["report.json"]);

      const forced = mltest([...args, "--output", file, "--force"]);
      expect(forced.stderr).toBe("");
      expect(forced.status).toBe(0);
      expect(forced.stdout).toBe("");
      expect(JSON.parse(readFileSync(file, "utf8")).schemaVersion).toBe(2);
      expect(readdirSync(dir)).toEqual(["report.json"]);
    });

    it("still writes the report, without colour, when the gate fails", () => {
      const file = join(tmp, "failed.txt");
      const run = mltest(["score", BASIC, "--min-score", "2", "-o", file], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      const text = readFileSync(file, "utf8");
      expect(text).toContain("✗ final score 0.5 is below the minimum 2");
      expect(text).not.toMatch(ANSI);
    });
  });

  describe("colour", () => {
    it("colours the report when forced (control: the ANSI check can fail)", () => {
      const run = mltest(["score", BASIC], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(ANSI);
    });

    it("prints no ANSI codes when stdout is not a terminal, even without NO_COLOR", () => {
      const env = { NO_COLOR: undefined, FORCE_COLOR: undefined };
      for (const args of [
        ["score", BASIC],
        ["describe", "data-1"],
        ["score", MALFORMED],
      ]) {
        const run = mltest(args, { env });
        expect(run.stdout + run.stderr, args.join(" ")).not.toMatch(ANSI);
        expect(run.stdout + run.stderr, args.join(" ")).not.toBe("");
      }
    });

    it("prints no ANSI codes under --no-color, even when colour is forced", () => {
      const env = { NO_COLOR: undefined, FORCE_COLOR: "1" };
      for (const args of [
        ["score", BASIC, "--no-color"],
        ["rubric", "--no-color"],
      ]) {
        const run = mltest(args, { env });
        expect(run.status, args.join(" ")).toBe(0);
        expect(run.stdout, args.join(" ")).not.toMatch(ANSI);
      }
    });

    it("prints no ANSI codes under NO_COLOR, even when colour is forced", () => {
      const run = mltest(["score", BASIC], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
      expect(run.status).toBe(0);
      expect(run.stdout).not.toMatch(ANSI);
    });
  });

  // Regression: gate floors are looked up with `minSection[section.id]` on a plain object,
  // so a section whose id is "constructor" finds Object.prototype.constructor as its floor: the
  // gate fails ("is below the minimum function Object() { [native code] }", exit 1) although no
  // threshold was set.
  it('does not invent a gate threshold for a section named "constructor"', () => {
    const dir = join(tmp, "proto-section");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "rubric.yaml"), protoRubric("constructor", "c-1"));
    writeFileSync(join(dir, "mltest.yaml"), "rubric: rubric.yaml\ntests:\n  c-1:\n    status: automated\n");
    const run = mltest(["score", dir, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(json(run).gate).toEqual({ passed: true, checks: [] });
    expect(run.status).toBe(0);
  });

  // Regression: report.ts reads `evidence.tests[test.id]` on a plain object, so an
  // undeclared test whose id is "constructor" gets a `line` in the JSON report (pointing at
  // `tests:`) as if it were declared.
  it('does not give an undeclared test named "constructor" a line in the report', () => {
    const dir = join(tmp, "proto-test");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "rubric.yaml"), protoRubric("sec", "constructor"));
    writeFileSync(join(dir, "mltest.yaml"), "rubric: rubric.yaml\ntests:\n  c-1:\n    status: automated\n");
    const run = mltest(["score", dir, "--format", "json"]);
    expect(run.status).toBe(0);
    const test = json(run).sections[0]!.tests.find((t) => t.id === "constructor")!;
    expect(test.status).toBe("none");
    expect(test.line).toBeUndefined();
  });
});

/** A one-section rubric with tests c-1 and `testId`, for the Object.prototype cases. */
function protoRubric(sectionId: string, testId: string): string {
  const test = (id: string) =>
    `      - id: ${id}\n        title: Test ${id}\n        why: w\n        how: h\n        manual: m\n        automated: a\n`;
  return (
    "id: proto\ntitle: Proto\nversion: 1\nscoring:\n  points: { none: 0, manual: 0.5, automated: 1 }\n" +
    "  bands:\n    - { max: 2, label: All }\n" +
    `sections:\n  - id: ${sectionId}\n    title: Section\n    tests:\n${test("c-1")}${testId === "c-1" ? "" : test(testId)}`
  );
}

describe("mltest validate", () => {
  it("says the evidence file is valid and how many tests it declares", () => {
    const run = mltest(["validate", BASIC]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `${BASIC}/mltest.yaml: valid against ml-test-score-2017 (5 of 28 tests declared; the rest count as none); every pointer resolves\n`,
    );
  });

  it("exits 1 naming each broken pointer, and --syntax-only checks the files alone", () => {
    const run = mltest(["validate", "examples/demand-forecast", "--as-of", "2026-11-28"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      "examples/demand-forecast/mltest.yaml: valid against ml-test-score-2017 (20 of 28 tests declared; the rest count as none), but 2 pointers are broken (they score 0):\n" +
        "  data-7: path tests/test_feature_pipeline.py: no such file or folder\n" +
        '  infra-6: ci .gitlab-ci.yml#canary-deploy: no job "canary-deploy" in .gitlab-ci.yml; its jobs: validate-data, unit-tests, train, validate-model, deploy, dependency-audit, freshness-check, nightly-invariants\n',
    );
    const syntax = mltest(["validate", "examples/demand-forecast", "--syntax-only"]);
    expect(syntax.status).toBe(0);
    expect(syntax.stdout).toBe(
      "examples/demand-forecast/mltest.yaml: valid against ml-test-score-2017 (20 of 28 tests declared; the rest count as none)\n",
    );
  });

  it("validates against the evidence file's own rubric", () => {
    const run = mltest(["validate", WEIGHTED]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      `${WEIGHTED}/mltest.yaml: valid against weighted-demo (5 of 5 tests declared; the rest count as none); every pointer resolves\n`,
    );
  });
});

describe("mltest rubric", () => {
  it("lists the built-in rubric's sections, tests and bands", () => {
    const run = mltest(["rubric"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("The ML Test Score 2017 (ml-test-score-2017)");
    for (const section of ["data", "model", "infra", "monitor"]) {
      expect(run.stdout).toContain(`(${section}, 0 to 7)`);
      for (let i = 1; i <= 7; i++) expect(run.stdout).toContain(`${section}-${i} `);
    }
    expect(run.stdout).toContain("Bands");
    expect(run.stdout).toContain(`[0, 0]     ${BUILTIN_BANDS[0]!.label}`);
    expect(run.stdout).toContain(`(5, 7]     ${BUILTIN_BANDS[BUILTIN_BANDS.length - 1]!.label}`);
  });

  it("prints the rubric as JSON", () => {
    const run = mltest(["rubric", "--format", "json"]);
    expect(run.status).toBe(0);
    const rubric = JSON.parse(run.stdout) as { id: string; sections: { id: string; tests: { id: string; weight: number }[] }[] };
    expect(rubric.id).toBe("ml-test-score-2017");
    expect(rubric.sections.map((s) => [s.id, s.tests.length])).toEqual([
      ["data", 7],
      ["model", 7],
      ["infra", 7],
      ["monitor", 7],
    ]);
    expect(rubric.sections[0]!.tests[0]).toMatchObject({ id: "data-1", weight: 1 });
  });

  it("lists a custom rubric given as a path, with its weights", () => {
    const run = mltest(["rubric", `${WEIGHTED}/rubric.yaml`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Weighted demo 1 (weighted-demo)");
    expect(run.stdout).toContain("Alpha (alpha, 0 to 3)");
    expect(run.stdout).toContain("Beta (beta, 0 to 2)");
    expect(run.stdout).toMatch(/│ a-2\s+│ Second alpha test\s+│ 2\s+│/);
  });

  it("exits 2 for an unknown rubric id, listing the built-in ids", () => {
    const run = mltest(["rubric", "nope"]);
    expectError(run);
    expect(run.stderr).toContain("built-in rubrics: ml-test-score-2016, ml-test-score-2017");
  });
});

describe("mltest describe", () => {
  it("explains a test: why, how and what each status takes", () => {
    const run = mltest(["describe", "data-1"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("data-1 Feature expectations are captured in a schema");
    for (const heading of ["Why", "How", "Manual (0.5 points)", "Automated (1 point)"]) expect(lines).toContain(heading);
  });

  it("says the points each level scores in all, as the 2016 paper awards a second point for automating", () => {
    const lines = mltest(["describe", "data-1", "--rubric", "ml-test-score-2016"]).stdout.split("\n");
    expect(lines).toContain("Manual (1 point)");
    expect(lines).toContain("Automated (2 points)");
    expect(lines.some((l) => l.includes("(+"))).toBe(false);
  });

  it("guides infra-4 with MLflow's registry aliases, not the stages MLflow 2.9 deprecated", () => {
    const run = mltest(["describe", "infra-4"]);
    expect(run.stdout).toContain("alias");
    expect(run.stdout).not.toMatch(/registry stage change/);
  });

  it("gives band 0 the paper's meaning: a weakest area with nothing in place, a research project", () => {
    for (const rubric of ["ml-test-score-2017", "ml-test-score-2016"]) {
      const bands = (
        JSON.parse(mltest(["rubric", rubric, "--format", "json"]).stdout) as { scoring: { bands: { max: number; meaning?: string }[] } }
      ).scoring.bands;
      expect(bands[0]!.meaning, rubric).toMatch(
        /^At least one area has nothing in place, so the system is more a research project than\s+a production system/,
      );
      expect(bands[0]!.meaning, rubric).not.toContain("Nothing is tested yet");
    }
  });

  it("exits 2 for an unknown test id and suggests the nearest one", () => {
    const run = mltest(["describe", "data-01"]);
    expectError(run);
    expect(run.stderr).toBe('mltest: no test "data-01" in rubric ml-test-score-2017; did you mean "data-1"?\n');
  });

  it("describes a test of a custom rubric, with its weight and related tests", () => {
    const run = mltest(["describe", "a-2", "--rubric", `${WEIGHTED}/rubric.yaml`]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Alpha · Weighted demo 1 · weight 2");
    expect(run.stdout).toContain("Related\n  a-1 First alpha test");
  });
});

describe("mltest --version and --help", () => {
  it("--version prints the package version", () => {
    const run = mltest(["--version"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${pkg.version}\n`);
  });

  it("--help lists the commands", () => {
    const run = mltest(["--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: mltest");
    for (const command of ["score", "validate", "rubric", "describe"]) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("score --help lists the gate options", () => {
    const run = mltest(["score", "--help"]);
    expect(run.status).toBe(0);
    for (const flag of ["--min-score", "--min-section", "--format", "--output", "--as-of", "--no-color"]) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe("dates on the command line", () => {
  it("an impossible date names the flag it was given to", () => {
    const asOf = mltest(["score", BASIC, "--as-of", "2026-02-30"]);
    expectError(asOf);
    expect(asOf.stderr).toBe('mltest: --as-of: "2026-02-30" is not a real date written YYYY-MM-DD\n');
    const since = mltest(["trend", BASIC, "--since", "2026-02-30"]);
    expectError(since);
    expect(since.stderr).toBe('mltest: --since: "2026-02-30" is not a real date written YYYY-MM-DD\n');
  });
});
