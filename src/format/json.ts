import type { Report } from "../schema/report.js";

/** The versioned JSON report; keys come out in the order the report was built (schema order). */
export function formatJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
