// Organisation rubrics: `extends:` (overrides, additions, disabled tests, chains, cycles and their
// located errors), the 2016 edition (0/1/2 points, whole-number bands with 11 read as 7–10), gate
// presets, the shipped JSON Schemas checked with ajv against every file they describe, and the
// rubric rendered as a document. Every expected score is computed by hand in a comment.
//
// Section = N × Σ(w·p) / Σw over the applicable tests (not-applicable and disabled tests leave
// both sums; N stays the section's number of tests), rounded to 2 decimals. Final = min over
// sections unless the rubric says weighted-mean. Bands are open below, closed above.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020Module from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse as parseYamlText, stringify } from "yaml";
import { TREND_FORMATS } from "../src/format/trend.js";
import { parseHistory } from "../src/history.js";
import { loadRubric } from "../src/load/rubric.js";
import { loadProject, type ProjectOptions, scoreProject } from "../src/project.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { jsonSchema, SCHEMA_NAMES } from "../src/schema/json-schema.js";
import type { Report } from "../src/schema/report.js";
import type { Thresholds } from "../src/score/gate.js";
import { InputError, type Problem } from "../src/util/errors.js";
import { AS_OF, caseFolders, mltest, ROOT } from "./run.js";

// ---------------------------------------------------------------------------------------------
// Helpers

const RUBRICS = join(ROOT, "rubrics");
const R2017 = join(RUBRICS, "ml-test-score-2017.yaml");
const R2016 = join(RUBRICS, "ml-test-score-2016.yaml");
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A fresh directory under the temp root holding the given files (names may contain "/"). */
const dirWith = caseFolders("mltest-rubrics-");

/** Runs `fn`, which must throw an InputError, and returns its problems. */
function inputProblems(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    return problems;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** 1-based line and column of the first occurrence of `needle` in the file. */
function pos(file: string, needle: string): { line: number; col: number } {
  const text = readFileSync(file, "utf8");
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
  const before = text.slice(0, index);
  return { line: before.split("\n").length, col: index - before.lastIndexOf("\n") };
}

/** A - none, M manual, A automated, N not-applicable; one letter per test of the section. */
function codes(section: string, letters: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  [...letters].forEach((letter, i) => {
    const id = `${section}-${i + 1}`;
    if (letter === "A") out[id] = { status: "automated" };
    else if (letter === "M") out[id] = { status: "manual" };
    else if (letter === "N") out[id] = { status: "not-applicable", reason: "does not apply to this system" };
    else if (letter !== "-") throw new Error(`unknown code ${letter}`);
  });
  return out;
}

/** Evidence for the four paper sections, given as code strings. */
function four(data: string, model: string, infra: string, monitor: string): Record<string, unknown> {
  return { ...codes("data", data), ...codes("model", model), ...codes("infra", infra), ...codes("monitor", monitor) };
}

const ALL_A = "AAAAAAA";

/** A project directory: mltest.yaml from `evidence`, plus other files (rubrics, docs). */
function project(evidence: Record<string, unknown>, files: Record<string, string> = {}): string {
  return dirWith({ ...files, "mltest.yaml": stringify(evidence) });
}

function scored(dir: string, thresholds: Thresholds = {}, options: ProjectOptions = {}, strict = false): Report {
  return scoreProject(loadProject(dir, options), { asOf: AS_OF, strict, thresholds });
}

const sectionScores = (report: Report) => report.sections.map((s) => [s.id, s.score, s.max]);
const testOf = (report: Report, id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;

function json(run: { status: number | null; stdout: string; stderr: string }): Report {
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Report;
}

/** A complete test definition for `sections:` (flow style, one line). */
const newTest = (id: string, title = `Test ${id}`) =>
  `{ id: ${id}, title: ${title}, why: Because it matters here., how: Do it carefully., manual: Run it by hand., automated: Run it in CI. }`;

const header = (id: string, base: string, version = '"1"') => `id: ${id}\ntitle: Rubric ${id}\nversion: ${version}\nextends: ${base}\n`;

// ---------------------------------------------------------------------------------------------
// 1. extends

describe("a rubric that extends another", () => {
  const base = loadRubric(R2017).rubric;
  const baseTest = (id: string) => base.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;

  it("overrides a test's weight, title, guidance and maxAgeDays, keeping the rest of the test", () => {
    const rubric =
      header("org", "ml-test-score-2017", "3") +
      [
        "tests:",
        "  data-1:",
        "    weight: 3",
        "    title: Schemas are checked at the door",
        "    why: Our incident review found bad rows entering through unchecked feeds.",
        "    how: Use the shared schema library for every feed.",
        "  data-2:",
        "    maxAgeDays: { verified: 30 }",
        "  data-4:",
        "    manual: Ask the data council to review the features against the policy.",
        "",
      ].join("\n");
    const doc = { doc: "docs/review.md" };
    // 2026-10-19 is 40 days before AS_OF (2026-11-28): 12 days to the end of October, then 28.
    const dir = project(
      {
        rubric: "org.yaml",
        tests: {
          "data-1": { status: "automated" },
          "data-2": { status: "manual", verified: "2026-10-19", evidence: [doc] },
          "data-3": { status: "manual", verified: "2026-10-19", evidence: [doc] },
        },
      },
      { "org.yaml": rubric, "docs/review.md": "# Review\n" },
    );

    const loaded = loadRubric(join(dir, "org.yaml")).rubric;
    expect(loaded.version).toBe("3"); // a YAML number, kept as a string
    const t1 = loaded.sections[0]!.tests[0]!;
    expect(t1).toMatchObject({
      id: "data-1",
      weight: 3,
      title: "Schemas are checked at the door",
      why: "Our incident review found bad rows entering through unchecked feeds.",
      how: "Use the shared schema library for every feed.",
    });
    // Fields the override does not name come from the base.
    expect(t1.manual).toBe(baseTest("data-1").manual);
    expect(t1.related).toEqual(baseTest("data-1").related);
    expect(t1.detect).toEqual(baseTest("data-1").detect);
    expect(loaded.sections[0]!.tests[1]!.maxAgeDays).toEqual({ verified: 30 });
    expect(loaded.sections[0]!.tests[2]).toEqual(baseTest("data-3"));
    expect(loaded.sections[0]!.tests[3]!.manual).toBe("Ask the data council to review the features against the policy.");

    // Default: data-1 A (w 3) = 3, data-2 M 0.5, data-3 M 0.5, data-4..7 none; Σw = 3 + 6 = 9.
    //   7 × 4 / 9 = 3.111… → 3.11
    const report = scored(dir);
    expect(report.sections[0]).toMatchObject({ id: "data", score: 3.11, max: 7 });
    expect(testOf(report, "data-1")).toMatchObject({ title: "Schemas are checked at the door", weight: 3, points: 1 });
    // data-2 is 40 days old against its own limit of 30: stale. data-3, same date, keeps the base's 90.
    expect(testOf(report, "data-2").verification?.state).toBe("stale");
    expect(testOf(report, "data-2").verification?.findings).toContainEqual({
      pointer: "verified 2026-10-19",
      result: "stale",
      message: "the manual run is 40 days old; the limit is 30",
    });
    expect(testOf(report, "data-3").verification?.state).toBe("verified");
    // The overridden guidance is what the next step says: data-4 none → manual gains
    // 7 × 1 × 0.5 / 9 = 0.388… → 0.39.
    expect(report.nextSteps.find((s) => s.test === "data-4" && s.to === "manual")).toMatchObject({
      action: "Ask the data council to review the features against the policy.",
      gain: 0.39,
    });

    // Strict: data-1 (no pointer: unverified) and data-2 (stale) score 0; data-3 0.5.
    //   7 × 0.5 / 9 = 0.388… → 0.39 (it would be 7 × 1 / 9 = 0.78 without data-2's maxAgeDays).
    expect(scored(dir, {}, {}, true).sections[0]!.score).toBe(0.39);
  });

  const scoringOverride = [
    "scoring:",
    "  points: { none: 0, manual: 1, automated: 3 }",
    "  aggregate: weighted-mean",
    "  bands:",
    "    - { max: 10, label: Not yet }",
    "    - { max: 21, label: Ready }",
    "",
  ].join("\n");
  // data A M = 3 + 1 = 4; model A = 3; infra 0; monitor 7 × 3 = 21.
  const scoringEvidence = { rubric: "org.yaml", tests: four("AM-----", "A------", "-------", ALL_A) };

  it("removes a base test's heading or note with null, as a JSON merge patch does", () => {
    const dir = dirWith({
      "org.yaml": stringify({
        id: "org",
        title: "Org",
        version: 1,
        extends: "ml-test-score-2017",
        tests: { "model-1": { heading: null, note: "Ours." }, "model-2": { note: null } },
      }),
    });
    const tests = loadRubric(join(dir, "org.yaml")).rubric.sections.flatMap((s) => s.tests);
    const model1 = tests.find((t) => t.id === "model-1")!;
    expect("heading" in model1).toBe(false);
    expect(model1.note).toBe("Ours.");
    expect(tests.find((t) => t.id === "model-2")!.heading).toBe("Offline proxy metrics correlate with actual online impact metrics");
    // null is refused where removing makes no sense: a test needs its title.
    const bad = dirWith({
      "org.yaml": stringify({ id: "org", title: "Org", version: 1, extends: "ml-test-score-2017", tests: { "model-1": { title: null } } }),
    });
    expect(inputProblems(() => loadRubric(join(bad, "org.yaml")))[0]).toMatchObject({ path: "tests.model-1.title" });
  });

  it("keeps a base gate's description when an extension changes only its thresholds, and takes the extension's own", () => {
    const dir = dirWith({
      "org.yaml": stringify({
        id: "org",
        title: "Org",
        version: 1,
        extends: "ml-test-score-2017",
        gates: { production: { minScore: 3 }, prototype: { description: "Ours.", minSection: { data: 2 } } },
      }),
    });
    const base = loadRubric(R2017).rubric.gates!;
    const gates = loadRubric(join(dir, "org.yaml")).rubric.gates!;
    expect(gates.production).toEqual({ minScore: 3, description: base.production!.description });
    expect(gates.prototype).toEqual({ description: "Ours.", minSection: { data: 2 } });
    expect(gates["mission-critical"]).toEqual(base["mission-critical"]);
  });

  it("overrides points, aggregate and bands", () => {
    const dir = project(scoringEvidence, { "org.yaml": header("org", "ml-test-score-2017") + scoringOverride });
    const report = scored(dir);
    // Section max = 7 × 3 = 21.
    expect(sectionScores(report)).toEqual([
      ["data", 4, 21],
      ["model", 3, 21],
      ["infra", 0, 21],
      ["monitor", 21, 21],
    ]);
    // Weighted mean, all section weights 1: (4 + 3 + 0 + 21) / 4 = 7 (max: the mean of 21s = 21).
    expect(report.final).toMatchObject({ score: 7, max: 21, aggregate: "weighted-mean", band: { label: "Not yet", min: 0, max: 10 } });
    expect(testOf(report, "data-2").points).toBe(1);
  });

  it("overrides a section's weight and title, keeping its tests and summary", () => {
    const rubric =
      header("org", "ml-test-score-2017") +
      scoringOverride +
      "sections:\n  - id: monitor\n    title: Production monitoring\n    weight: 3\n";
    const dir = project(scoringEvidence, { "org.yaml": rubric });
    const loaded = loadRubric(join(dir, "org.yaml")).rubric;
    const monitor = loaded.sections[3]!;
    expect(monitor).toMatchObject({ id: "monitor", title: "Production monitoring", weight: 3, summary: base.sections[3]!.summary });
    expect(monitor.tests).toEqual(base.sections[3]!.tests);
    const report = scored(dir);
    expect(report.sections[3]!.title).toBe("Production monitoring");
    // (4·1 + 3·1 + 0·1 + 21·3) / (1 + 1 + 1 + 3) = 70 / 6 = 11.666… → 11.67: now in (10, 21].
    expect(report.final).toMatchObject({ score: 11.67, max: 21, band: { label: "Ready", min: 10, max: 21 } });
  });

  it("adds a test to an existing section: N grows to 8", () => {
    const rubric =
      header("org", "ml-test-score-2017") +
      `sections:\n  - id: monitor\n    tests:\n      - ${newTest("monitor-8", "Alerts reach on-call")}\n`;
    const dir = project(
      {
        rubric: "org.yaml",
        tests: { ...four(ALL_A, ALL_A, ALL_A, "M------"), "monitor-8": { status: "automated" } },
      },
      { "org.yaml": rubric },
    );
    const report = scored(dir);
    expect(report.sections[3]!.tests.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => `monitor-${n}`));
    // monitor: 0.5 + 1 = 1.5 of 8. Final = min(7, 7, 7, 1.5) = 1.5 of min(7, 7, 7, 8) = 7.
    expect(sectionScores(report)).toEqual([
      ["data", 7, 7],
      ["model", 7, 7],
      ["infra", 7, 7],
      ["monitor", 1.5, 8],
    ]);
    expect(report.final).toMatchObject({
      score: 1.5,
      max: 7,
      weakest: ["monitor"],
      band: { label: "First production pass", min: 1, max: 2 },
    });
    expect(testOf(report, "monitor-8").title).toBe("Alerts reach on-call");
  });

  it("adds a whole section", () => {
    const rubric =
      header("org", "ml-test-score-2017") +
      `sections:\n  - id: governance\n    title: Governance\n    summary: What the risk committee asks.\n    weight: 2\n    tests:\n      - ${newTest("gov-1")}\n      - ${newTest("gov-2")}\n`;
    const dir = project(
      {
        rubric: "org.yaml",
        tests: { ...four(ALL_A, ALL_A, ALL_A, ALL_A), "gov-1": { status: "automated" }, "gov-2": { status: "manual" } },
      },
      { "org.yaml": rubric },
    );
    const loaded = loadRubric(join(dir, "org.yaml")).rubric;
    expect(loaded.sections.map((s) => s.id)).toEqual(["data", "model", "infra", "monitor", "governance"]);
    expect(loaded.sections[4]).toMatchObject({ title: "Governance", summary: "What the risk committee asks.", weight: 2 });
    const report = scored(dir);
    // governance: 1 + 0.5 = 1.5 of 2. Final = min(7, 7, 7, 7, 1.5) = 1.5 of min(7, 7, 7, 7, 2) = 2.
    expect(report.sections[4]).toMatchObject({ id: "governance", title: "Governance", score: 1.5, max: 2 });
    expect(report.final).toMatchObject({
      score: 1.5,
      max: 2,
      weakest: ["governance"],
      band: { label: "First production pass", min: 1, max: 2 },
    });
  });

  describe("disabling a test", () => {
    const REASON = "Feature lead time is tracked by the platform team.";
    const rubric = `${header("org", "ml-test-score-2017")}tests:\n  data-6:\n    disabled: ${REASON}\n`;
    // data-6 is claimed automated, but the rubric disables it; data-7 none.
    const dir = project({ rubric: "org.yaml", tests: four("AAAAAA-", ALL_A, ALL_A, ALL_A) }, { "org.yaml": rubric });

    it("lists it with `disabled` and scores it like not-applicable: out of both sums, N still 7", () => {
      const report = scored(dir);
      // data: 7 × (5 · 1) / 6 = 5.833… → 5.83 (not 6, the score if data-6 counted; N stays 7, max 7).
      expect(report.sections[0]).toMatchObject({ id: "data", score: 5.83, claimed: 5.83, max: 7 });
      expect(testOf(report, "data-6")).toMatchObject({ status: "not-applicable", points: 0, claimed: 0, disabled: REASON });
      expect(testOf(report, "data-6").waiver).toBeUndefined(); // a rubric's choice, not a waiver
      // Final min(5.83, 7, 7, 7) = 5.83; a disabled test is not a waiver, so withoutWaivers agrees.
      expect(report.final).toMatchObject({
        score: 5.83,
        claimed: 5.83,
        withoutWaivers: 5.83,
        max: 7,
        band: { label: "Best in class", min: 5, max: 7 },
      });
      expect(report.nextSteps.map((s) => s.test)).not.toContain("data-6");
      // data-7 none → manual: 7 × 0.5 / 6 = 0.583… → 0.58 (Σw is 6, not 7).
      expect(report.nextSteps.find((s) => s.test === "data-7" && s.to === "manual")?.gain).toBe(0.58);
    });

    it('shows it as "disabled" in the table and markdown reports', () => {
      const table = mltest("score", dir, "--as-of", AS_OF);
      expect(table.status).toBe(0);
      const row = table.stdout.split("\n").find((l) => /\bdata-6\b/.test(l))!;
      expect(row).toMatch(/│ disabled\s+│/);
      expect(row).not.toMatch(/automated|not applicable|n\/a/);

      const markdown = mltest("score", dir, "--as-of", AS_OF, "--format", "markdown");
      expect(markdown.status).toBe(0);
      const mdRow = markdown.stdout.split("\n").find((l) => l.startsWith("| data-6 |"))!;
      expect(mdRow).toContain(`| disabled: ${REASON} |`);
    });
  });

  it("applies a chain of three in order and lists each base with its file's hash, nearest first", () => {
    const b =
      header("org-base", "ml-test-score-2017", '"2026.1"') +
      [
        "tests:",
        "  data-1: { weight: 2, title: Title from b }",
        "  data-3: { disabled: b does not track feature costs }",
        "sections:",
        "  - id: governance",
        "    title: Governance",
        `    tests: [${newTest("gov-1")}]`,
        "",
      ].join("\n");
    const c =
      header("team", "./b.yaml", '"7"') +
      [
        "tests:",
        "  data-1: { title: Title from c }",
        "  data-2: { weight: 3 }",
        "sections:",
        "  - id: governance",
        `    tests: [${newTest("gov-2")}]`,
        "",
      ].join("\n");
    const dir = project(
      {
        rubric: "c.yaml",
        tests: { ...four("AM-A---", ALL_A, ALL_A, ALL_A), "gov-1": { status: "automated" }, "gov-2": { status: "automated" } },
      },
      { "b.yaml": b, "c.yaml": c },
    );
    const report = scored(dir);
    // c's title wins over b's; b's weight stays; b's disabled data-3 and governance carry through.
    expect(testOf(report, "data-1")).toMatchObject({ title: "Title from c", weight: 2 });
    expect(testOf(report, "data-2").weight).toBe(3);
    expect(testOf(report, "data-3").disabled).toBe("b does not track feature costs");
    expect(report.sections[4]!.tests.map((t) => t.id)).toEqual(["gov-1", "gov-2"]);
    // data: weights data-1 2, data-2 3, data-4..7 1 each (data-3 out) → Σw = 9;
    //   Σw·p = 2·1 + 3·0.5 + 1·1 = 4.5 → 7 × 4.5 / 9 = 3.5. governance 2 of 2.
    // Final = min(3.5, 7, 7, 7, 2) = 2.
    expect(sectionScores(report)).toEqual([
      ["data", 3.5, 7],
      ["model", 7, 7],
      ["infra", 7, 7],
      ["monitor", 7, 7],
      ["governance", 2, 2],
    ]);
    expect(report.final.score).toBe(2);
    const expected = {
      id: "team",
      title: "Rubric team",
      version: "7",
      sha256: sha(join(dir, "c.yaml")),
      extends: [
        { id: "org-base", version: "2026.1", sha256: sha(join(dir, "b.yaml")) },
        { id: "ml-test-score-2017", version: "2017", sha256: sha(R2017) },
      ],
    };
    expect(report.rubric).toEqual(expected);
    // The CLI (which takes the 2017 base from its precompiled copy) says the same.
    const run = mltest("score", dir, "--format", "json", "--as-of", AS_OF);
    expect(run.status).toBe(0);
    expect(json(run).rubric).toEqual(expected);
  });

  describe("errors located at the extends key", () => {
    it("a cycle a → b → a, naming the files, at the extends key of the file that closes it", () => {
      const dir = dirWith({ "a.yaml": header("a", "./b.yaml"), "b.yaml": header("b", "./a.yaml") });
      const [a, b] = [join(dir, "a.yaml"), join(dir, "b.yaml")];
      const problems = inputProblems(() => loadRubric(a));
      expect(problems).toEqual([
        { file: b, ...pos(b, "extends"), path: "extends", message: `extends goes round in a circle: ${a} → ${b} → ${a}` },
      ]);
      // From the other end, the cycle closes in a.yaml.
      expect(inputProblems(() => loadRubric(b))).toEqual([
        { file: a, ...pos(a, "extends"), path: "extends", message: `extends goes round in a circle: ${b} → ${a} → ${b}` },
      ]);
      // Through the CLI: exit 2, located, no stack trace.
      const run = mltest("rubric", a);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`mltest: ${b}:4:1 extends: extends goes round in a circle: ${a} → ${b} → ${a}\n`);
    });

    it("a rubric that extends itself", () => {
      const dir = dirWith({ "self.yaml": header("self", "self.yaml") });
      const self = join(dir, "self.yaml");
      expect(inputProblems(() => loadRubric(self))).toEqual([
        { file: self, ...pos(self, "extends"), path: "extends", message: `extends goes round in a circle: ${self} → ${self}` },
      ]);
    });

    it("a base path that does not exist", () => {
      const dir = dirWith({ "org.yaml": header("org", "./bases/missing.yaml") });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        { file, ...pos(file, "extends"), path: "extends", message: `no rubric file at ${join(dir, "bases/missing.yaml")}` },
      ]);
    });

    it("an unknown built-in id, with the built-ins and a suggestion", () => {
      const dir = dirWith({ "org.yaml": header("org", "ml-test-scor-2017") });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        {
          file,
          ...pos(file, "extends"),
          path: "extends",
          message:
            'unknown rubric "ml-test-scor-2017"; built-in rubrics: ml-test-score-2016, ml-test-score-2017 ' +
            '(or give a path to a YAML file); did you mean "ml-test-score-2017"?',
        },
      ]);
    });
  });

  describe("errors in the extending file", () => {
    it("overriding an unknown test id, with a suggestion", () => {
      const dir = dirWith({ "org.yaml": `${header("org", "ml-test-score-2017")}tests:\n  monitr-3:\n    weight: 2\n` });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        {
          file,
          ...pos(file, "monitr-3"),
          path: "tests.monitr-3",
          message: 'no test "monitr-3" in ml-test-score-2017 to override; did you mean "monitor-3"?; add new tests under sections:',
        },
      ]);
    });

    it("adding a test whose id exists", () => {
      const dir = dirWith({
        "org.yaml":
          header("org", "ml-test-score-2017") +
          "sections:\n  - id: model\n    tests:\n      - id: data-1\n        title: Again\n        why: w\n        how: h\n        manual: m\n        automated: a\n",
      });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        {
          file,
          ...pos(file, "id: data-1"),
          path: "sections.0.tests.0.id",
          message: 'test "data-1" already exists; change it under tests: instead',
        },
      ]);
    });

    it("a new section without a title, and one without tests", () => {
      const dir = dirWith({
        "org.yaml":
          header("org", "ml-test-score-2017") +
          `sections:\n  - id: fairness\n    tests: [${newTest("fair-1")}]\n  - id: privacy\n    title: Privacy\n`,
      });
      const file = join(dir, "org.yaml");
      const known = "(ml-test-score-2017 has data, model, infra, monitor); a new section needs a title and tests";
      expect(inputProblems(() => loadRubric(file))).toEqual([
        { file, ...pos(file, "id: fairness"), path: "sections.0", message: `"fairness" is a new section ${known}` },
        { file, ...pos(file, "id: privacy"), path: "sections.1", message: `"privacy" is a new section ${known}` },
      ]);
    });

    const allDataDisabled = `tests:\n${[1, 2, 3, 4, 5, 6, 7].map((n) => `  data-${n}: { disabled: not ours }\n`).join("")}`;

    it("a section whose every test is disabled", () => {
      const dir = dirWith({ "org.yaml": header("org", "ml-test-score-2017") + allDataDisabled });
      const file = join(dir, "org.yaml");
      const problems = inputProblems(() => loadRubric(file));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ file, message: 'every test of section "data" is disabled; remove the section instead' });
    });

    // Regression: problems found in the MERGED rubric (checkRubric, and the merged schema check in
    // src/load/rubric.ts extend()) are located with the merged rubric's paths in the extending
    // file. Here data is sections.0 of the merged rubric, so the problem reads "sections.0" and
    // points at the extending file's own sections.0, the governance entry, which has nothing to
    // do with it. It should point at what disabled the tests (the tests: overrides).
    it("locates the all-disabled problem at the overrides that disable the tests, not at an unrelated section", () => {
      const dir = dirWith({
        "org.yaml":
          header("org", "ml-test-score-2017") +
          allDataDisabled +
          `sections:\n  - id: governance\n    title: Governance\n    tests: [${newTest("gov-1")}]\n`,
      });
      const file = join(dir, "org.yaml");
      const [problem] = inputProblems(() => loadRubric(file));
      expect(problem!.message).toContain('every test of section "data" is disabled');
      expect(problem!.line).not.toBe(pos(file, "- id: governance").line);
      expect(problem!.path).toMatch(/^tests\b/);
    });

    // Regression: the same mislocation for a field the extension itself wrote: an unknown id in an
    // override's `related` is reported as "sections.0.tests.0.related.0" at line 1 (a path that
    // is not in the file) instead of at tests.data-1.related.0, where the bad id is written.
    it("locates an unknown related id in an override where it is written", () => {
      const dir = dirWith({ "org.yaml": `${header("org", "ml-test-score-2017")}tests:\n  data-1:\n    related: [nope]\n` });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        { file, ...pos(file, "nope"), path: "tests.data-1.related.0", message: 'unknown test id "nope"' },
      ]);
    });

    it("a gate preset naming an unknown section", () => {
      const dir = dirWith({
        "org.yaml":
          header("org", "ml-test-score-2017") +
          `sections:\n  - id: fairness\n    title: Fairness\n    tests: [${newTest("fair-1")}]\n` +
          "gates:\n  strict:\n    minScore: 1\n    minSection:\n      fairnes: 1\n",
      });
      const file = join(dir, "org.yaml");
      expect(inputProblems(() => loadRubric(file))).toEqual([
        {
          file,
          ...pos(file, "fairnes: 1"),
          path: "gates.strict.minSection.fairnes",
          message: 'unknown section "fairnes"; did you mean "fairness"?',
        },
      ]);
    });

    // BUG (missing check): an evidence file's gate.minScore and --min-score above the rubric's
    // maximum are refused ("can never be reached"), but a preset is not checked at all. Adding a
    // one-test section lowers the final maximum to 1 while the inherited `production` preset
    // still asks for 2, so every project that picks it fails forever and nothing says why.
    it("refuses an inherited preset the extended rubric can never reach, once a project chooses it", () => {
      // A one-test governance section caps the final score at 1: the inherited production preset
      // (minScore 2) can never pass. The rubric itself loads; the project that picks it is refused.
      const dir = dirWith({
        "org.yaml": `${header("org", "ml-test-score-2017")}sections:\n  - id: governance\n    title: Governance\n    tests: [${newTest("gov-1")}]\n`,
        "mltest.yaml": "rubric: org.yaml\ngate:\n  preset: production\ntests: {}\n",
      });
      expect(loadRubric(join(dir, "org.yaml")).rubric.id).toBe("org");
      const problems = inputProblems(() => loadProject(dir));
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 3, path: "gate.preset" });
      expect(problems[0]!.message).toMatch(/asks for a final score of 2; the maximum is 1.*can never pass/);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. The 2016 edition

describe("ml-test-score-2016", () => {
  // Points none 0, manual 1, automated 2; seven tests a section (max 14); final = min.
  const project2016 = (data: string, model: string, infra: string, monitor: string, extra: Record<string, unknown> = {}) =>
    project({ rubric: "ml-test-score-2016", ...extra, tests: four(data, model, infra, monitor) });

  it("scores all manual as 7 per section and all automated as 14", () => {
    const manual = scored(project2016("MMMMMMM", "MMMMMMM", "MMMMMMM", "MMMMMMM"));
    expect(sectionScores(manual)).toEqual(["data", "model", "infra", "monitor"].map((id) => [id, 7, 14]));
    expect(manual.final).toMatchObject({ score: 7, max: 14, band: { label: "Broadly automated", min: 6, max: 11 } });
    const automated = scored(project2016(ALL_A, ALL_A, ALL_A, ALL_A));
    expect(sectionScores(automated)).toEqual(["data", "model", "infra", "monitor"].map((id) => [id, 14, 14]));
    expect(automated.final).toMatchObject({ score: 14, max: 14, band: { label: "Best in class", min: 11, max: 14 } });
  });

  it("scores mixed statuses by hand", () => {
    // data AM-AM-A: 2+1+0+2+1+0+2 = 8; model MMMAAAA: 3 + 8 = 11; infra A-A-A-A: 8;
    // monitor M-M-M--: 3. Final = min = 3 → (2, 4].
    const report = scored(project2016("AM-AM-A", "MMMAAAA", "A-A-A-A", "M-M-M--"));
    expect(sectionScores(report).map(([, s]) => s)).toEqual([8, 11, 8, 3]);
    expect(report.final).toMatchObject({ score: 3, weakest: ["monitor"], band: { label: "First production pass", min: 2, max: 4 } });
    // With not-applicable: model AANNM-- = 7 × (2 + 2 + 1) / 5 = 7; data AAAN---: 7 × 6 / 6 = 7.
    const rescaled = scored(project2016("AAAN---", "AANNM--", ALL_A, ALL_A));
    expect(sectionScores(rescaled).map(([, s]) => s)).toEqual([7, 7, 14, 14]);
  });

  it("applies its own gate presets: production is 4 and monitor ≥ 4", () => {
    // Same sections as above: final 3, monitor 3.
    const report = scored(project2016("AM-AM-A", "MMMAAAA", "A-A-A-A", "M-M-M--", { gate: { preset: "production" } }));
    expect(report.gate).toMatchObject({
      passed: false,
      preset: "production",
      checks: [
        { target: "final", expected: 4, actual: 3, passed: false },
        { target: "section:monitor", expected: 4, actual: 3, passed: false },
      ],
    });
  });

  // The weakest section (data) carries the score; the others are all automated (14).
  const cases: [number, string, string, number, number][] = [
    [0, "-------", "Research project", 0, 0],
    [1, "M------", "Early testing", 0, 2],
    [2, "A------", "Early testing", 0, 2],
    [3, "AM-----", "First production pass", 2, 4],
    [4, "AA-----", "First production pass", 2, 4],
    [5, "AAM----", "Solid, partly manual", 4, 6],
    [6, "AAA----", "Solid, partly manual", 4, 6],
    [7, "AAAM---", "Broadly automated", 6, 11],
    [10, "AAAAA--", "Broadly automated", 6, 11],
    [11, "AAAAMMM", "Broadly automated", 6, 11], // 11 is read with 7–10
    [12, "AAAAAMM", "Best in class", 11, 14],
    [14, ALL_A, "Best in class", 11, 14],
  ];
  it.each(cases)("a final score of %d lands in its band", (final, data, label, min, max) => {
    const report = scored(project2016(data, ALL_A, ALL_A, ALL_A));
    expect(report.sections[0]!.score).toBe(final);
    expect(report.final).toMatchObject({ score: final, max: 14, band: { label, min, max } });
  });

  it("reads exactly 11 (every section 4 automated + 3 manual = 8 + 3) with 7–10", () => {
    const dir = project({ tests: four("AAAAMMM", "MMMAAAA", "AMAMAMA", "AAMMAAM") });
    // --rubric on the command line: the file names no rubric.
    const run = mltest("score", dir, "--rubric", "ml-test-score-2016", "--as-of", AS_OF);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Final score {2}11 \/ 14 /m);
    expect(run.stdout).toMatch(/^Band {9}\(6, 11\] Broadly automated$/m);
    const report = scored(dir, {}, { rubric: "ml-test-score-2016" });
    expect(sectionScores(report).map(([, s]) => s)).toEqual([11, 11, 11, 11]);
    expect(report.final.band).toEqual({ label: "Broadly automated", min: 6, max: 11 });
  });

  it("enters the top band at exactly 12 (5 automated + 2 manual = 10 + 2)", () => {
    const dir = project({ rubric: "ml-test-score-2016", tests: four("AAAAAMM", "MMAAAAA", "AMAAAAM", "AAMAMAA") });
    const run = mltest("score", dir, "--as-of", AS_OF);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Band {9}\(11, 14\] Best in class$/m);
    const report = json(mltest("score", dir, "--as-of", AS_OF, "--format", "json"));
    expect(report.sections.map((s) => s.score)).toEqual([12, 12, 12, 12]);
    expect(report.final).toMatchObject({ score: 12, band: { label: "Best in class", min: 11, max: 14 } });
  });

  it("keeps 10.5 (a not-applicable rescale) below the top band", () => {
    // data AAMMNNN: 7 × (2 + 2 + 1 + 1) / 4 = 7 × 1.5 = 10.5; the rest 14. Final 10.5.
    const report = scored(project2016("AAMMNNN", ALL_A, ALL_A, ALL_A));
    expect(report.final).toMatchObject({ score: 10.5, band: { label: "Broadly automated", min: 6, max: 11 } });
  });

  it("names ml-test-score-2017 in report.rubric.extends, with that file's hash", () => {
    const report = scored(project2016("AAAAMMM", ALL_A, ALL_A, ALL_A));
    expect(report.rubric).toEqual({
      id: "ml-test-score-2016",
      title: "The ML Test Score",
      version: "2016",
      sha256: sha(R2016),
      extends: [{ id: "ml-test-score-2017", version: "2017", sha256: sha(R2017) }],
    });
  });

  describe("in its own words", () => {
    const r2016 = loadRubric(R2016).rubric;
    const r2017 = loadRubric(R2017).rubric;
    const tests2016 = r2016.sections.flatMap((s) => s.tests);
    const tests2017 = r2017.sections.flatMap((s) => s.tests);

    it("keeps the 2017 slots, in order, each under the 2016 paper's name", () => {
      expect(r2016.sections.map((s) => [s.id, s.tests.map((t) => t.id)])).toEqual(
        r2017.sections.map((s) => [s.id, s.tests.map((t) => t.id)]),
      );
      for (const [i, t] of tests2016.entries()) expect(t.title, t.id).not.toBe(tests2017[i]!.title);
      expect(tests2016.find((t) => t.id === "monitor-1")!.title).toBe(
        "Test for upstream instability in features, both in training and serving",
      );
      expect(tests2016.find((t) => t.id === "infra-2")!.title).toBe("Unit test model specification code");
      // The 2016 paper gives one name per test: the 2017 headings do not carry over.
      expect(tests2016.filter((t) => t.heading)).toEqual([]);
    });

    it("notes the four slots that changed in substance, and only those", () => {
      expect(tests2016.filter((t) => t.note).map((t) => t.id)).toEqual(["data-2", "data-4", "model-7", "monitor-1"]);
      for (const t of tests2016.filter((x) => x.note)) expect(t.note, t.id).toMatch(/2016[\s\S]*2017/);
      expect(tests2017.filter((t) => t.note)).toEqual([]);
      const described = mltest("describe", "monitor-1", "--rubric", "ml-test-score-2016");
      expect(described.stdout).toContain("\nNote\n  The 2016 test watches the features that arrive from upstream for instability");
      const doc = mltest("rubric", "ml-test-score-2016", "--format", "markdown").stdout;
      expect(doc).toContain(
        "### data-4: Test that a model does not contain any features that have been manually determined as unsuitable for use\n\n**Note.** The 2016 test asks only",
      );
    });

    it("keeps the 2017 gate presets' descriptions, with its own doubled thresholds", () => {
      for (const [name, gate] of Object.entries(r2016.gates!)) {
        expect(gate.description, name).toBe(r2017.gates![name]!.description);
        expect(gate.description, name).toBeTruthy();
      }
      expect(r2016.gates!.production).toMatchObject({ minScore: 4, minSection: { monitor: 4 } });
    });
  });

  it("gives the same rubric and report from the precompiled built-in (CLI) as from the YAML (src)", () => {
    const fromYaml = loadRubric(R2016);
    // The build's copy is current, so the CLI uses it rather than parsing the YAML.
    const compiled = JSON.parse(readFileSync(join(ROOT, "dist/compiled-rubrics/ml-test-score-2016.json"), "utf8"));
    expect(compiled.sha256).toBe(sha(R2016));
    expect(compiled.chain).toEqual([{ id: "ml-test-score-2017", version: "2017", sha256: sha(R2017) }]);
    expect(compiled).toEqual(JSON.parse(JSON.stringify(fromYaml)));

    const printed = mltest("rubric", "ml-test-score-2016", "--format", "json");
    expect(printed.status).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(JSON.parse(JSON.stringify(fromYaml.rubric)));

    const dir = project2016("AM-AM-A", "MMMAAAA", "A-A-A-A", "NNNNNNA");
    const cli = json(mltest("score", dir, "--format", "json", "--as-of", AS_OF));
    expect(cli).toEqual(JSON.parse(JSON.stringify(scored(dir))));
    expect(cli.final.score).toBe(8); // monitor NNNNNNA: 7 × 2 / 1 = 14; min(8, 11, 8, 14) = 8
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Gate presets

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

// ---------------------------------------------------------------------------------------------
// 4. JSON Schemas

describe("JSON Schemas", () => {
  // ajv/dist/2020 is CommonJS: its default import is module.exports, whose `default` is the class.
  const Ajv2020 = Ajv2020Module.default;
  // zod writes `type: ["string", "boolean"]` for string-or-boolean values: allowUnionTypes.
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  // ajv-formats is not installed: the formats the schemas use, checked simply by hand.
  const isDate = (s: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  };
  ajv.addFormat("date", isDate);
  ajv.addFormat("uri", (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(s));
  ajv.addFormat("email", (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s));

  const schemaFile = (name: string) => join(ROOT, "schemas", `${name}.schema.json`);
  const validators = Object.fromEntries(
    SCHEMA_NAMES.map((name) => [name, ajv.compile(JSON.parse(readFileSync(schemaFile(name), "utf8")) as object)]),
  );
  const check = (name: (typeof SCHEMA_NAMES)[number], value: unknown) => {
    const validate = validators[name]!;
    const ok = validate(value) as boolean;
    return { ok, errors: ajv.errorsText(validate.errors) };
  };
  const readYaml = (file: string) => parseYamlText(readFileSync(file, "utf8")) as unknown;

  it("the rubric schema flags what mltest refuses: whitespace-only text, a detector of two sources, automated without ci", () => {
    const built = parseYamlText(readFileSync(join(ROOT, "rubrics/ml-test-score-2017.yaml"), "utf8")) as {
      sections: { tests: { detect?: Record<string, unknown>[] }[] }[];
      title: string;
    };
    const withDetector = (detector: Record<string, unknown>) => {
      const copy = structuredClone(built);
      copy.sections[0]!.tests[0]!.detect = [detector];
      return copy;
    };
    expect(check("rubric", built).ok).toBe(true);
    expect(check("rubric", { ...built, title: "   " }).ok).toBe(false);
    expect(check("rubric", withDetector({ what: "x", status: "manual", files: ["**/*.py"], ci: "pytest" })).ok).toBe(false);
    expect(check("rubric", withDetector({ what: "x", status: "automated", files: ["**/*.py"] })).ok).toBe(false);
    expect(check("rubric", withDetector({ what: "x", status: "automated", ci: "pytest" })).ok).toBe(true);
    expect(check("rubric", withDetector({ what: "x", status: "manual", files: ["**/*.py"], contains: "import x" })).ok).toBe(true);
  });

  it.each(SCHEMA_NAMES)("schemas/%s.schema.json is what jsonSchema() generates", (name) => {
    expect(readFileSync(schemaFile(name), "utf8")).toBe(jsonSchema(name));
  });

  const examples = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(ROOT, "examples", d.name, "mltest.yaml")))
    .map((d) => d.name);
  it("covers every example", () => {
    expect(examples).toEqual(expect.arrayContaining(["fraud-scoring", "payments-risk", "demand-forecast"]));
  });
  it.each(examples)("examples/%s/mltest.yaml validates against the evidence schema", (name) => {
    expect(check("evidence", readYaml(join(ROOT, "examples", name, "mltest.yaml")))).toEqual({ ok: true, errors: "No errors" });
  });

  it("an ignore: list validates against the evidence schema; an entry with an unknown key does not", () => {
    const ignore = [
      { test: "data-5", path: ".pre-commit-config.yaml", reason: "formatting only" },
      { test: "monitor-3" },
      { test: "infra-1", ci: "ci.yml#a", runs: "dvc repro" },
    ];
    expect(check("evidence", { tests: {}, ignore })).toEqual({ ok: true, errors: "No errors" });
    expect(check("evidence", { tests: {}, ignore: [{ test: "data-5", file: "x" }] }).ok).toBe(false);
    expect(check("evidence", { tests: {}, ignore: [{ path: "x" }] }).ok).toBe(false);
  });

  const rubricFiles = [
    ...readdirSync(RUBRICS)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => `rubrics/${f}`),
    "examples/payments-risk/rubric.yaml",
  ];
  it.each(rubricFiles)("%s validates against the rubric schema", (file) => {
    expect(check("rubric", readYaml(join(ROOT, file)))).toEqual({ ok: true, errors: "No errors" });
  });

  const goldenDir = join(ROOT, "test/golden");
  const goldenReports = readdirSync(goldenDir).filter((d) => existsSync(join(goldenDir, d, "score.json")));
  it.each(goldenReports)("test/golden/%s/score.json validates against the report schema", (name) => {
    expect(check("report", JSON.parse(readFileSync(join(goldenDir, name, "score.json"), "utf8")))).toEqual({
      ok: true,
      errors: "No errors",
    });
  });
  const reposDir = join(goldenDir, "repos");
  const goldenDetects = existsSync(reposDir) ? readdirSync(reposDir).filter((d) => existsSync(join(reposDir, d, "detect.json"))) : [];
  it.each(goldenDetects)("test/golden/repos/%s/detect.json validates against the detect schema", (name) => {
    expect(check("detect", JSON.parse(readFileSync(join(reposDir, name, "detect.json"), "utf8")))).toEqual({
      ok: true,
      errors: "No errors",
    });
  });
  it("mltest trend --format json validates against the trend schema, and one without its total does not", () => {
    const { entries } = parseHistory(readFileSync(join(ROOT, "test/fixtures/hostile/history/mixed.jsonl")), "mixed.jsonl");
    expect(entries.length).toBeGreaterThanOrEqual(2);
    const json = TREND_FORMATS.json({ project: "ranker", entries: entries.slice(1) }, { color: false, total: entries.length });
    const report = JSON.parse(json) as Record<string, unknown>;
    expect(report.total).toBe(entries.length);
    expect(check("trend", report)).toEqual({ ok: true, errors: "No errors" });
    expect(check("trend", { ...report, total: undefined }).ok).toBe(false);
  });
  it("has golden files to validate", () => {
    expect(goldenReports.length).toBeGreaterThanOrEqual(5);
    expect(goldenDetects.length).toBeGreaterThanOrEqual(1);
  });

  describe("rejects hostile evidence", () => {
    const valid = `
rubric: ml-test-score-2017
gate: { minScore: 1 }
tests:
  data-1:
    status: manual
    verified: 2026-02-28
    evidence:
      - doc: docs/review.md
      - url: https://example.com/run/1
`;
    it("accepts the valid base fixture (so each rejection below is the mutation's doing)", () => {
      expect(check("evidence", parseYamlText(valid))).toEqual({ ok: true, errors: "No errors" });
      expect(evidenceSchema().safeParse(parseYamlText(valid)).success).toBe(true);
    });

    const hostile: [string, string, string][] = [
      ["an unknown top-level key", "tests:", "test:"],
      ["an unknown key in a test", "    status: manual", "    status: manual\n    colour: red"],
      ["an unknown status", "status: manual", "status: done"],
      ["a pointer with two kinds", "- doc: docs/review.md", "- { doc: docs/review.md, path: src/x.py }"],
      ["a pointer of an unknown kind", "- doc: docs/review.md", "- wiki: docs/review.md"],
      ["an impossible date, 2026-02-30", "2026-02-28", "2026-02-30"],
      ["a negative minScore", "minScore: 1", "minScore: -1"],
      ["a non-object tests", "tests:\n", "tests: [data-1]\nx:\n"],
    ];
    it.each(hostile)("%s", (_what, from, to) => {
      expect(valid).toContain(from);
      const fixture = parseYamlText(valid.replace(from, to)) as unknown;
      expect(check("evidence", fixture).ok).toBe(false);
      // And mltest itself agrees.
      expect(evidenceSchema().safeParse(fixture).success).toBe(false);
    });

    it("a url: javascript:alert(1): mltest refuses it; the schema can only say it is a URI", () => {
      const fixture = parseYamlText(valid.replace("https://example.com/run/1", '"javascript:alert(1)"'));
      expect(evidenceSchema().safeParse(fixture).success).toBe(false);
      // The generated schema carries no http(s) limit (zod's protocol check is not exported to JSON
      // Schema), so the schema accepts the URI. Recorded so that adding the limit shows up here.
      const urlSchema = JSON.stringify(JSON.parse(readFileSync(schemaFile("evidence"), "utf8")));
      expect(urlSchema).toContain('"url":{"type":"string","format":"uri"');
      expect(check("evidence", fixture).ok).toBe(true);
      // What the schema can express does hold: a url that is not a URI at all is rejected.
      expect(check("evidence", parseYamlText(valid.replace("https://example.com/run/1", '"not a uri"'))).ok).toBe(false);
    });
  });

  it("`mltest schema evidence` prints the committed schema as valid JSON; `schema nope` exits 2", () => {
    const run = mltest("schema", "evidence");
    expect(run.status).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stdout).toBe(readFileSync(schemaFile("evidence"), "utf8"));
    const bad = mltest("schema", "nope");
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("nope");
  });
});

// ---------------------------------------------------------------------------------------------
// 5. The rubric as a document

describe("mltest rubric", () => {
  it("--format markdown reproduces docs/rubric.md", () => {
    const run = mltest("rubric", "--format", "markdown");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(ROOT, "docs/rubric.md"), "utf8"));
  });

  it("renders the 2016 rubric with its 14-point maximum, six bands and presets", () => {
    const run = mltest("rubric", "ml-test-score-2016", "--format", "markdown");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^# The ML Test Score 2016$/m);
    expect(run.stdout).toContain("A section scores the sum of its tests (0 to 14 for 7 tests)");
    expect(run.stdout).toContain("the weakest area bounds the whole (0 to 14).");
    const bands = run.stdout
      .split("\n")
      .filter((l) => /^\| (\[0, 0\]|\(\d+, \d+\]) \|/.test(l))
      .map((l) => l.split(" | ").slice(0, 2).join(" | "));
    expect(bands).toEqual([
      "| [0, 0] | Research project",
      "| (0, 2] | Early testing",
      "| (2, 4] | First production pass",
      "| (4, 6] | Solid, partly manual",
      "| (6, 11] | Broadly automated",
      "| (11, 14] | Best in class",
    ]);
    expect(run.stdout).toContain("| `production` | 4 | monitor ≥ 4 |");
    expect(run.stdout).toContain("- **Manual (1):**");
    expect(run.stdout).toContain("- **Automated (2):**");
  });

  it("lists the 2016 rubric as a table", () => {
    const run = mltest("rubric", "ml-test-score-2016");
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("The ML Test Score 2016 (ml-test-score-2016)");
    expect(run.stdout).toContain("Points per test: none 0, manual 1, automated 2. Final score: the weakest section, 0 to 14.");
    expect(run.stdout).toMatch(/\(data, 0 to 14\)/);
    expect(run.stdout).toMatch(/^ {2}\(6, 11\] +Broadly automated: /m);
    expect(run.stdout).toMatch(/^ {2}\(11, 14\] +Best in class: /m);
  });
});
