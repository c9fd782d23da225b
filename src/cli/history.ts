// diff and trend: reports and recorded runs over time.
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { compare } from "../compare.js";
import { DIFF_CI_SAFE_STYLE, DIFF_FORMATS, type DiffFormat } from "../format/diff.js";
import { TREND_CI_SAFE_STYLE, TREND_FORMATS, type TrendFormat } from "../format/trend.js";
import { HISTORY_FILE, parseHistory, TREND_RUNS } from "../history.js";
import { loadReport } from "../load/report.js";
import { displayPath } from "../load/yaml.js";
import type { HistoryEntry } from "../schema/history.js";
import { type Problem, UsageError } from "../util/errors.js";
import { MAX_READ_BYTES as MAX_HISTORY_BYTES, ProjectFiles } from "../verify/files.js";
import { EXIT, print, useColor, warnProblems } from "./io.js";

export function runDiff(oldFile: string, newFile: string, flags: { format: DiffFormat; color: boolean }): number {
  const [before, after] = [loadReport(oldFile), loadReport(newFile)];
  const diff = compare(before, after);
  print(DIFF_FORMATS[flags.format]({ before, after, diff }, { color: useColor(flags.color) }), DIFF_CI_SAFE_STYLE[flags.format]);
  return EXIT.ok;
}

/**
 * The project's recorded runs, and the lines skipped on the way. No history yet is normal (no runs,
 * no problem); a history that cannot be read at all (too large, a folder) is one problem.
 */
export function readHistory(projectDir: string): { entries: HistoryEntry[]; problems: Problem[] } {
  const file = displayPath(join(projectDir, HISTORY_FILE));
  // The newest runs are at the end: a history past the limit is read from there, and says so.
  const read = new ProjectFiles(projectDir).readBytes(HISTORY_FILE, MAX_HISTORY_BYTES, { tail: true });
  if (read.ok && read.cut) {
    const { entries, problems } = parseHistory(read.bytes.subarray(read.bytes.indexOf(0x0a) + 1), file);
    const note = {
      file,
      message: `the history is larger than ${MAX_HISTORY_BYTES} bytes; only the runs in its last ${MAX_HISTORY_BYTES} bytes are read`,
    };
    // Line numbers would count from the cut, not from the top of the file: left out.
    return { entries, problems: [note, ...problems.map(({ line: _, col: __, ...p }) => p)] };
  }
  if (read.ok) return parseHistory(read.bytes, file);
  return {
    entries: [],
    problems: read.reason === "no such file or folder" ? [] : [{ file, message: `cannot read the history: ${read.reason}` }],
  };
}

export interface TrendFlags {
  since?: string;
  /** The newest runs to show (default TREND_RUNS); --all shows every one. */
  last?: number;
  all?: boolean;
  format: TrendFormat;
  color: boolean;
}

export function runTrend(dir: string, flags: TrendFlags): number | undefined {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir)) throw new UsageError(`no such project directory: ${dir}`);
  const { entries, problems } = readHistory(projectDir);
  warnProblems(problems);
  // By date (runs can be recorded with an earlier --as-of); runs of one day keep their order.
  const matched = entries
    .filter((e) => !flags.since || e.date >= flags.since)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (matched.length === 0 && entries.length > 0 && flags.format !== "json") {
    print(
      `${basename(projectDir)}: no recorded runs since ${flags.since}; the last was on ${entries
        .map((e) => e.date)
        .sort()
        .pop()}.\n`,
    );
    return;
  }
  const shown = flags.all ? matched : matched.slice(-(flags.last ?? TREND_RUNS));
  const trend = { total: matched.length, since: flags.since, color: useColor(flags.color) };
  print(TREND_FORMATS[flags.format]({ project: basename(projectDir), entries: shown }, trend), TREND_CI_SAFE_STYLE[flags.format]);
}
