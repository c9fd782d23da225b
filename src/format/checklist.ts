// The checklist for a production-readiness review: a Markdown document to show on a screen,
// print and tick off. Its first lines say where the project stands and what to do next.
// No line is wider than 100 characters outside links; user text is escaped (see md()).
import type { NextStep, Report, ReportTest } from "../schema/report.js";
import { md, mdCode } from "./escape.js";
import { countedStatus, describeStep, evidenceProblems, interval, num, pointerParts, STATUS_LABEL, wrap } from "./text.js";

const WIDTH = 100;
/** Items on the meeting's agenda; the rest are in the sections. */
const AGENDA_ITEMS = 8;

export interface ChecklistOptions {
  /** Hide tests that are already automated. */
  onlyMissing?: boolean;
  /** Only these sections (all when empty). */
  sections?: string[];
}

export function formatChecklist(report: Report, options: ChecklistOptions = {}): string {
  const { final, gate } = report;
  const titleOf = (id: string) => report.sections.find((s) => s.id === id)?.title ?? id;
  const weakestSections = final.weakest.map((id) => report.sections.find((x) => x.id === id)!);
  const bound =
    weakestSections.length > 2
      ? `${weakestSections.length} sections tie for weakest at ${num(weakestSections[0]!.score)}`
      : `bounded by the weakest section: ${weakestSections.map((s) => `${md(s.title)} (${num(s.score)} / ${num(s.max)})`).join(", ")}`;
  const agenda = agendaOf(report);
  const first = agenda[0];
  const gateLine =
    gate.checks.length === 0
      ? "none set"
      : `${gate.passed ? "passed" : "FAILED"}: ${gate.checks.map((c) => `${c.passed ? "" : "✗ "}${c.message}`).join("; ")}`;

  const out: string[] = [
    heading(`# Production-readiness review: `, report.project.name),
    "",
    ...para(
      `**Where we stand:** ML Test Score **${num(final.score)} / ${num(final.max)}**, ${md(final.band.label)} ` +
        `(band ${interval(final.band, final.score)}), ${bound}.`,
    ),
    "",
    ...(first
      ? para(`**Next:** ${md(first.test)} ${md(first.title)}: ${md(describeStep(first).replace(/^Next, /, ""))}`)
      : para("**Next:** every test is automated; keep the evidence current.")),
    "",
    `- Rubric: ${md(report.rubric.title)} ${md(report.rubric.version)} (${md(report.rubric.id)})`,
    `- Date: ${report.asOf}`,
    ...para(`- Gate: ${md(gateLine)}`, "  "),
    ...(final.claimed !== final.score ? para(`- Claimed: ${num(final.claimed)}; claims whose evidence does not hold count less`, "  ") : []),
    ...(final.withoutWaivers !== final.score ? para(`- Without waivers: ${num(final.withoutWaivers)}, if every not-applicable test counted as none`, "  ") : []),
    `- Legend: [x] automated with evidence that holds, full points; [ ] anything less`,
    "",
  ];

  const next = new Map(report.nextSteps.map((s) => [s.test, s]));
  const shown = options.sections?.length ? report.sections.filter((s) => options.sections!.includes(s.id)) : report.sections;
  for (const section of shown) {
    const tests = section.tests.filter((t) => !(options.onlyMissing && countedStatus(t) === "automated"));
    const claimed = section.claimed !== section.score ? ` (claimed ${num(section.claimed)})` : "";
    out.push(heading(`## `, section.title, `: ${num(section.score)} / ${num(section.max)}${claimed}`), "");
    if (tests.length === 0) out.push("Every test in this section is automated.", "");
    for (const test of tests) out.push(...item(test, next.get(test.id)), "");
  }

  out.push("## Agenda: the cheapest moves that raise the final score", "");
  if (agenda.length === 0) out.push("Nothing left to raise: every applicable test is automated.", "");
  agenda.forEach((step, i) => {
    out.push(
      ...para(
        `${i + 1}. ${md(step.test)} ${md(step.title)} (${md(titleOf(step.section))}): ${step.from} → ${step.to}, ` +
          `+${num(step.gain)}. ${md(step.action)}`,
        "   ",
      ),
    );
  });
  const more = report.nextSteps.length - agenda.length;
  if (more > 0) {
    out.push("", `${more} more move${more === 1 ? " is" : "s are"} not on this agenda; each test's "Next" line names its own.`);
  }

  out.push(
    "",
    "## Sign-off",
    "",
    "- Date:",
    "- Attendees:",
    "- Decisions:",
    "- Owners and actions:",
    "- Next review:",
  );
  return `${out.join("\n")}\n`;
}

/** The weakest sections' moves first: under `min` only they raise the final score. */
function agendaOf(report: Report): NextStep[] {
  const weakest = new Set(report.final.weakest);
  const first = report.nextSteps.filter((s) => weakest.has(s.section));
  const rest = report.nextSteps.filter((s) => !weakest.has(s.section));
  return [...first, ...rest].slice(0, AGENDA_ITEMS);
}

function item(test: ReportTest, step: NextStep | undefined): string[] {
  const box = countedStatus(test) === "automated" ? "[x]" : "[ ]";
  const status = test.disabled !== undefined ? `disabled by the rubric: ${md(test.disabled)}` : test.status === "not-applicable" ? "not applicable" : STATUS_LABEL[test.status];
  const facts = [
    `Status: ${status}`,
    `Owner: ${test.owner ? md(test.owner) : "none named"}`,
    `Last verified: ${test.verified ?? "never recorded"}`,
    ...(test.verification ? [`Evidence check: ${test.verification.state}`] : []),
    ...(test.waiver?.approvedBy ? [`Waiver approved by: ${md(test.waiver.approvedBy)}`] : []),
    ...(test.waiver?.expires ? [`Waiver ${test.waiver.expired ? "expired" : "expires"}: ${test.waiver.expires}`] : []),
  ];
  const details = [facts.join(" · ")];
  if (test.reason) details.push(`Reason: ${md(test.reason)}`);
  for (const pointer of test.evidence) {
    const { kind, target, details: options } = pointerParts(pointer);
    const shown = kind === "url" ? `<${target.replace(/[<>\s]/g, encodeURIComponent)}>` : mdCode(target);
    details.push(`Evidence: ${kind} ${shown}${options.length ? ` (${md(options.join(", "))})` : ""}`);
  }
  details.push(...evidenceProblems(test).map((problem) => `Problem: ${md(problem)}`));
  if (step) details.push(md(describeStep(step)));
  return [...para(`- ${box} **${md(test.id)}** ${md(test.title)}`, "  "), ...details.flatMap((d) => para(`  - ${d}`, "    "))];
}

/** A heading, which cannot wrap: user text in it is cut to keep the line within the page. */
function heading(prefix: string, text: string, suffix = ""): string {
  const room = WIDTH - prefix.length - suffix.length;
  const chars = [...text];
  const cut = chars.length > room ? `${chars.slice(0, Math.max(room - 1, 1)).join("")}…` : text;
  let line = `${prefix}${md(cut)}${suffix}`;
  // Escaping can lengthen the text; cut further until the line fits.
  for (let n = [...cut].length - 1; [...line].length > WIDTH && n > 1; n--) line = `${prefix}${md(`${chars.slice(0, n).join("")}…`)}${suffix}`;
  return line;
}

/** A paragraph wrapped to the page width; continuation lines get `hang`. Links are never split. */
function para(text: string, hang = ""): string[] {
  return wrap(text, WIDTH, "", hang).split("\n");
}
