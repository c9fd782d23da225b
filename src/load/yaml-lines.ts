// A YAML text's lines as a person reads them, for saying where a mistake is: where each line
// starts, how far it is indented, the key it begins with, and how a message names it.

export interface Line {
  start: number;
  text: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  // Line ends as yaml counts them: LF or CRLF, not a bare CR.
  let start = 0;
  for (const part of text.split("\n")) {
    lines.push({ start, text: part.replace(/\r$/, "") });
    start += part.length + 1;
  }
  return lines;
}

/** The index of the line an offset is on. */
export function lineIndex(lines: Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function indentOf(text: string): number {
  return /^ */.exec(text)![0].length;
}

export function isContent(text: string): boolean {
  const t = text.trim();
  return t !== "" && !t.startsWith("#");
}

export function nextContent(lines: Line[], index: number): number | undefined {
  for (let i = index + 1; i < lines.length; i++) if (isContent(lines[i]!.text)) return i;
  return undefined;
}

/** The key a line starts with (after a list item's "- "), and its 0-based column. */
export function keyOf(text: string): { key: string; col: number } | undefined {
  const m = /^( *(?:- +)?)("[^"]*"|'[^']*'|[^\s#'"{[][^:#]*?) *:(?:\s|$)/.exec(text);
  return m ? { key: m[2]!.replace(/^["']|["']$/g, ""), col: m[1]!.length } : undefined;
}

/** How a line is named in a message: its key, or "this line". */
export function what(text: string): string {
  const key = keyOf(text);
  return key ? `"${key.key}"` : /^\s*-(\s|$)/.test(text) ? "this list item" : "this line";
}

export function stripComment(text: string): string {
  return text.replace(/\s+#.*$/, "").trim();
}
