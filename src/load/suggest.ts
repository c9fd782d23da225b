// "Did you mean …?" for mistyped ids.

/**
 * Levenshtein distance, or `limit` as soon as the distance is known to reach it: a file with
 * thousands of unknown keys asks for a suggestion for each, so hopeless candidates stop early.
 */
export function distance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j]! < rowMin) rowMin = row[j]!;
    }
    if (rowMin >= limit) return limit;
    [prev, row] = [row, prev];
  }
  return Math.min(prev[b.length]!, limit);
}

/** The closest candidate within a few edits, or undefined when nothing is close. */
export function nearest(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(needle.length / 2)) + 1;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const match = nearest(input, candidates);
  return match ? `; did you mean "${match}"?` : "";
}
