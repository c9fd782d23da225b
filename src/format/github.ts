// GitHub Actions workflow commands, shown as annotations on the pull request:
// a failed threshold is an error, a test not done a warning, a manual test a notice.
import type { Report } from "../schema/report.js";
import { workflowData, workflowProperty } from "./escape.js";
import { describeStep, evidencePath, num } from "./text.js";

export function formatGithub(report: Report): string {
  const file = evidencePath(report.project);
  const { final } = report;
  const command = (level: "error" | "warning" | "notice", line: number | undefined, title: string, message: string) => {
    const at = line === undefined ? "" : `file=${workflowProperty(file)},line=${line},`;
    return `::${level} ${at}title=${workflowProperty(title)}::${workflowData(message)}`;
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
  for (const section of report.sections) {
    for (const test of section.tests) {
      if (test.status !== "none" && test.status !== "manual") continue;
      const step = next.get(test.id);
      const todo = step ? ` ${describeStep(step)}` : "";
      out.push(
        command(test.status === "none" ? "warning" : "notice", test.line ?? 1, `${test.id} ${test.title}`, `${test.status}.${todo}`),
      );
    }
  }
  return `${out.join("\n")}\n`;
}
