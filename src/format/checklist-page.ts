// The checklist's page: 100 characters wide outside links; headings are cut to fit, paragraphs
// wrapped, and lists that must stay short say how many items they leave out.
import { mdProse as md } from "./escape.js";
import { wrap } from "./text.js";

export const WIDTH = 100;
/** The brief form's limits, which keep it under 60 lines for the examples, changes and all. */
export const BRIEF = { actions: 5, changes: 5, attention: 3 };

/** A heading, which cannot wrap: user text in it is cut to keep the line within the page. */
export function heading(prefix: string, text: string, suffix = ""): string {
  const room = WIDTH - prefix.length - suffix.length;
  const chars = [...text];
  const cut = chars.length > room ? `${chars.slice(0, Math.max(room - 1, 1)).join("")}…` : text;
  let line = `${prefix}${md(cut)}${suffix}`;
  // Escaping can lengthen the text; cut further until the line fits.
  for (let n = [...cut].length - 1; [...line].length > WIDTH && n > 1; n--)
    line = `${prefix}${md(`${chars.slice(0, n).join("")}…`)}${suffix}`;
  return line;
}

/** A paragraph wrapped to the page width; continuation lines get `hang`. Links are never split. */
export function para(text: string, hang = ""): string[] {
  return wrap(text, WIDTH, "", hang).split("\n");
}

/** How many of `count` items a list of at most `lines` lines shows, a "n more" line included. */
export function fitting(count: number, lines: number): number {
  return count <= lines ? count : lines - 1;
}
