// A boxed terminal table, drawn exactly as cli-table3 draws one in the compact style (no colours,
// padding of one), for tables as long as a recorded history. cli-table3 checks each cell against
// every row above it for spans, which is quadratic in the rows, and costs ~0.2 ms a row besides:
// 40,000 runs took minutes. Here each cell is measured once and each row drawn once.
import stringWidth from "string-width";

/** Columns a cell takes in a terminal, as cli-table3 counts them. */
function width(text: string): number {
  // string-width compiles large regular expressions on first use (emoji among them), a noticeable
  // part of a cold start. Nearly every cell is printable ASCII, Latin letters and the punctuation
  // of titles (— · … ’), one column a character in string-width too; anything else goes to it.
  for (let i = 0; i < text.length; i++) {
    if (!singleColumn(text.charCodeAt(i))) return stringWidth(text);
  }
  return text.length;
}

function singleColumn(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0x2ff) || (code >= 0x2010 && code <= 0x2027) || (code >= 0x2030 && code <= 0x205e)
  );
}

/**
 * The table: a head row, a rule, then one line per row, each as long as the head. Cells must be
 * single lines (escape them with plain() first); `styleHead` styles a head cell, not its width.
 */
export function grid(head: string[], rows: string[][], styleHead: (text: string) => string): string {
  const widths = head.map(width);
  const measured = rows.map((row) =>
    row.map((cell, i) => {
      const w = width(cell);
      widths[i] = Math.max(widths[i] ?? 0, w);
      return w;
    }),
  );
  const rule = (left: string, middle: string, right: string) => `${left}${widths.map((w) => "─".repeat(w + 2)).join(middle)}${right}`;
  const line = (cells: string[], cellWidths: number[], style = (text: string) => text) =>
    `│${cells.map((cell, i) => ` ${style(cell)}${" ".repeat(widths[i]! - cellWidths[i]!)} `).join("│")}│`;
  return [
    rule("┌", "┬", "┐"),
    line(head, head.map(width), styleHead),
    ...(rows.length > 0 ? [rule("├", "┼", "┤")] : []),
    ...rows.map((row, r) => line(row, measured[r]!)),
    rule("└", "┴", "┘"),
  ].join("\n");
}
