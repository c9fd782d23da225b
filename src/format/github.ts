// GitHub Actions workflow commands, shown as annotations on the pull request: a failed threshold
// is an error, a test that counts as none a warning, anything else short of automated with
// evidence that holds a notice.
import type { Report } from "../schema/report.js";
import { plainLines, workflowData, workflowProperty } from "./escape.js";
import { attention, evidencePath, num } from "./text.js";

export function formatGithub(report: Report): string {
  const file = evidencePath(report.project);
  const { final } = report;
  const command = (level: "error" | "warning" | "notice", line: number | undefined, title: string, message: string) => {
    const at = line === undefined ? "" : `file=${workflowProperty(file)},line=${line},`;
    return `::${level} ${at}title=${workflowProperty(plainLines(title))}::${workflowData(plainLines(message))}`;
  };
  const next = new Map(report.nextSteps.map((s) => [s.test, s]));
  const out = [
    command(
      "notice",
      undefined,
      "ML Test Score",
      `${report.project.name}: ${num(final.score)} / ${num(final.max)} (${final.band.label}); weakest: ${final.weakest.join(", ")}; ` +
        `gate ${report.gate.checks.length === 0 ? "not set" : report.gate.passed ? "passed" : "failed"}`,
    ),
    ...report.gate.checks.filter((c) => !c.passed).map((c) => command("error", 1, `mltest gate: ${c.target}`, c.message)),
  ];
  for (const test of report.sections.flatMap((s) => s.tests)) {
    const note = attention(test, next.get(test.id));
    if (note) out.push(command(note.severity === "warning" ? "warning" : "notice", test.line ?? 1, `${test.id} ${test.title}`, note.message));
  }
  return `${out.join("\n")}\n`;
}
