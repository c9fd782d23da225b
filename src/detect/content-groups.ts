// The content search of detection's one pass: detectors that search the same files for text,
// grouped so that each file is searched once for all of them.
import type { Detector } from "../schema/rubric.js";
import { type Pattern, safeRegex } from "../util/patterns.js";
import { rank } from "./rank.js";

export interface Hit {
  file: string;
  line: number;
}

/** The files any of the globs match (their indexes), in file order. */
function candidatesOf(globs: string[], matching: (glob: string) => number[]): number[] {
  const lists = globs.map(matching);
  // A typed array sorts numbers as numbers, and fast.
  return lists.length === 1 ? lists[0]! : [...Uint32Array.from(new Set(lists.flat())).sort()];
}

export interface ContentGroup {
  /** The files its globs match (their indexes), in file order. */
  candidates: number[];
  /** Where the one pass has got to in `candidates`. */
  next: number;
  /** Indexes of the group's detectors that have not fired yet. */
  pending: Set<number>;
  /** Records each detector's best-ranked hit, and with `ran` its first hit in a file a CI job runs (`here` says this is one). */
  search(file: string, text: string, hits: Map<Detector, Hit>, ran?: { hits: Map<Detector, Hit>; here: boolean }): void;
}

/**
 * Content detectors grouped by their globs, searched together as grep would: one combined
 * pattern says which files deserve a closer look, so a file that matches none of them is
 * searched once, not once per detector.
 */
export function contentGroups(
  detectors: Detector[],
  matching: (glob: string) => number[],
  regex: (source: string) => Pattern,
): ContentGroup[] {
  const byGlobs = new Map<string, Detector[]>();
  for (const d of detectors) {
    if (d.files === undefined || d.contains === undefined) continue;
    const key = JSON.stringify(d.files);
    byGlobs.set(key, [...(byGlobs.get(key) ?? []), d]);
  }
  return [...byGlobs.values()].map((group) => {
    // Each detector's own pattern is compiled when the group's first fires: most groups never do.
    const patterns: (Pattern | undefined)[] = [];
    // Patterns that cannot be joined (two named groups of one name) are searched one by one.
    const joined = safeRegex(group.map((d) => `(?:${d.contains})`).join("|"));
    const any = joined.ok ? joined.value : undefined;
    const pending = new Set(group.keys());
    return {
      candidates: candidatesOf(group[0]!.files!, matching),
      next: 0,
      pending,
      search(file, text, hits, ran) {
        if (any && !any.test(text)) return;
        const fileRank = rank(file);
        const runFile = ran?.here === true;
        for (const i of [...pending]) {
          const detector = group[i]!;
          const best = hits.get(detector);
          // Nothing this file could add: a hit as good already, and no test-file hit wanted from it.
          if (best && rank(best.file) <= fileRank && !(runFile && !ran?.hits.has(detector))) continue;
          patterns[i] ??= regex(detector.contains!);
          const match = patterns[i].exec(text);
          if (!match) continue;
          // A pattern that starts with \s* may begin on blank lines before what it found.
          const lead = match[0].length - match[0].trimStart().length;
          const hit = { file, line: lineAt(text, match.index + lead) };
          if (!best || rank(best.file) > fileRank) hits.set(detector, hit);
          if (runFile && !ran?.hits.has(detector)) ran?.hits.set(detector, hit);
          // Done once the hit is in production code, and a hit in a file CI runs is not wanted or is found.
          if (rank(hits.get(detector)!.file) === 0 && (ran === undefined || ran.hits.has(detector))) pending.delete(i);
        }
      },
    };
  });
}

/** The 1-based line of a character in a text. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
