// The full report as GitHub-flavoured Markdown: a pull-request comment or a job summary.
// Status is always written out in words; emoji only repeat it.
import type { Report, ReportTest } from "../schema/report.js";
import { md, mdUrl } from "./escape.js";
import { describeStep, interval, num, pointerParts, STATUS_LABEL } from "./text.js";
import { type CheckView, reportView, type TestView } from "./view.js";

/** Evidence checks in words, with an emoji that only repeats them. */
const CHECK: Record<CheckView, string> = {
  verified: "✅ verified",
  unverified: "❔ unverified",
  stale: "⏳ stale",
  broken: "❌ broken",
  expired: "⚠️ expired",
  waived: "waived",
  none: "—",
};

export function formatMarkdown(report: Report): string {
  const view = reportView(report);
  const { final, gate } = report;
  const out = [
    `## ML Test Score: ${md(report.project.name)}`,
    "",
    `**${num(final.score)} / ${num(final.max)}**, ${md(final.band.label)} (band ${interval(final.band, final.score)}). ` +
      `Weakest: ${view.weakest.map((s) => md(s.section.title)).join(", ")}.`,
    "",
    `Rubric: ${md(report.rubric.title)} ${md(report.rubric.version)} (${md(report.rubric.id)}), as of ${report.asOf}.`,
    "",
    "| Section | Score | |",
    "|---|---:|---|",
    ...view.sections.map(
      ({ section: s, weakest }) => `| ${md(s.title)} | ${num(s.score)} / ${num(s.max)} | ${weakest ? "**weakest**" : ""} |`,
    ),
    `| **Final (${final.aggregate})** | **${num(final.score)} / ${num(final.max)}** | ${md(final.band.label)} |`,
    "",
  ];
  if (view.claimed !== undefined)
    out.push(`The evidence file claims **${num(view.claimed)}**; claims whose evidence does not hold count less.`, "");
  if (view.withoutWaivers !== undefined)
    out.push(`Without waivers (every not-applicable test as none): **${num(view.withoutWaivers)}**.`, "");
  if (report.mode === "strict") out.push("Strict mode: unverified and stale claims score 0.", "");

  if (view.problems.length > 0) {
    out.push("### Evidence problems", "");
    for (const { test, counts, problems } of view.problems) {
      out.push(
        `- **${md(test.id)}** ${md(test.title)} (${counts ? "still counts" : "**counts as none**"}): ${problems.map(md).join("; ")}`,
      );
    }
    out.push("");
  }

  if (view.gate === "none") {
    out.push("**Gate:** none set.", "");
  } else {
    out.push(
      `### Gate: ${view.gate === "passed" ? "✅ passed" : "❌ failed"}`,
      "",
      "| Threshold | Expected | Actual | Result |",
      "|---|---:|---:|---|",
      ...gate.checks.map((c) => `| ${md(c.target)} | ≥ ${num(c.expected)} | ${num(c.actual)} | ${c.passed ? "✅ pass" : "❌ fail"} |`),
      "",
    );
  }

  if (gate.raise?.length) out.push(...gate.raise.map((r) => `- ⬆️ ${md(r.message)}`), "");
  if (report.baseline) {
    const b = report.baseline;
    out.push(
      `**Against the baseline** (${md(b.file)}): ${b.regressions.length} regressed, ${b.improvements.length} improved.${b.note ? ` ${md(b.note)}.` : ""}`,
      "",
    );
    out.push(...b.regressions.map((r) => `- ❌ ${md(r.message)}`), ...b.improvements.map((r) => `- ✅ ${md(r.message)}`));
    if (b.regressions.length + b.improvements.length > 0) out.push("");
  }

  if (view.steps.length > 0) {
    out.push(`### Next steps`, "");
    view.steps.forEach((step, i) => {
      out.push(`${i + 1}. **${md(step.test)}** ${md(step.title)}: ${md(describeStep(step))}`);
    });
    out.push("");
  }

  for (const { section, tests } of view.sections) {
    out.push(
      "<details>",
      `<summary>${md(section.title)}: ${num(section.score)} / ${num(section.max)}</summary>`,
      "",
      "| Test | Title | Status | Check | Points | Owner | Evidence |",
      "|---|---|---|---|---:|---|---|",
      ...tests.map(row),
      "",
      "</details>",
      "",
    );
  }
  out.push(`<sub>mltest ${md(report.tool.version)}</sub>`);
  return `${out.join("\n")}\n`;
}

function row({ test, status, check, points }: TestView): string {
  const shown =
    status === "disabled"
      ? `disabled: ${md(test.disabled ?? "")}`
      : status === "not-applicable"
        ? `n/a: ${md(test.reason ?? "")}`
        : STATUS_LABEL[status];
  return `| ${md(test.id)} | ${md(test.title)} | ${shown} | ${CHECK[check]} | ${points} | ${test.owner ? md(test.owner) : "—"} | ${evidence(test)} |`;
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
