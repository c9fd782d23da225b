// The terminal report: one table per section, then what is wrong with the evidence, the final
// score, the gate and next steps. Text from the evidence file is shown, never obeyed (plain()).
import { Chalk, type ChalkInstance } from "chalk";
import type { Report } from "../schema/report.js";
import { boxed } from "./boxed.js";
import { plain } from "./escape.js";
import type { FormatContext } from "./index.js";
import { interval, num, STATUS_LABEL, wrap } from "./text.js";
import { type CheckView, reportView, type StatusView } from "./view.js";

export function formatTable(report: Report, { color }: FormatContext): string {
  const view = reportView(report);
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  out.push(
    `${c.bold(plain(report.project.name))} · ${plain(report.rubric.title)} ${plain(report.rubric.version)} (${report.rubric.id}) · ` +
      `as of ${report.asOf}${report.mode === "strict" ? ` · ${c.bold("strict")}: unverified and stale claims score 0` : ""}`,
    "",
  );

  const { weighted } = view;
  for (const { section, weakest, claimed: claims, tests } of view.sections) {
    const marker = weakest ? c.red("  ← weakest") : "";
    const claimed = claims !== undefined ? c.yellow(` (claimed ${num(claims)})`) : "";
    out.push(`${c.bold(plain(section.title))}  ${c.bold(num(section.score))} / ${num(section.max)}${claimed}${marker}`);
    const head = ["Test", "Title", "Status", "Evidence", "Points", ...(weighted ? ["Weight"] : []), "Owner"];
    const rows = tests.map(({ test, status, check, points }) => [
      test.id,
      plain(test.title),
      statusCell(c, status),
      checkCell(c, check),
      points,
      ...(weighted ? [num(test.weight)] : []),
      test.owner ? plain(test.owner) : c.dim("—"),
    ]);
    out.push(
      boxed(head, rows, (h) => c.bold(h)),
      "",
    );
  }

  if (view.problems.length > 0) {
    out.push(c.bold("Evidence problems"));
    for (const { test, counts, problems } of view.problems) {
      out.push(`  ${test.id} ${plain(test.title)}: ${counts ? "still counts" : c.red("counts as none")}`);
      for (const line of problems) out.push(wrap(plain(line), 96, "    ", "      "));
    }
    out.push("");
  }

  const { final } = report;
  const weakestNote = final.aggregate === "min" ? `weakest: ${final.weakest.join(", ")}` : "weighted mean of sections";
  out.push(
    `${c.bold("Final score")}  ${c.bold(num(final.score))} / ${num(final.max)}  (${final.aggregate}; ${weakestNote})`,
    `${c.bold("Band")}         ${interval(final.band, final.score)} ${plain(final.band.label)}`,
  );
  if (view.claimed !== undefined)
    out.push(`${c.bold("Claimed")}      ${num(view.claimed)}: the file claims more than its evidence supports`);
  if (view.withoutWaivers !== undefined)
    out.push(`${c.bold("No waivers")}   ${num(view.withoutWaivers)}: the score if every not-applicable waiver counted as none`);

  const { gate } = report;
  if (view.gate === "none") {
    out.push(`${c.bold("Gate")}         none set (use --min-score, --min-section or gate: in the evidence file)`);
  } else {
    out.push(`${c.bold("Gate")}         ${view.gate === "passed" ? c.green("passed") : c.red("FAILED")}`);
    for (const check of gate.checks) {
      out.push(`  ${check.passed ? c.green("✓") : c.red("✗")} ${plain(check.message)}`);
    }
  }
  for (const r of gate.raise ?? []) out.push(`  ${c.cyan("↑")} ${plain(r.message)}`);
  if (report.baseline) {
    const b = report.baseline;
    out.push(
      `${c.bold("Baseline")}     ${plain(b.file)}: ${b.regressions.length} regressed, ${b.improvements.length} improved${b.note ? ` (${plain(b.note)})` : ""}`,
    );
    for (const r of b.improvements) out.push(`  ${c.green("+")} ${plain(r.message)}`);
    if (b.added.length) out.push(`  new tests: ${b.added.join(", ")}`);
    if (b.removed.length) out.push(`  tests no longer in the rubric: ${b.removed.join(", ")}`);
  }

  if (view.steps.length > 0) {
    out.push("", c.bold(`Next steps to raise ${final.weakest.join(", ")}`));
    view.steps.forEach((step, i) => {
      const move = step.kind === "fix-evidence" ? `fix the evidence for ${step.to}` : `${step.from} → ${step.to}`;
      out.push(`  ${i + 1}. ${step.test} ${plain(step.title)}: ${move} (+${num(step.gain)})`, c.dim(wrap(plain(step.action), 96, "     ")));
    });
  }
  return `${out.join("\n")}\n`;
}

function statusCell(c: ChalkInstance, status: StatusView): string {
  if (status === "disabled") return c.dim("disabled");
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

/** The verification state of a claim, or a waiver's; "—" where nothing is claimed. */
function checkCell(c: ChalkInstance, check: CheckView): string {
  switch (check) {
    case "expired":
      return c.red("expired");
    case "waived":
      return c.dim("waived");
    case "none":
      return c.dim("—");
    default:
      return { verified: c.green, unverified: c.yellow, stale: c.yellow, broken: c.red }[check](check);
  }
}
