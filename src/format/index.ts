// Formatters are pure: report in, string out. Adding a format is one file and one line here.
// Every other report-like output has a registry of the same shape (registry.ts): DIFF_FORMATS,
// TREND_FORMATS, DETECT_FORMATS, RUBRIC_FORMATS and MONOREPO_FORMATS.

import type { HistoryEntry } from "../schema/history.js";
import type { Report } from "../schema/report.js";
import type { Rubric } from "../schema/rubric.js";
import { formatChecklist } from "./checklist.js";
import { formatGithub } from "./github.js";
import { formatHtml } from "./html.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatOpenMetrics } from "./openmetrics.js";
import { type CiSafeStyles, type Formats, isFormatOf } from "./registry.js";
import { formatSarif } from "./sarif.js";
import { formatTable } from "./table.js";

export interface FormatContext {
  /** Colour is decided by the CLI and passed in; formatters never sniff the terminal. */
  color: boolean;
  /** The rubric the report was scored against, for guidance texts (SARIF help, for one). */
  rubric: Rubric;
  /** HTML and checklist: where the project's files are, relative to where the file will be (default project.dir). */
  linkBase?: string;
  /** HTML: recorded runs, for a trend chart. */
  history?: HistoryEntry[];
}

export type Formatter = (report: Report, context: FormatContext) => string;

export const FORMATS = {
  table: formatTable,
  json: formatJson,
  markdown: formatMarkdown,
  junit: formatJunit,
  sarif: formatSarif,
  github: formatGithub,
  checklist: (report, context) => formatChecklist(report, { linkBase: context.linkBase }),
  html: formatHtml,
  openmetrics: formatOpenMetrics,
} satisfies Formats<Report, FormatContext>;

export type FormatName = keyof typeof FORMATS;

/**
 * How each format's text is kept from forming CI log commands (escape.ts ciSafe); the github
 * format is made of such commands and encodes what it carries itself.
 */
export const CI_SAFE_STYLE: CiSafeStyles<typeof FORMATS> = {
  table: "text",
  json: "json",
  markdown: "text",
  junit: "xml",
  sarif: "json",
  github: "own",
  checklist: "text",
  html: "xml",
  openmetrics: "text",
};

export function isFormat(name: string): name is FormatName {
  return isFormatOf(FORMATS, name);
}
