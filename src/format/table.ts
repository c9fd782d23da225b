// The terminal report: one table per section, then what is wrong with the evidence, the final
// score, the gate and next steps. Text from the evidence file is shown, never obeyed (plain()).
import { Chalk, type ChalkInstance } from "chalk";
import type { Report, ReportTest } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import { boxed } from "./boxed.js";
import { plain } from "./escape.js";
import type { FormatContext } from "./index.js";
import { countedStatus, evidenceProblems, interval, num, STATUS_LABEL, wrap } from "./text.js";

/** Next steps shown in the terminal; the JSON report carries them all. */
const NEXT_STEPS_SHOWN = 5;

export function formatTable(report: Report, { color }: FormatContext): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [];
  out.push(
    `${c.bold(plain(report.project.name))} · ${plain(report.rubric.title)} ${plain(report.rubric.version)} (${report.rubric.id}) · ` +
      `as of ${report.asOf}${report.mode === "strict" ? ` · ${c.bold("strict")}: unverified and stale claims score 0` : ""}`,
    "",
  );

  const weighted = report.sections.some((s) => s.tests.some((t) => t.weight !== 1));
  const weakest = new Set(report.final.weakest);
  for (const section of report.sections) {
    const marker = weakest.has(section.id) ? c.red("  ← weakest") : "";
    const claimed = section.claimed !== section.score ? c.yellow(` (claimed ${num(section.claimed)})`) : "";
    out.push(`${c.bold(plain(section.title))}  ${c.bold(num(section.score))} / ${num(section.max)}${claimed}${marker}`);
    const head = ["Test", "Title", "Status", "Evidence", "Points", ...(weighted ? ["Weight"] : []), "Owner"];
    const rows = section.tests.map((test) => [
      test.id,
      plain(test.title),
      test.disabled !== undefined ? c.dim("disabled") : statusCell(c, test.status),
      checkCell(c, test),
      pointsCell(test),
      ...(weighted ? [num(test.weight)] : []),
      test.owner ? plain(test.owner) : c.dim("—"),
    ]);
    out.push(
      boxed(head, rows, (h) => c.bold(h)),
      "",
    );
  }

  const problems = report.sections.flatMap((s) => s.tests.map((t) => [t, evidenceProblems(t)] as const)).filter(([, p]) => p.length > 0);
  if (problems.length > 0) {
    out.push(c.bold("Evidence problems"));
    for (const [test, lines] of problems) {
      const counts = countedStatus(test) === test.status ? "still counts" : c.red("counts as none");
      out.push(`  ${test.id} ${plain(test.title)}: ${counts}`);
      for (const line of lines) out.push(wrap(plain(line), 96, "    ", "      "));
    }
    out.push("");
  }

  const { final } = report;
  const weakestNote = final.aggregate === "min" ? `weakest: ${final.weakest.join(", ")}` : "weighted mean of sections";
  out.push(
    `${c.bold("Final score")}  ${c.bold(num(final.score))} / ${num(final.max)}  (${final.aggregate}; ${weakestNote})`,
    `${c.bold("Band")}         ${interval(final.band, final.score)} ${plain(final.band.label)}`,
  );
  if (final.claimed !== final.score)
    out.push(`${c.bold("Claimed")}      ${num(final.claimed)}: the file claims more than its evidence supports`);
  if (final.withoutWaivers !== final.score)
    out.push(`${c.bold("No waivers")}   ${num(final.withoutWaivers)}: the score if every not-applicable waiver counted as none`);

  const { gate } = report;
  if (gate.checks.length === 0) {
    out.push(`${c.bold("Gate")}         none set (use --min-score, --min-section or gate: in the evidence file)`);
  } else {
    out.push(`${c.bold("Gate")}         ${gate.passed ? c.green("passed") : c.red("FAILED")}`);
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

  const steps = report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, NEXT_STEPS_SHOWN);
  if (steps.length > 0) {
    out.push("", c.bold(`Next steps to raise ${final.weakest.join(", ")}`));
    steps.forEach((step, i) => {
      const move = step.kind === "fix-evidence" ? `fix the evidence for ${step.to}` : `${step.from} → ${step.to}`;
      out.push(`  ${i + 1}. ${step.test} ${plain(step.title)}: ${move} (+${num(step.gain)})`, c.dim(wrap(plain(step.action), 96, "     ")));
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
  if (test.status === "not-applicable") return test.waiver?.expired ? "0" : "—";
  return test.points === test.claimed ? num(test.points) : `${num(test.points)} of ${num(test.claimed)}`;
}

/** The verification state of a claim, or a waiver's; "—" where nothing is claimed. */
function checkCell(c: ChalkInstance, test: ReportTest): string {
  if (test.waiver) return test.waiver.expired ? c.red("expired") : c.dim("waived");
  const state = test.verification?.state;
  if (!state) return c.dim("—");
  return { verified: c.green, unverified: c.yellow, stale: c.yellow, broken: c.red }[state](state);
}
