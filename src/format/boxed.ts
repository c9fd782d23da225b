// Boxed terminal tables, drawn by cli-table3 in its compact style: a head row, a rule, then one
// line per row. cli-table3 colours nothing here (its style lists are empty): cells arrive already
// coloured by chalk, or not at all under --no-color, and it measures them without their escapes.

import { stripVTControlCharacters } from "node:util";
import Table from "cli-table3";
import cellWidth from "./cell-width.js";

/**
 * The most rows one table holds; longer lists are drawn as several tables, each with the head.
 * cli-table3 checks each cell against every row above it for spans, so a table's cost grows with
 * the square of its rows; blocks keep it linear in the rows (`npm run bench` draws large tables).
 */
export const ROWS_PER_TABLE = 100;

/**
 * The table, or tables, separated by a blank line. Cells must be single lines (escape them with
 * plain() first); `styleHead` styles a head cell, not its width.
 */
export function boxed(head: string[], rows: string[][], styleHead: (text: string) => string): string {
  const styledHead = head.map(styleHead);
  // Every block gets the columns of the whole list, so that its tables line up.
  const width = (text: string) => cellWidth(stripVTControlCharacters(text));
  const colWidths = head.map((cell, i) => Math.max(width(styledHead[i] ?? cell), ...rows.map((row) => width(row[i] ?? ""))) + 2);
  const blocks: string[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += ROWS_PER_TABLE) {
    const table = new Table({ head: styledHead, colWidths, style: { head: [], border: [], compact: true } });
    table.push(...rows.slice(start, start + ROWS_PER_TABLE));
    blocks.push(table.toString());
  }
  return blocks.join("\n\n");
}
