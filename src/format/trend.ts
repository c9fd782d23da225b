// `mltest trend`: recorded scores over time, with a sparkline per section and the final score.
import { Chalk } from "chalk";
import { sparkline, trendSections } from "../history.js";
import type { HistoryEntry } from "../schema/history.js";
import type { TrendReport } from "../schema/trend.js";
import { boxed } from "./boxed.js";
import { md, plain } from "./escape.js";
import { num } from "./text.js";

export interface TrendContext {
  color: boolean;
  /** How many runs matched, of which `entries` are the newest. */
  total: number;
  /** The --since date the runs were matched by, if any. */
  since?: string;
}

/** `entries`: the runs to show, oldest first; the human formats say how many more there are. */
export function formatTrend(
  project: string,
  entries: HistoryEntry[],
  format: "table" | "json" | "markdown",
  { color, total, since }: TrendContext,
): string {
  if (format === "json") {
    const report: TrendReport = { project, total, entries };
    return `${JSON.stringify(report, null, 2)}\n`;
  }
  if (entries.length === 0) return `${plain(project)}: no recorded runs yet. Record one with "mltest score --record".\n`;
  const sections = trendSections(entries);
  // A loop, not Math.max(...values): a long history has more values than a call can take arguments.
  let max = -Infinity;
  for (const e of entries) for (const v of [e.max, ...sections.map((id) => e.sections[id] ?? 0)]) max = Math.max(max, v);
  const series = (pick: (e: HistoryEntry) => number | undefined) => entries.map(pick).filter((v): v is number => v !== undefined);
  const rows = [...sections.map((id) => [id, series((e) => e.sections[id])] as const), ["final", series((e) => e.final)] as const];
  const first = entries[0]!;
  const last = entries[entries.length - 1]!;
  const span = `${entries.length} run${entries.length === 1 ? "" : "s"}, ${first.date} to ${last.date}`;
  const leftOut = leftOutNote(entries.length, total, since);

  if (format === "markdown") {
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

  const c = new Chalk({ level: color ? 1 : 0 });
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
