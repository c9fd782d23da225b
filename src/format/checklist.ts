// The checklist for a production-readiness review: a Markdown document to show on a screen,
// print, paste into meeting notes and fill in. Its first lines say where the project stands and
// what to do next; it ends with the action items (the only checkboxes, each with an owner and a
// due date to fill in) and the decision. `brief` gives the same meeting as a short agenda.
// No line is wider than 100 characters outside links (checklist-page.ts); user text is escaped
// (see mdProse()), and only evidence inside the project becomes a link. The parts:
//   checklist-changes.ts  changed since the last review
//   checklist-tests.ts    the sections and their tests (brief: a line per section)
//   checklist-actions.ts  the action items and the decision
import type { GitInfo } from "../history.js";
import type { Report } from "../schema/report.js";
import { actionItems, decision } from "./checklist-actions.js";
import { changedSection, type PreviousReview } from "./checklist-changes.js";
import { BRIEF, heading, para } from "./checklist-page.js";
import { briefSections, fullSections } from "./checklist-tests.js";
import { mdProse as md } from "./escape.js";
import { describeStep, interval, num } from "./text.js";
import { type ReportView, reportView } from "./view.js";

/** The commit the checklist was made at, read from the project's .git folder; `why` when unknown. */
export type CommitInfo = GitInfo & { why?: string };

export interface ChecklistOptions {
  /** Hide tests that are already automated. */
  onlyMissing?: boolean;
  /** Only these sections (all when empty). */
  sections?: string[];
  /** The short agenda form. */
  brief?: boolean;
  /** Where the project's files are, relative to where the document is read (default project.dir). */
  linkBase?: string;
  /** The commit; unknown when not given. */
  commit?: CommitInfo;
  /** The last review, for "Changed since the last review". */
  previous?: PreviousReview;
}

export function formatChecklist(report: Report, options: ChecklistOptions = {}): string {
  const view = reportView(report);
  const brief = options.brief === true;
  const shown = options.sections?.length ? view.sections.filter((s) => options.sections!.includes(s.section.id)) : view.sections;
  return `${[
    ...standing(view, options),
    ...(options.previous ? changedSection(report, options.previous, brief) : []),
    ...(brief ? briefSections(shown) : fullSections(view, shown, options.onlyMissing === true, options.linkBase ?? report.project.dir)),
    ...actionItems(view, brief ? view.agenda.slice(0, BRIEF.actions) : view.agenda, brief),
    ...decision(brief),
  ].join("\n")}\n`;
}

/** The title and where the project stands: the score, the next move, the rubric, the commit, the gate. */
function standing(view: ReportView, options: ChecklistOptions): string[] {
  const { report } = view;
  const { final, gate } = report;
  const weakest = view.weakest.map((s) => s.section);
  const bound =
    weakest.length > 2
      ? `${weakest.length} sections tie for weakest at ${num(weakest[0]!.score)}`
      : `bounded by the weakest section: ${weakest.map((s) => `${md(s.title)} (${num(s.score)} / ${num(s.max)})`).join(", ")}`;
  const first = view.agenda[0];
  const gateLine =
    view.gate === "none"
      ? "none set"
      : `${view.gate === "passed" ? "passed" : "FAILED"}: ${gate.checks.map((c) => `${c.passed ? "" : "✗ "}${c.message}`).join("; ")}`;
  const brief = options.brief === true;
  return [
    heading(`# Production-readiness review: `, report.project.name, brief ? " (brief)" : ""),
    "",
    ...para(
      `**Where we stand:** ML Test Score **${num(final.score)} / ${num(final.max)}**, ${md(final.band.label)} ` +
        `(band ${interval(final.band, final.score)}), ${bound}.`,
    ),
    "",
    // The brief form's first action item is the next move.
    ...(brief
      ? []
      : first
        ? para(`**Next:** ${md(first.test)} ${md(first.title)}: ${md(describeStep(first).replace(/^Next, /, ""))}`)
        : para("**Next:** every test is automated; keep the evidence current.")),
    ...(brief ? [] : [""]),
    `- Rubric: ${md(report.rubric.title)} ${md(report.rubric.version)} (${md(report.rubric.id)})`,
    `- As of: ${report.asOf} (the date evidence ages are counted to)`,
    ...para(`- Commit: ${commitLine(options.commit)}`, "  "),
    ...para(`- Gate: ${md(gateLine)}`, "  "),
    // The brief form leaves the finer figures to the full checklist.
    ...(view.claimed !== undefined && !brief
      ? para(`- Claimed: ${num(view.claimed)}; claims whose evidence does not hold count less`, "  ")
      : []),
    ...(view.withoutWaivers !== undefined && !brief
      ? para(`- Without waivers: ${num(view.withoutWaivers)}, if every not-applicable test counted as none`, "  ")
      : []),
    ...(brief
      ? []
      : para(
          "- Status words: verified (mltest checked the evidence), unverified (claimed, not proved), stale (proof too old), " +
            "broken (the evidence is missing: counts as none). Checkboxes are for action items only.",
          "  ",
        )),
    "",
  ];
}

function commitLine(info: CommitInfo | undefined): string {
  if (info?.commit) return `${info.commit}${info.branch ? ` (branch ${md(info.branch)})` : ""}`;
  return `unknown${info?.why ? ` (${md(info.why)})` : ""}`;
}
