// The one view step of the human formats (table, Markdown, HTML and the checklist): the report
// in, what they show out, decided once, as Lighthouse prepares a report result before any
// renderer sees it. Each format keeps only its words, colours and markup. Pure.
import type { NextStep, Report, ReportSection, ReportTest, VerificationState } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import { countedStatus, evidenceProblems, num } from "./text.js";

/** Next steps the table, Markdown and HTML show; the JSON report carries them all. */
export const NEXT_STEPS_SHOWN = 5;
/** Action items of the full checklist; the rest are in the sections' "Next" lines. */
export const AGENDA_ITEMS = 8;

/** A test's status as shown: the claim, or "disabled" when the rubric disables the test. */
export type StatusView = Status | "disabled";
/** What mltest could check: a waiver that holds or has expired, a claim's verification state, or nothing claimed. */
export type CheckView = "waived" | "expired" | VerificationState | "none";

export interface TestView {
  test: ReportTest;
  status: StatusView;
  check: CheckView;
  /** The points cell: "—" for a waiver that holds, "0.5 of 1" when a claim counts less than claimed. */
  points: string;
  /** The status the test was scored with: its claim, or none when the claim does not count. */
  counted: Status;
  /** Whether the claim counts as made (false: it counts as none). */
  counts: boolean;
  /** What is wrong with its evidence, one line each; empty when nothing is. */
  problems: string[];
}

export interface SectionView {
  section: ReportSection;
  weakest: boolean;
  /** What the file claims for the section, when that is more than counts. */
  claimed?: number;
  tests: TestView[];
}

export interface ReportView {
  report: Report;
  sections: SectionView[];
  /** The weakest sections, in the report's order of final.weakest. */
  weakest: SectionView[];
  /** Some test weighs other than 1: the weights are worth a column. */
  weighted: boolean;
  /** The tests whose evidence has problems, in rubric order. */
  problems: TestView[];
  /** The next steps shown: the weakest sections' cheapest, at most NEXT_STEPS_SHOWN. */
  steps: NextStep[];
  /** The checklist's action items: the weakest sections' moves first (under `min` only they raise the final), at most AGENDA_ITEMS. */
  agenda: NextStep[];
  gate: "none" | "passed" | "failed";
  /** The final score the file claims, when that is more than counts. */
  claimed?: number;
  /** The final score if no waiver held, when that differs. */
  withoutWaivers?: number;
}

export function reportView(report: Report): ReportView {
  const { final, gate } = report;
  const weakestIds = new Set(final.weakest);
  const sections = report.sections.map(
    (section): SectionView => ({
      section,
      weakest: weakestIds.has(section.id),
      ...(section.claimed !== section.score && { claimed: section.claimed }),
      tests: section.tests.map(testView),
    }),
  );
  const first = report.nextSteps.filter((s) => weakestIds.has(s.section));
  const rest = report.nextSteps.filter((s) => !weakestIds.has(s.section));
  return {
    report,
    sections,
    weakest: final.weakest.flatMap((id) => sections.find((s) => s.section.id === id) ?? []),
    weighted: report.sections.some((s) => s.tests.some((t) => t.weight !== 1)),
    problems: sections.flatMap((s) => s.tests).filter((t) => t.problems.length > 0),
    steps: first.slice(0, NEXT_STEPS_SHOWN),
    agenda: [...first, ...rest].slice(0, AGENDA_ITEMS),
    gate: gate.checks.length === 0 ? "none" : gate.passed ? "passed" : "failed",
    ...(final.claimed !== final.score && { claimed: final.claimed }),
    ...(final.withoutWaivers !== final.score && { withoutWaivers: final.withoutWaivers }),
  };
}

export function testView(test: ReportTest): TestView {
  const counted = countedStatus(test);
  return {
    test,
    status: test.disabled !== undefined ? "disabled" : test.status,
    check: test.waiver ? (test.waiver.expired ? "expired" : "waived") : (test.verification?.state ?? "none"),
    points: pointsCell(test),
    counted,
    counts: counted === test.status,
    problems: evidenceProblems(test),
  };
}

/**
 * A not-applicable test claims no points: "—" while its waiver holds; once the waiver has expired
 * it counts as none, and scores what none scores (0 in the paper's rubrics).
 */
function pointsCell(test: ReportTest): string {
  if (test.status === "not-applicable") return test.waiver?.expired ? num(test.points) : "—";
  return test.points === test.claimed ? num(test.points) : `${num(test.points)} of ${num(test.claimed)}`;
}
