// Recorded history (.mltest/history.jsonl, one JSON object per line) and what it shows over
// time. Pure: reports and the file's bytes in, entries and problems out. The CLI reads the file
// and appends the lines.

import { type HistoryEntry, historyEntrySchema } from "./schema/history.js";
import type { Report } from "./schema/report.js";
import type { Problem } from "./util/errors.js";
import { decodeUtf8 } from "./util/utf8.js";

export const HISTORY_FILE = ".mltest/history.jsonl";

/** The runs `mltest trend` shows unless told otherwise (--last, --all): the newest ones. */
export const TREND_RUNS = 20;

/** The commit and branch a run is recorded with, as a history entry holds them. */
export type GitInfo = Pick<HistoryEntry, "commit" | "branch">;

export function historyEntry(report: Report, git: GitInfo): HistoryEntry {
  return {
    date: report.asOf,
    ...(git.commit !== undefined && { commit: git.commit }),
    ...(git.branch !== undefined && { branch: git.branch }),
    rubric: { id: report.rubric.id, version: report.rubric.version, sha256: report.rubric.sha256 },
    sections: Object.fromEntries(report.sections.map((s) => [s.id, s.score])),
    final: report.final.score,
    max: report.final.max,
    band: report.final.band.label,
    statuses: Object.fromEntries(report.sections.flatMap((s) => s.tests.map((t) => [t.id, t.status]))),
  };
}

const NEWLINE = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * The file's lines, each decoded on its own, so that bad bytes cost their line and not the whole
 * history; undefined for a line that is not UTF-8. Splitting the bytes on \n is safe: UTF-8 never
 * uses 0x0A inside a multi-byte character.
 */
function decodeLines(bytes: Uint8Array): (string | undefined)[] {
  const lines: (string | undefined)[] = [];
  let start = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  for (;;) {
    const found = bytes.indexOf(NEWLINE, start);
    const end = found === -1 ? bytes.length : found;
    // A byte-order mark is kept: one is allowed at the start of the file only (skipped above).
    lines.push(decodeUtf8(bytes.subarray(start, end)));
    if (found === -1) return lines;
    start = end + 1;
  }
}

/**
 * Every valid line, in file order; a corrupt line (not UTF-8, not JSON, not an entry) is a problem
 * to report, never fatal. Takes the file's bytes, or text already decoded.
 */
export function parseHistory(data: Uint8Array | string, file: string): { entries: HistoryEntry[]; problems: Problem[] } {
  const entries: HistoryEntry[] = [];
  const problems: Problem[] = [];
  const skip = (i: number, why: string) => problems.push({ file, line: i + 1, col: 1, message: `skipped a line that is not ${why}` });
  const lines = typeof data === "string" ? data.split("\n") : decodeLines(data);
  for (const [i, line] of lines.entries()) {
    if (line === undefined) {
      skip(i, "JSON: not valid UTF-8");
      continue;
    }
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      skip(i, `JSON: ${(err as Error).message}`);
      continue;
    }
    const parsed = historyEntrySchema().safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else skip(i, `a history entry: ${parsed.error.issues[0]?.message}`);
  }
  return { entries, problems };
}

/**
 * The branch and commit from a .git folder's files, read as data (no git process is run):
 * HEAD names a ref or holds a detached commit; a ref is a loose file or a packed-refs line.
 */
export function gitInfo(read: (path: string) => string | undefined): GitInfo {
  const head = read(".git/HEAD")?.trim();
  if (!head) return {};
  if (!head.startsWith("ref: ")) return /^[0-9a-f]{40,64}$/.test(head) ? { commit: head } : {};
  const ref = head.slice("ref: ".length).trim();
  const branch = ref.startsWith("refs/heads/") ? ref.slice("refs/heads/".length) : undefined;
  const loose = read(`.git/${ref}`)?.trim();
  const packed = read(".git/packed-refs")
    ?.split("\n")
    .map((l) => l.trim().split(" "))
    .find(([, name]) => name === ref)?.[0];
  const commit = [loose, packed].find((c) => c !== undefined && /^[0-9a-f]{40,64}$/.test(c));
  return { ...(commit !== undefined && { commit }), ...(branch !== undefined && { branch }) };
}

/**
 * The sections a trend shows: those of the newest run, at most 20. Every run could name sections
 * of its own, and a table or chart of all of them would grow with runs times sections.
 */
export function trendSections(entries: HistoryEntry[]): string[] {
  return Object.keys(entries[entries.length - 1]?.sections ?? {}).slice(0, 20);
}

const SPARKS = "▁▂▃▄▅▆▇█";

/**
 * A sparkline, one character each, over the values' own range (lowest to highest), so that a
 * change shows however small against the rubric's maximum (0.5 to 1 of 7: "▁█"); values all
 * alike stand at their height between 0 and max.
 */
export function sparkline(values: number[], max: number): string {
  // A loop, not Math.min(...values): a long history has more values than a call can take arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  const level = hi > lo ? (v: number) => (v - lo) / (hi - lo) : (v: number) => v / (max || 1);
  return values.map((v) => SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.round(level(v) * (SPARKS.length - 1))))]).join("");
}
