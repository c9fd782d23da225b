// Recorded history (.mltest/history.jsonl, one JSON object per line) and what it shows over
// time. Pure: reports and text in, entries and problems out. The CLI appends the lines.
import type { Problem } from "./errors.js";
import type { Report } from "./schema/report.js";
import { historyEntrySchema, type HistoryEntry } from "./schema/history.js";

export const HISTORY_FILE = ".mltest/history.jsonl";

export interface GitInfo {
  commit?: string;
  branch?: string;
}

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

/** Every valid line, in file order; a corrupt line is a problem to report, never fatal. */
export function parseHistory(text: string, file: string): { entries: HistoryEntry[]; problems: Problem[] } {
  const entries: HistoryEntry[] = [];
  const problems: Problem[] = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      problems.push({ file, line: i + 1, col: 1, message: `skipped a line that is not JSON: ${(err as Error).message}` });
      return;
    }
    const parsed = historyEntrySchema.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else problems.push({ file, line: i + 1, col: 1, message: `skipped a line that is not a history entry: ${parsed.error.issues[0]?.message}` });
  });
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

const SPARKS = "▁▂▃▄▅▆▇█";

/** A sparkline of values between 0 and max, one character each. */
export function sparkline(values: number[], max: number): string {
  return values.map((v) => SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.round((v / (max || 1)) * (SPARKS.length - 1))))]).join("");
}
