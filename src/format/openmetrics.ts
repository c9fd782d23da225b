// `--format openmetrics`: the report as OpenMetrics text, so that GitLab's metrics report widget
// (on the plans that have it) shows a merge request's score change against its target branch with
// no token, and any Prometheus-compatible collector can scrape a saved report. Pure.
import type { Report } from "../schema/report.js";
import { STATUSES } from "../schema/rubric.js";

/** A label value: backslash, double quote and line feed escaped, as the exposition format says. */
function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([k, v]) => `${k}="${label(v)}"`)
    .join(",")}}`;
}

export function formatOpenMetrics(report: Report): string {
  const project = { project: report.project.name, rubric: report.rubric.id };
  const metric = (name: string, help: string, samples: [Record<string, string>, number][]) => [
    `# TYPE ${name} gauge`,
    `# HELP ${name} ${help}`,
    ...samples.map(([extra, value]) => `${name}${labels({ ...project, ...extra })} ${value}`),
  ];
  const counts = STATUSES.map((status): [Record<string, string>, number] => [
    { status },
    report.sections.reduce((n, s) => n + s.tests.filter((t) => t.status === status).length, 0),
  ]);
  return `${[
    ...metric("mltest_score", "The final ML Test Score: the weakest section's score.", [[{}, report.final.score]]),
    ...metric("mltest_score_max", "The highest final score the rubric allows.", [[{}, report.final.max]]),
    ...metric("mltest_claimed_score", "The final score if every claim in the evidence file counted.", [[{}, report.final.claimed]]),
    ...metric(
      "mltest_section_score",
      "Each section's score.",
      report.sections.map((s) => [{ section: s.id }, s.score]),
    ),
    ...metric("mltest_gate_passed", "1 when every gate threshold passed (or none was set), else 0.", [[{}, report.gate.passed ? 1 : 0]]),
    ...metric("mltest_tests", "Tests by the status that counts.", counts),
    "# EOF",
  ].join("\n")}\n`;
}
