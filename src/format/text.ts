// Small helpers shared by the human-readable formats.
import type { Status } from "../schema/rubric.js";

/** Scores are already rounded to 2 decimals; print them without trailing zeros. */
export function num(n: number): string {
  return String(n);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export const STATUS_LABEL: Record<Status, string> = {
  none: "none",
  manual: "manual",
  automated: "automated",
  "not-applicable": "n/a",
};

/**
 * The band's interval, e.g. "(1, 2]". Bands are open below, so a score equal to the lower bound
 * can only sit in the first band, which holds it: "[0, 0]".
 */
export function interval(band: { min: number; max: number }, score: number): string {
  return `${score === band.min ? "[" : "("}${num(band.min)}, ${num(band.max)}]`;
}

/** Wraps prose to `width` columns, keeping existing line breaks (lists stay lists). */
export function wrap(text: string, width: number, indent = ""): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      if (!line.trim()) return "";
      const lead = indent + (/^\s*/.exec(line)?.[0] ?? "");
      const hang = lead + (/^\s*[-*] /.test(line) ? "  " : "");
      const lines: string[] = [];
      let current = lead;
      for (const word of line.trim().split(/\s+/)) {
        const candidate = current.trim() ? `${current} ${word}` : `${current}${word}`;
        if (candidate.length > width && current.trim()) {
          lines.push(current);
          current = `${hang}${word}`;
        } else current = candidate;
      }
      lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}
