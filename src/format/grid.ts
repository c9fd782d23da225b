// A boxed terminal table, drawn exactly as cli-table3 draws one in the compact style (no colours,
// padding of one), for tables as long as a recorded history. cli-table3 checks each cell against
// every row above it for spans, which is quadratic in the rows, and costs ~0.2 ms a row besides:
// 40,000 runs took minutes. Here each cell is measured once and each row drawn once.
import stringWidth from "string-width";

/** Columns a cell takes in a terminal, as cli-table3 counts them. */
function width(text: string): number {
  // string-width compiles its regular expressions on every call; printable ASCII, nearly every
  // cell, is one column a character.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return stringWidth(text);
  }
  return text.length;
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
