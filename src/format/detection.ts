// `mltest detect` output: per test, what was found (file:line), the status it suggests and the
// pointer it proposes. Pure: detect report in, string out.
import { Chalk } from "chalk";
import type { DetectReport } from "../schema/detect.js";
import { plain } from "./escape.js";
import type { CiSafeStyles, ColorContext, Formats } from "./registry.js";
import { pointerParts, wrap } from "./text.js";

export const DETECT_FORMATS = {
  table: detectTable,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
} satisfies Formats<DetectReport, ColorContext>;

export type DetectFormat = keyof typeof DETECT_FORMATS;

export const DETECT_CI_SAFE_STYLE: CiSafeStyles<typeof DETECT_FORMATS> = { table: "text", json: "json" };

function detectTable(report: DetectReport, { color }: ColorContext): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const found = report.tests.filter((t) => t.suggestion);
  const out = [
    `${c.bold(plain(report.project.name))} · evidence found for ${found.length} of ${report.tests.length} tests (rubric ${report.rubric.id})`,
    "",
  ];
  for (const test of found) {
    out.push(
      `${c.bold(`${test.id} ${plain(test.title)}`)}: suggests ${test.suggestion!.status === "automated" ? c.green("automated") : c.yellow("manual")}`,
    );
    for (const s of test.signals) {
      const { kind, target, details } = pointerParts(s.pointer);
      out.push(
        `  ${plain(s.file)}:${s.line}  ${plain(s.what)} (${s.status})`,
        c.dim(`    → ${kind}: ${plain(target)}${details.length ? ` (${plain(details.join(", "))})` : ""}`),
        ...(s.via ? [c.dim(`      via ${plain(s.via.join(" → "))}`)] : []),
      );
    }
    out.push("");
  }
  const missing = report.tests.filter((t) => !t.suggestion);
  if (missing.length > 0) {
    out.push(c.bold(`Nothing found for ${missing.length} tests; what a person can add:`));
    for (const test of missing) {
      out.push(`  ${test.id} ${plain(test.title)}`);
      // Signals that only back up others: shown, so a person knows where to start.
      for (const s of test.signals) out.push(c.dim(`    supporting only: ${plain(s.file)}:${s.line}  ${plain(s.what)}`));
      if (test.humanEvidence) out.push(c.dim(wrap(plain(test.humanEvidence), 96, "    ")));
    }
    out.push("");
  }
  const limits = report.limits ?? (report.truncated ? ["the project is larger than mltest scans; some files were not looked at"] : []);
  if (limits.length > 0) out.push(...limits.map((l) => c.yellow(`Not looked at: ${l}.`)), "");
  out.push(`Run "mltest init" to write these into mltest.yaml.`);
  return `${out.join("\n")}\n`;
}
