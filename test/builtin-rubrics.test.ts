// The shipped rubrics (rubrics/*.yaml), data and code checked against each other: every one loads
// and is complete; ml-test-score-2017 is the 2017 paper's, in its words; ml-test-score-2016 is the
// 2016 paper's (0/1/2 points, whole-number bands with 11 read as 7–10, its own names and notes),
// scored by hand in the comments; and `mltest rubric` renders them as documents (docs/rubric.md).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinDir, builtinIds } from "../src/load/builtin-rubrics.js";
import { loadRubric } from "../src/load/rubric.js";
import { maxFinal } from "../src/score/score.js";
import { ALL_A, four, json, projectFolders, R2016, R2017, scored, sectionScores, sha } from "./rubric-cases.js";
import { AS_OF, mltest, ROOT } from "./run.js";

const { project } = projectFolders("mltest-builtin-rubrics-");

const PAPER_2017: Record<string, string> = {
  "data-1": "Feature expectations are captured in a schema",
  "data-2": "All features are beneficial",
  "data-3": "No feature's cost is too much",
  "data-4": "Features adhere to meta-level requirements",
  "data-5": "The data pipeline has appropriate privacy controls",
  "data-6": "New features can be added quickly",
  "data-7": "All input feature code is tested",
  "model-1": "Model specs are reviewed and submitted",
  "model-2": "Offline and online metrics correlate",
  "model-3": "All hyperparameters have been tuned",
  "model-4": "The impact of model staleness is known",
  "model-5": "A simpler model is not better",
  "model-6": "Model quality is sufficient on important data slices",
  "model-7": "The model is tested for considerations of inclusion",
  "infra-1": "Training is reproducible",
  "infra-2": "Model specs are unit tested",
  "infra-3": "The ML pipeline is integration tested",
  "infra-4": "Model quality is validated before serving",
  "infra-5": "The model is debuggable",
  "infra-6": "Models are canaried before serving",
  "infra-7": "Serving models can be rolled back",
  "monitor-1": "Dependency changes result in notification",
  "monitor-2": "Data invariants hold for inputs",
  "monitor-3": "Training and serving are not skewed",
  "monitor-4": "Models are not too stale",
  "monitor-5": "Models are numerically stable",
  "monitor-6": "Computing performance has not regressed",
  "monitor-7": "Prediction quality has not regressed",
};

/** The paper's longer wording from its body text, where it differs from the table's short name. */
const PAPER_2017_HEADINGS: Record<string, string> = {
  "model-1": "Every model specification undergoes a code review and is checked in to a repository",
  "model-2": "Offline proxy metrics correlate with actual online impact metrics",
  "model-6": "Model quality is sufficient on all important data slices",
  "infra-2": "Model specification code is unit tested",
  "infra-3": "The full ML pipeline is integration tested",
  "infra-4": "Model quality is validated before attempting to serve it",
  "infra-5": "The model allows debugging by observing the step-by-step computation of training or inference on a single example",
  "infra-6": "Models are tested via a canary process before they enter production serving environments",
  "infra-7": "Models can be quickly and safely rolled back to a previous serving version",
  "monitor-2": "Data invariants hold in training and serving inputs",
  "monitor-3": "Training and serving features compute the same values",
  "monitor-6": "The model has not experienced regressions in training speed, serving latency, throughput, or RAM usage",
  "monitor-7": "The model has not experienced a regression in prediction quality on served data",
};

describe.each(builtinIds())("shipped rubric %s", (id) => {
  const file = join(builtinDir(), `${id}.yaml`);
  const { rubric } = loadRubric(file);

  it("is named after its file", () => {
    expect(rubric.id).toBe(id);
  });

  it("gives every test guidance for both levels", () => {
    for (const test of rubric.sections.flatMap((s) => s.tests)) {
      expect(test.why.length, test.id).toBeGreaterThan(80);
      expect(test.how.length, test.id).toBeGreaterThan(80);
      expect(test.manual.length, test.id).toBeGreaterThan(20);
      expect(test.automated.length, test.id).toBeGreaterThan(20);
    }
  });

  it("relates tests both ways", () => {
    const tests = rubric.sections.flatMap((s) => s.tests);
    for (const test of tests) {
      for (const rel of test.related ?? []) {
        expect(tests.find((t) => t.id === rel)?.related ?? [], `${rel} should relate back to ${test.id}`).toContain(test.id);
      }
    }
  });

  it("keeps lines printable on paper", () => {
    const long = readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.length > 100);
    expect(long).toEqual([]);
  });
});

describe("ml-test-score-2017", () => {
  const { rubric } = loadRubric(join(builtinDir(), "ml-test-score-2017.yaml"));

  it("has the paper's four sections of seven tests, in order, with the paper's names", () => {
    expect(rubric.sections.map((s) => s.id)).toEqual(["data", "model", "infra", "monitor"]);
    const titles = Object.fromEntries(rubric.sections.flatMap((s) => s.tests.map((t) => [t.id, t.title])));
    expect(titles).toEqual(PAPER_2017);
    expect(Object.keys(titles)).toEqual(Object.keys(PAPER_2017));
  });

  const test = (id: string) => rubric.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;
  const guidance = (id: string) => [test(id).how, test(id).manual, test(id).automated].join("\n");

  it("says concretely how to do the tests an audit rated weakest, and what earns each level", () => {
    // data-3: a way to measure a feature's cost, and a budget the automated level enforces.
    expect(test("data-3").how).toMatch(/pytest-benchmark/);
    expect(test("data-3").how).toMatch(/load-test[\s\S]*with and without/);
    expect(test("data-3").automated).toMatch(/budget/);
    // data-4: a feature store or catalog named, and a test over the model's real feature list.
    expect(test("data-4").how).toMatch(/Feast[\s\S]*(DataHub|OpenMetadata|Unity Catalog)/);
    expect(test("data-4").automated).toMatch(/feature list/);
    // data-5: a personal-data detector named, and three controls said one by one.
    expect(test("data-5").how).toMatch(/Presidio/);
    expect(test("data-5").how).toMatch(/- Access:[\s\S]*- Minimisation:[\s\S]*- Retention:/);
    expect(test("data-5").automated).toMatch(/all three/);
    // data-6: the automated level is a test of the path in CI, not only a lead-time metric.
    expect(test("data-6").automated).toMatch(/^Exercise the path for new features in CI/);
    // monitor-1 and monitor-4: named tools for noticing changes and model age.
    expect(guidance("monitor-1")).toMatch(/dbt source freshness[\s\S]*Dependabot or Renovate/);
    expect(test("monitor-4").how).toMatch(/Prometheus[\s\S]*model-4/);
    for (const id of ["data-3", "data-4", "data-5", "data-6", "monitor-1", "monitor-4"])
      expect(test(id).manual, id).not.toBe(test(id).automated);
  });

  it("names tools as their current versions use them", () => {
    const all = rubric.sections
      .flatMap((s) => s.tests)
      .map((t) => [t.how, t.manual, t.automated, t.humanEvidence ?? ""].join("\n"))
      .join("\n");
    expect(all).toContain("pandera.pandas"); // pandera 0.24 moved the pandas API there
    expect(all).toContain("GX Core 1.x"); // Great Expectations 1.0 dropped the CLI
    expect(all).not.toMatch(/great_expectations (--v3-api )?checkpoint run/);
    expect(all).toContain("`Report` with `DataDriftPreset`"); // Evidently 0.7's API
    expect(all).toMatch(/alias/); // MLflow 2.9 deprecated registry stages
    expect(all).not.toMatch(/\b(transition|promote)\w* (to|the) (stage|"?Production"?)/i);
    expect(all).not.toMatch(/whylogs or Evidently|Evidently or whylogs/); // whylogs is no longer maintained by a company
    const infra4 = test("infra-4").detect!.map((d) => d.what);
    expect(infra4).toContain("models evaluated with MLflow (mlflow.models.evaluate, formerly mlflow.evaluate)");
  });

  it("gives, as headings, the paper's own longer wording and nothing else", () => {
    const headings = Object.fromEntries(rubric.sections.flatMap((s) => s.tests.filter((t) => t.heading).map((t) => [t.id, t.heading])));
    expect(headings).toEqual(PAPER_2017_HEADINGS);
    expect(readFileSync(join(builtinDir(), "ml-test-score-2017.yaml"), "utf8")).toContain(
      "# Test titles are the paper's short names and headings its longer wording;",
    );
  });

  it("scores as the paper does: 0, ½, 1 and the minimum over sections", () => {
    expect(rubric.scoring.points).toEqual({ none: 0, manual: 0.5, automated: 1 });
    expect(rubric.scoring.aggregate).toBe("min");
    expect(rubric.sections.flatMap((s) => s.tests).every((t) => t.weight === 1)).toBe(true);
    expect(maxFinal(rubric)).toBe(7);
  });

  it("has the six bands of Table V", () => {
    expect(rubric.scoring.bands.map((b) => b.max)).toEqual([0, 1, 2, 3, 5, 7]);
  });

  it("carries the cross-references the paper draws", () => {
    const related = (id: string) => rubric.sections.flatMap((s) => s.tests).find((t) => t.id === id)?.related;
    expect(related("data-1")).toContain("monitor-2");
    expect(related("model-4")).toContain("monitor-4");
  });
});

// ---------------------------------------------------------------------------------------------
// The 2016 edition

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
    const { source: _, ...cli } = json(mltest("score", dir, "--format", "json", "--as-of", AS_OF));
    // The source block is the CLI's (environment, .git, clock); the rest is the scorer's.
    expect(cli).toEqual(JSON.parse(JSON.stringify(scored(dir))));
    expect(cli.final.score).toBe(8); // monitor NNNNNNA: 7 × 2 / 1 = 14; min(8, 11, 8, 14) = 8
  });
});

// ---------------------------------------------------------------------------------------------
// The rubrics as documents

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
