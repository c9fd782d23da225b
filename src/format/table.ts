// The terminal report: one table per section, then the final score, the gate and next steps.
import { Chalk, type ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { Report, ReportTest } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import type { FormatContext } from "./index.js";
import { interval, num, STATUS_LABEL, wrap } from "./text.js";

/** Next steps shown in the terminal; the JSON report carries them all. */
const NEXT_STEPS_SHOWN = 5;

export function formatTable(report: Report, { color }: FormatContext): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  out.push(
    `${c.bold(report.project.name)} · ${report.rubric.title} ${report.rubric.version} (${report.rubric.id}) · as of ${report.asOf}`,
    "",
  );

  const weighted = report.sections.some((s) => s.tests.some((t) => t.weight !== 1));
  const weakest = new Set(report.final.weakest);
  for (const section of report.sections) {
    const marker = weakest.has(section.id) ? c.red("  ← weakest") : "";
    out.push(`${c.bold(section.title)}  ${c.bold(num(section.score))} / ${num(section.max)}${marker}`);
    const head = ["Test", "Title", "Status", "Points", ...(weighted ? ["Weight"] : []), "Owner"];
    const table = new Table({
      head: head.map((h) => c.bold(h)),
      // cli-table3 colours heads and borders by default, even off a terminal.
      style: { head: [], border: [], compact: true },
    });
    for (const test of section.tests) {
      table.push([
        test.id,
        test.title,
        statusCell(c, test.status),
        pointsCell(test),
        ...(weighted ? [num(test.weight)] : []),
        test.owner ?? c.dim("—"),
      ]);
    }
    out.push(table.toString(), "");
  }

  const { final } = report;
  const weakestNote = final.aggregate === "min" ? `weakest: ${final.weakest.join(", ")}` : "weighted mean of sections";
  out.push(
    `${c.bold("Final score")}  ${c.bold(num(final.score))} / ${num(final.max)}  (${final.aggregate}; ${weakestNote})`,
    `${c.bold("Band")}         ${interval(final.band, final.score)} ${final.band.label}`,
  );

  const { gate } = report;
  if (gate.checks.length === 0) {
    out.push(`${c.bold("Gate")}         none set (use --min-score, --min-section or gate: in the evidence file)`);
  } else {
    out.push(`${c.bold("Gate")}         ${gate.passed ? c.green("passed") : c.red("FAILED")}`);
    for (const check of gate.checks) {
      out.push(`  ${check.passed ? c.green("✓") : c.red("✗")} ${check.message}`);
    }
  }

  const steps = report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, NEXT_STEPS_SHOWN);
  if (steps.length > 0) {
    out.push("", c.bold(`Next steps to raise ${final.weakest.join(", ")}`));
    steps.forEach((step, i) => {
      out.push(
        `  ${i + 1}. ${step.test} ${step.title}: ${step.from} → ${step.to} (+${num(step.gain)})`,
        c.dim(wrap(step.action, 96, "     ")),
      );
    });
  }
  return `${out.join("\n")}\n`;
}

function statusCell(c: ChalkInstance, status: Status): string {
  const label = STATUS_LABEL[status];
  switch (status) {
    case "automated":
      return c.green(label);
    case "manual":
      return c.yellow(label);
    case "none":
      return c.red(label);
    case "not-applicable":
      return c.dim(label);
  }
}

function pointsCell(test: ReportTest): string {
  return test.status === "not-applicable" ? "—" : num(test.points);
}
