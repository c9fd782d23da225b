// diff and trend: reports and recorded runs over time.
import { existsSync } from "node:fs";
import { compare } from "../compare.js";
import { formatDiff } from "../format/diff.js";
import { formatTrend } from "../format/trend.js";
import { HISTORY_FILE, parseHistory } from "../history.js";
import { loadReport } from "../load/report.js";
import { ProjectFiles } from "../verify/files.js";
import { type Problem, UsageError, formatProblem } from "../errors.js";
import type { HistoryEntry } from "../schema/history.js";
import { displayPath } from "../load/yaml.js";
import { basename, join, resolve } from "node:path";
import { useColor } from "./io.js";

export function runDiff(oldFile: string, newFile: string, flags: { format: "table" | "markdown" | "json"; color: boolean }): number | void {
  const [before, after] = [loadReport(oldFile), loadReport(newFile)];
  process.stdout.write(formatDiff(before, after, compare(before, after), flags.format, { color: useColor(flags.color) }));
}

/**
 * The project's recorded runs, and the lines skipped on the way. No history yet is normal (no runs,
 * no problem); a history that cannot be read at all (too large, a folder) is one problem.
 */
export function readHistory(projectDir: string): { entries: HistoryEntry[]; problems: Problem[] } {
  const file = displayPath(join(projectDir, HISTORY_FILE));
  const read = new ProjectFiles(projectDir).readBytes(HISTORY_FILE);
  if (read.ok) return parseHistory(read.bytes, file);
  return { entries: [], problems: read.reason === "no such file or folder" ? [] : [{ file, message: `cannot read the history: ${read.reason}` }] };
}

export function runTrend(dir: string, flags: { since?: string; format: "table" | "markdown" | "json"; color: boolean }): number | void {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir)) throw new UsageError(`no such project directory: ${dir}`);
  const { entries, problems } = readHistory(projectDir);
  for (const problem of problems) process.stderr.write(`mltest: ${formatProblem(problem)}\n`);
  // By date (runs can be recorded with an earlier --as-of); runs of one day keep their order.
  const shown = entries.filter((e) => !flags.since || e.date >= flags.since).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (shown.length === 0 && entries.length > 0 && flags.format !== "json") {
    process.stdout.write(`${basename(projectDir)}: no recorded runs since ${flags.since}; the last was on ${entries.map((e) => e.date).sort().pop()}.\n`);
    return;
  }
  process.stdout.write(formatTrend(basename(projectDir), shown, flags.format, { color: useColor(flags.color) }));
}
