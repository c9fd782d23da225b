// Formatters are pure: report in, string out. Adding a format is one file and one line here.
import type { Report } from "../schema/report.js";
import { formatJson } from "./json.js";
import { formatTable } from "./table.js";

export interface FormatOptions {
  /** Colour is decided by the CLI and passed in; formatters never sniff the terminal. */
  color: boolean;
}

export type Formatter = (report: Report, options: FormatOptions) => string;

export const FORMATS = {
  table: formatTable,
  json: formatJson,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATS;

export function isFormat(name: string): name is FormatName {
  return Object.hasOwn(FORMATS, name);
}
