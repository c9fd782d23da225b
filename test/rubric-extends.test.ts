// Organisation rubrics that extend another with `extends:`: overrides, additions, disabled tests,
// chains, cycles, and their located errors. Every expected score is computed by hand in a comment.
//
// Section = N × Σ(w·p) / Σw over the applicable tests (not-applicable and disabled tests leave
// both sums; N stays the section's number of tests), rounded to 2 decimals. Final = min over
// sections unless the rubric says weighted-mean. Bands are open below, closed above.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadRubric } from "../src/load/rubric.js";
import { loadProject } from "../src/project.js";
import type { Report } from "../src/schema/report.js";
import { ALL_A, four, inputProblems, json, pos, projectFolders, R2017, scored, sectionScores, sha } from "./rubric-cases.js";
import { AS_OF, mltest } from "./run.js";

// ---------------------------------------------------------------------------------------------
// Helpers

const { dirWith, project } = projectFolders("mltest-rubric-extends-");

const testOf = (report: Report, id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;

/** A complete test definition for `sections:` (flow style, one line). */
const newTest = (id: string, title = `Test ${id}`) =>
  `{ id: ${id}, title: ${title}, why: Because it matters here., how: Do it carefully., manual: Run it by hand., automated: Run it in CI. }`;

const header = (id: string, base: string, version = '"1"') => `id: ${id}\ntitle: Rubric ${id}\nversion: ${version}\nextends: ${base}\n`;

// ---------------------------------------------------------------------------------------------

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
