// Jupyter notebooks, as detectors search them. Outputs (plots, tables, logs) make notebooks large,
// while the cell sources, which say what the notebook does, are small: a notebook too large to
// search whole is searched as its sources alone, laid out on the lines where the file holds them,
// so that a detector's line still points into the file.
import { isRecord } from "../util/own.js";

/** Notebooks up to this size are read for their sources; larger ones are listed as not searched. */
export const MAX_NOTEBOOK_BYTES = 16 * 1024 * 1024;

export function isNotebook(file: string): boolean {
  return file.endsWith(".ipynb");
}

/**
 * The notebook's cell sources, each source line on the line of the file that holds it and every
 * other line empty; undefined when the text is not a notebook (not JSON, or no cells).
 */
export function sourcesView(text: string): string | undefined {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    return undefined;
  }
  const cells = isRecord(notebook) && Array.isArray(notebook.cells) ? notebook.cells : undefined;
  if (!cells) return undefined;
  const lines: string[] = [];
  // The file holds the sources in cell order, each line a JSON string (nbformat writes a list of
  // lines); each is looked for after the last one found, and its line counted from there.
  let from = 0;
  let cursor = 0;
  let line = 0;
  const lineOf = (offset: number) => {
    for (; cursor < offset; cursor++) if (text.charCodeAt(cursor) === 10) line++;
    return line;
  };
  for (const cell of cells) {
    if (!isRecord(cell)) continue;
    const parts = Array.isArray(cell.source) ? cell.source : [cell.source];
    for (const part of parts) {
      if (typeof part !== "string" || part === "") continue;
      const written = JSON.stringify(part);
      const at = text.indexOf(written, from);
      // Written another way (other escapes): placed on the line after the last one found.
      const start = at < 0 ? line + 1 : lineOf(at);
      if (at >= 0) from = at + written.length;
      part
        .replace(/\n$/, "")
        .split("\n")
        .forEach((piece, i) => {
          while (lines.length <= start + i) lines.push("");
          lines[start + i] = lines[start + i] ? `${lines[start + i]} ${piece}` : piece;
        });
    }
  }
  return lines.join("\n");
}
