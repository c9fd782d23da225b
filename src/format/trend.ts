// `mltest trend`: recorded scores over time, with a sparkline per section and the final score.
import { Chalk } from "chalk";
import { sparkline, trendSections } from "../history.js";
import type { HistoryEntry } from "../schema/history.js";
import type { TrendReport } from "../schema/trend.js";
import { boxed } from "./boxed.js";
import { md, plain } from "./escape.js";
import type { CiSafeStyles, ColorContext, Formats } from "./registry.js";
import { num } from "./text.js";

/** A project's recorded runs to show, oldest first. */
export interface TrendInput {
  project: string;
  entries: HistoryEntry[];
}

export interface TrendContext extends ColorContext {
  /** How many runs matched, of which `entries` are the newest: the human formats say how many more there are. */
  total: number;
  /** The --since date the runs were matched by, if any. */
  since?: string;
}

export const TREND_FORMATS = {
  table: trendTable,
  markdown: trendMarkdown,
  json: trendJson,
} satisfies Formats<TrendInput, TrendContext>;

export type TrendFormat = keyof typeof TREND_FORMATS;

export const TREND_CI_SAFE_STYLE: CiSafeStyles<typeof TREND_FORMATS> = { table: "text", markdown: "text", json: "json" };

function trendJson({ project, entries }: TrendInput, { total }: TrendContext): string {
  const report: TrendReport = { project, total, entries };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** What both human formats show: the sections' and the final score's series, the span and what was left out. */
function figures({ entries }: TrendInput, { total, since }: TrendContext) {
  const sections = trendSections(entries);
  // A loop, not Math.max(...values): a long history has more values than a call can take arguments.
  let max = -Infinity;
  for (const e of entries) for (const v of [e.max, ...sections.map((id) => e.sections[id] ?? 0)]) max = Math.max(max, v);
  const values = (pick: (e: HistoryEntry) => number | undefined) => entries.map(pick).filter((v): v is number => v !== undefined);
  const rows = [...sections.map((id) => [id, values((e) => e.sections[id])] as const), ["final", values((e) => e.final)] as const];
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  const span = `${entries.length} run${entries.length === 1 ? "" : "s"}, ${first.date} to ${last.date}`;
  const leftOut = leftOutNote(entries.length, total, since);
  return { sections, max, rows, span, leftOut };
}

/** Said instead of a trend when nothing was recorded. */
function noRuns(project: string): string {
  return `${plain(project)}: no recorded runs yet. Record one with "mltest score --record".\n`;
}

function trendMarkdown(input: TrendInput, context: TrendContext): string {
  const { project, entries } = input;
  if (entries.length === 0) return noRuns(project);
  const { sections, max, rows, span, leftOut } = figures(input, context);
  return `${[
    `## ML Test Score trend: ${md(project)}`,
    "",
    `${span}.`,
    "",
    ...(leftOut ? [leftOut, ""] : []),
    "| | Trend | First | Last |",
    "|---|---|---:|---:|",
    ...rows.map(
      ([id, values]) =>
        `| ${id === "final" ? "**final**" : md(id)} | ${sparkline(values, max)} | ${num(values[0] ?? 0)} | ${num(values[values.length - 1] ?? 0)} |`,
    ),
    "",
    `| Date | Commit | Branch | Final | ${sections.map(md).join(" | ")} |`,
    `|---|---|---|---:|${sections.map(() => "---:").join("|")}|`,
    ...entries.map(
      (e) =>
        `| ${e.date} | ${e.commit?.slice(0, 7) ?? ""} | ${md(e.branch ?? "")} | ${num(e.final)} | ${sections.map((s) => (e.sections[s] === undefined ? "" : num(e.sections[s]!))).join(" | ")} |`,
    ),
  ].join("\n")}\n`;
}

function trendTable(input: TrendInput, context: TrendContext): string {
  const { project, entries } = input;
  if (entries.length === 0) return noRuns(project);
  const { sections, max, rows, span, leftOut } = figures(input, context);
  const c = new Chalk({ level: context.color ? 1 : 0 });
  const bold = (text: string) => c.bold(text);
  const summary = boxed(
    ["", "Trend", "First", "Last"],
    rows.map(([id, values]) => [plain(id), sparkline(values, max), num(values[0] ?? 0), num(values[values.length - 1] ?? 0)]),
    bold,
  );
  const runs = boxed(
    ["Date", "Commit", "Branch", "Final", ...sections.map(plain)],
    entries.map((e) => [
      e.date,
      e.commit?.slice(0, 7) ?? "",
      plain(e.branch ?? ""),
      num(e.final),
      ...sections.map((s) => (e.sections[s] === undefined ? "" : num(e.sections[s]!))),
    ]),
    bold,
  );
  return `${c.bold(plain(project))} · ${span}\n${leftOut ? `${leftOut}\n` : ""}\n${summary}\n\n${runs}\n`;
}

/** What the human formats say when they show fewer runs than matched; undefined when they show all. */
function leftOutNote(shown: number, total: number, since: string | undefined): string | undefined {
  if (shown >= total) return undefined;
  return `Showing the last ${shown} of ${total} runs${since ? ` since ${since}` : ""} (--all shows every run).`;
}
