// The full report as GitHub-flavoured Markdown: a pull-request comment or a job summary.
// Status is always written out in words; emoji only repeat it.
import type { Report, ReportTest } from "../schema/report.js";
import { md, mdUrl } from "./escape.js";
import { interval, num, pointerParts, STATUS_LABEL } from "./text.js";

const NEXT_STEPS_SHOWN = 5;

export function formatMarkdown(report: Report): string {
  const { final, gate } = report;
  const weakest = new Set(final.weakest);
  const titleOf = (id: string) => report.sections.find((s) => s.id === id)?.title ?? id;
  const out = [
    `## ML Test Score: ${md(report.project.name)}`,
    "",
    `**${num(final.score)} / ${num(final.max)}**, ${md(final.band.label)} (band ${interval(final.band, final.score)}). ` +
      `Weakest: ${final.weakest.map((id) => md(titleOf(id))).join(", ")}.`,
    "",
    `Rubric: ${md(report.rubric.title)} ${md(report.rubric.version)} (${md(report.rubric.id)}), as of ${report.asOf}.`,
    "",
    "| Section | Score | |",
    "|---|---:|---|",
    ...report.sections.map(
      (s) => `| ${md(s.title)} | ${num(s.score)} / ${num(s.max)} | ${weakest.has(s.id) ? "**weakest**" : ""} |`,
    ),
    `| **Final (${final.aggregate})** | **${num(final.score)} / ${num(final.max)}** | ${md(final.band.label)} |`,
    "",
  ];

  if (gate.checks.length === 0) {
    out.push("**Gate:** none set.", "");
  } else {
    out.push(
      `### Gate: ${gate.passed ? "✅ passed" : "❌ failed"}`,
      "",
      "| Threshold | Expected | Actual | Result |",
      "|---|---:|---:|---|",
      ...gate.checks.map(
        (c) => `| ${md(c.target)} | ≥ ${num(c.expected)} | ${num(c.actual)} | ${c.passed ? "✅ pass" : "❌ fail"} |`,
      ),
      "",
    );
  }

  const steps = report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, NEXT_STEPS_SHOWN);
  if (steps.length > 0) {
    out.push(`### Next steps`, "");
    steps.forEach((step, i) =>
      out.push(
        `${i + 1}. **${md(step.test)}** ${md(step.title)}: ${step.from} → ${step.to} ` +
          `(+${num(step.gain)} to ${md(step.section)}). ${md(step.action)}`,
      ),
    );
    out.push("");
  }

  for (const section of report.sections) {
    out.push(
      "<details>",
      `<summary>${md(section.title)}: ${num(section.score)} / ${num(section.max)}</summary>`,
      "",
      "| Test | Title | Status | Points | Owner | Evidence |",
      "|---|---|---|---:|---|---|",
      ...section.tests.map(row),
      "",
      "</details>",
      "",
    );
  }
  out.push(`<sub>mltest ${md(report.tool.version)}</sub>`);
  return `${out.join("\n")}\n`;
}

function row(test: ReportTest): string {
  const status = test.status === "not-applicable" ? `n/a: ${md(test.reason ?? "")}` : STATUS_LABEL[test.status];
  const points = test.status === "not-applicable" ? "—" : num(test.points);
  return `| ${md(test.id)} | ${md(test.title)} | ${status} | ${points} | ${test.owner ? md(test.owner) : "—"} | ${evidence(test)} |`;
}

function evidence(test: ReportTest): string {
  if (test.evidence.length === 0) return "—";
  return test.evidence
    .map((pointer) => {
      const { kind, target, details } = pointerParts(pointer);
      const shown = kind === "url" ? `[${md(target)}](${mdUrl(target)})` : `${kind}: ${md(target)}`;
      return details.length > 0 ? `${shown} (${md(details.join(", "))})` : shown;
    })
    .join("<br>");
}
