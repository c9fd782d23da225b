// Data and code checked against each other: every shipped rubric loads and is complete, and the
// built-in one is the paper's.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinDir, builtinIds } from "../src/load/builtin-rubrics.js";
import { loadRubric } from "../src/load/rubric.js";
import { maxFinal } from "../src/score/score.js";

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
