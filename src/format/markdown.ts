// The full report as GitHub-flavoured Markdown: a pull-request comment or a job summary.
// Status is always written out in words; emoji only repeat it.
import type { Report, ReportTest } from "../schema/report.js";
import { md, mdUrl } from "./escape.js";
import { countedStatus, describeStep, evidenceProblems, interval, num, pointerParts, STATUS_LABEL } from "./text.js";

/** Verification states in words, with an emoji that only repeats them. */
const CHECK = { verified: "✅ verified", unverified: "❔ unverified", stale: "⏳ stale", broken: "❌ broken" } as const;

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
    ...report.sections.map((s) => `| ${md(s.title)} | ${num(s.score)} / ${num(s.max)} | ${weakest.has(s.id) ? "**weakest**" : ""} |`),
    `| **Final (${final.aggregate})** | **${num(final.score)} / ${num(final.max)}** | ${md(final.band.label)} |`,
    "",
  ];
  if (final.claimed !== final.score)
    out.push(`The evidence file claims **${num(final.claimed)}**; claims whose evidence does not hold count less.`, "");
  if (final.withoutWaivers !== final.score)
    out.push(`Without waivers (every not-applicable test as none): **${num(final.withoutWaivers)}**.`, "");
  if (report.mode === "strict") out.push("Strict mode: unverified and stale claims score 0.", "");

  const problems = report.sections.flatMap((s) => s.tests).filter((t) => evidenceProblems(t).length > 0);
  if (problems.length > 0) {
    out.push("### Evidence problems", "");
    for (const test of problems) {
      const counts = countedStatus(test) === test.status ? "still counts" : "**counts as none**";
      out.push(`- **${md(test.id)}** ${md(test.title)} (${counts}): ${evidenceProblems(test).map(md).join("; ")}`);
    }
    out.push("");
  }

  if (gate.checks.length === 0) {
    out.push("**Gate:** none set.", "");
  } else {
    out.push(
      `### Gate: ${gate.passed ? "✅ passed" : "❌ failed"}`,
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

  const steps = report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, NEXT_STEPS_SHOWN);
  if (steps.length > 0) {
    out.push(`### Next steps`, "");
    steps.forEach((step, i) => {
      out.push(`${i + 1}. **${md(step.test)}** ${md(step.title)}: ${md(describeStep(step))}`);
    });
    out.push("");
  }

  for (const section of report.sections) {
    out.push(
      "<details>",
      `<summary>${md(section.title)}: ${num(section.score)} / ${num(section.max)}</summary>`,
      "",
      "| Test | Title | Status | Check | Points | Owner | Evidence |",
      "|---|---|---|---|---:|---|---|",
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
  const status =
    test.disabled !== undefined
      ? `disabled: ${md(test.disabled)}`
      : test.status === "not-applicable"
        ? `n/a: ${md(test.reason ?? "")}`
        : STATUS_LABEL[test.status];
  const points =
    test.status === "not-applicable"
      ? test.waiver?.expired
        ? "0"
        : "—"
      : test.points === test.claimed
        ? num(test.points)
        : `${num(test.points)} of ${num(test.claimed)}`;
  const check = test.waiver ? (test.waiver.expired ? "⚠️ expired" : "waived") : test.verification ? CHECK[test.verification.state] : "—";
  return `| ${md(test.id)} | ${md(test.title)} | ${status} | ${check} | ${points} | ${test.owner ? md(test.owner) : "—"} | ${evidence(test)} |`;
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
