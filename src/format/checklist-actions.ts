// The checklist's end: the action items (its only checkboxes, each with an owner and a due date to
// fill in) and the decision.
import type { NextStep } from "../schema/report.js";
import { para } from "./checklist-page.js";
import { mdProse as md } from "./escape.js";
import { num } from "./text.js";
import type { ReportView } from "./view.js";

/** The agenda's moves as action items, each with owner and due fields. */
export function actionItems(view: ReportView, agenda: NextStep[], brief: boolean): string[] {
  const { report } = view;
  const titleOf = (id: string) => report.sections.find((s) => s.id === id)?.title ?? id;
  const owners = new Map(report.sections.flatMap((s) => s.tests.map((t) => [t.id, t.owner] as const)));
  const out = ["## Action items: the cheapest moves that raise the final score", ""];
  if (agenda.length === 0) out.push("Nothing left to raise: every applicable test is automated.", "");
  for (const step of agenda) {
    const owner = owners.get(step.test);
    const move = `${step.from} → ${step.to}, +${num(step.gain)} to ${md(step.section)}`;
    if (brief) {
      out.push(...para(`- [ ] **${md(step.test)}** ${md(step.title)}: ${move}`, "  "));
      out.push(`  - owner: ${owner ? md(owner) : ""} · due:`);
    } else {
      out.push(...para(`- [ ] **${md(step.test)}** ${md(step.title)} (${md(titleOf(step.section))}): ${move}. ${md(step.action)}`, "  "));
      out.push(`  - owner: ${owner ? md(owner) : ""}`.trimEnd(), "  - due:", "");
    }
  }
  const more = report.nextSteps.length - agenda.length;
  if (brief) out.push("");
  if (more > 0) {
    out.push(
      `${more} more move${more === 1 ? " is" : "s are"} not listed here; ${brief ? "the full checklist names them" : `each test's "Next" line names its own`}.`,
      "",
    );
  }
  return out;
}

/** The decision, as words to circle or tick, and who made it when. */
export function decision(brief: boolean): string[] {
  return [
    "## Decision",
    "",
    "Circle or tick one: **Go** · **No-go** · **Go with conditions**",
    "",
    "- Conditions (for go with conditions):",
    "- Approver:",
    "- Date:",
    ...(brief ? [] : ["- Attendees:"]),
    "- Next review:",
  ];
}
