// "Changed since the last review": the checklist compared with an earlier review, a JSON report
// (--baseline) or the last recorded run, test by test.
import type { HistoryEntry } from "../schema/history.js";
import type { Report, ReportTest } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import { BRIEF, fitting, para } from "./checklist-page.js";
import { mdProse as md } from "./escape.js";
import { num } from "./text.js";

/** An earlier review to compare with: a JSON report (--baseline) or a recorded run. */
export interface PreviousReview {
  /** What it was, as words: "the report reports/old.json", "the run recorded on 2026-10-01". */
  label: string;
  date: string;
  final?: number;
  rubric: Pick<Report["rubric"], "id" | "version">;
  /** Each test's claimed status, and its points when known (a recorded run keeps statuses only). */
  tests: Map<string, { status: Status; points?: number }>;
}

export function previousFromReport(report: Report, file: string): PreviousReview {
  return {
    label: `the report ${file} (as of ${report.asOf})`,
    date: report.asOf,
    final: report.final.score,
    rubric: { id: report.rubric.id, version: report.rubric.version },
    tests: new Map(report.sections.flatMap((s) => s.tests.map((t) => [t.id, { status: t.status, points: t.points }] as const))),
  };
}

export function previousFromHistory(entry: HistoryEntry): PreviousReview {
  const commit = entry.commit ? `, commit ${entry.commit.slice(0, 12)}` : "";
  return {
    label: `the run recorded on ${entry.date}${commit}`,
    date: entry.date,
    final: entry.final,
    rubric: { id: entry.rubric.id, version: entry.rubric.version },
    tests: new Map(Object.entries(entry.statuses).map(([id, status]) => [id, { status }] as const)),
  };
}

/** The run a review compares with: the newest recorded on or before `asOf` (file order breaks ties). */
export function lastRecorded(entries: HistoryEntry[], asOf: string): HistoryEntry | undefined {
  let last: HistoryEntry | undefined;
  for (const entry of entries) if (entry.date <= asOf && (!last || entry.date >= last.date)) last = entry;
  return last;
}

/** One test whose status or points changed since the last review. */
export interface TestChange {
  test: ReportTest;
  before?: { status: Status; points?: number };
}

export function changesSince(report: Report, previous: PreviousReview): { changed: TestChange[]; removed: string[] } {
  const samePoints = previous.rubric.id === report.rubric.id && previous.rubric.version === report.rubric.version;
  const changed: TestChange[] = [];
  const seen = new Set<string>();
  for (const test of report.sections.flatMap((s) => s.tests)) {
    seen.add(test.id);
    const before = previous.tests.get(test.id);
    if (!before) changed.push({ test });
    else if (before.status !== test.status || (samePoints && before.points !== undefined && before.points !== test.points)) {
      // Points from another rubric are on another scale: not shown.
      changed.push({ test, before: samePoints ? before : { status: before.status } });
    }
  }
  return { changed, removed: [...previous.tests.keys()].filter((id) => !seen.has(id)) };
}

/** The section: tests whose claimed status or counted points moved. */
export function changedSection(report: Report, previous: PreviousReview, brief: boolean): string[] {
  const out = ["## Changed since the last review", ""];
  const sameRubric = previous.rubric.id === report.rubric.id && previous.rubric.version === report.rubric.version;
  const finalMove = previous.final !== undefined && sameRubric && previous.final !== report.final.score;
  out.push(
    ...para(
      `Compared with ${md(previous.label)}` +
        (finalMove ? `: the final score went from ${num(previous.final!)} to ${num(report.final.score)}.` : ".") +
        (sameRubric
          ? ""
          : ` It was scored with ${md(previous.rubric.id)} ${md(previous.rubric.version)}: statuses are compared, points are not.`),
    ),
    "",
  );
  const { changed, removed } = changesSince(report, previous);
  if (changed.length === 0 && removed.length === 0) return [...out, "No test's status or points changed.", ""];
  const limit = brief ? fitting(changed.length, BRIEF.changes) : changed.length;
  for (const { test, before } of changed.slice(0, limit)) {
    // The brief form names the test by its id alone: one line each.
    out.push(...para(`- **${md(test.id)}**${brief ? "" : ` ${md(test.title)}`}: ${changeWords(test, before)}`, "  "));
  }
  if (changed.length > limit) out.push(`- ${changed.length - limit} more in the full checklist`);
  if (removed.length > 0) out.push(...para(`- No longer in the rubric: ${md(removed.join(", "))}`, "  "));
  return [...out, ""];
}

/** "new since then: manual, 0.5 points", "none → manual, 0 → 0.5 points". */
function changeWords(test: ReportTest, before: TestChange["before"]): string {
  const words = (status: Status) => (status === "not-applicable" ? "not applicable" : status);
  const unit = (n: number) => (n === 1 ? "point" : "points");
  if (!before) return `new since then: ${words(test.status)}, ${num(test.points)} ${unit(test.points)}`;
  const status = before.status === test.status ? words(test.status) : `${words(before.status)} → ${words(test.status)}`;
  const points =
    before.points === undefined
      ? `now ${num(test.points)} ${unit(test.points)}`
      : before.points === test.points
        ? `${num(test.points)} ${unit(test.points)}`
        : `${num(before.points)} → ${num(test.points)} ${unit(test.points)}`;
  return `${status}, ${points}`;
}
