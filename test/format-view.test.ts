// The view step the human formats share (src/format/view.ts): decided once from the report, and
// rendered the same way by the table, Markdown and HTML.
import { describe, expect, it } from "vitest";
import { FORMATS } from "../src/format/index.js";
import { evidenceProblems } from "../src/format/text.js";
import { AGENDA_ITEMS, NEXT_STEPS_SHOWN, reportView, testView } from "../src/format/view.js";
import { loadProject, scoreProject } from "../src/project.js";
import type { ReportTest } from "../src/schema/report.js";
import { AS_OF } from "./run.js";

const EXAMPLES = ["demand-forecast", "fraud-scoring", "mature-recommender", "payments-risk", "research-prototype"];

function scored(name: string) {
  const project = loadProject(`examples/${name}`);
  const report = scoreProject(project, { asOf: AS_OF, strict: false, thresholds: { minScore: 0 } });
  return { report, rubric: project.rubric.rubric };
}

describe.each(EXAMPLES)("examples/%s", (name) => {
  const { report, rubric } = scored(name);
  const view = reportView(report);

  it("shows the weakest sections' cheapest moves, and puts them first on the checklist's agenda", () => {
    const weakest = new Set(report.final.weakest);
    expect(view.steps).toEqual(report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, NEXT_STEPS_SHOWN));
    expect(view.agenda.length).toBe(Math.min(AGENDA_ITEMS, report.nextSteps.length));
    expect(view.agenda.slice(0, view.steps.length)).toEqual(view.steps);
    expect(view.weakest.map((s) => s.section.id)).toEqual(report.final.weakest);
  });

  it("lists the tests with evidence problems, and whether each still counts", () => {
    const tests = report.sections.flatMap((s) => s.tests);
    expect(view.problems.map((t) => t.test.id)).toEqual(tests.filter((t) => evidenceProblems(t).length > 0).map((t) => t.id));
    for (const t of view.problems) expect(t.counts).toBe(t.counted === t.test.status);
  });

  it("gives the table, Markdown and HTML the same points cell for every test", () => {
    const context = { color: false, rubric };
    const table = FORMATS.table(report, context);
    const markdown = FORMATS.markdown(report);
    const html = FORMATS.html(report, context);
    for (const { test, points } of view.sections.flatMap((s) => s.tests)) {
      expect(table).toMatch(new RegExp(`│ ${test.id} +│.*│ ${points.replace(/[.*]/g, "\\$&")} +│`));
      expect(markdown).toContain(`| ${points} |`);
      expect(html).toContain(`<tr data-test="${test.id}" data-status="${test.status}" data-points="${test.points}">`);
      expect(html).toContain(`<td class="num" data-label="Points">${points}</td>`);
    }
  });
});

describe("a test's view", () => {
  const base: ReportTest = { id: "data-1", title: "t", status: "manual", points: 0.5, claimed: 0.5, weight: 1, evidence: [] };

  it("names the check: a waiver that holds or has expired, a verification state, or nothing", () => {
    expect(testView(base).check).toBe("none");
    expect(testView({ ...base, verification: { state: "stale", findings: [] } }).check).toBe("stale");
    const waived = { ...base, status: "not-applicable" as const, points: 0, claimed: 0 };
    expect(testView({ ...waived, waiver: { expired: false } }).check).toBe("waived");
    expect(testView({ ...waived, waiver: { expired: true } }).check).toBe("expired");
    expect(testView({ ...waived, disabled: "not in this edition" }).status).toBe("disabled");
  });

  it("shows the points that count, and the claim when it counts less", () => {
    expect(testView(base).points).toBe("0.5");
    expect(testView({ ...base, points: 0 }).points).toBe("0 of 0.5");
    expect(testView({ ...base, points: 0 }).counts).toBe(false);
    const waived = { ...base, status: "not-applicable" as const, points: 0, claimed: 0 };
    expect(testView({ ...waived, waiver: { expired: false } }).points).toBe("—");
    // An expired waiver counts as none: what none scores, whatever the rubric gives it.
    expect(testView({ ...waived, waiver: { expired: true } }).points).toBe("0");
    expect(testView({ ...waived, points: 0.25, waiver: { expired: true } }).points).toBe("0.25");
  });
});
