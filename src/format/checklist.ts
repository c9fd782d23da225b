// The checklist for a production-readiness review: a Markdown document to show on a screen,
// print, paste into meeting notes and fill in. Its first lines say where the project stands and
// what to do next; it ends with the action items (the only checkboxes, each with an owner and a
// due date to fill in) and the decision. `brief` gives the same meeting as a short agenda.
// No line is wider than 100 characters outside links; user text is escaped (see mdProse()), and
// only evidence inside the project becomes a link.
import { posix } from "node:path";
import type { HistoryEntry } from "../schema/history.js";
import type { NextStep, Report, ReportTest } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";
import { mdProse as md, mdCode, mdUrl } from "./escape.js";
import { countedStatus, describeStep, evidenceProblems, interval, num, pointerParts, wrap } from "./text.js";

const WIDTH = 100;
/** Action items of the full document; the rest are in the sections' "Next" lines. */
const AGENDA_ITEMS = 8;
/** The brief form's limits, which keep it under 60 lines for the examples, changes and all. */
const BRIEF = { actions: 5, changes: 5, attention: 3 };

/** The commit the checklist was made at, read from the project's .git folder; `why` when unknown. */
export interface CommitInfo {
  commit?: string;
  branch?: string;
  why?: string;
}

/** An earlier review to compare with: a JSON report (--baseline) or a recorded run. */
export interface PreviousReview {
  /** What it was, as words: "the report reports/old.json", "the run recorded on 2026-10-01". */
  label: string;
  date: string;
  final?: number;
  rubric: { id: string; version: string };
  /** Each test's claimed status, and its points when known (a recorded run keeps statuses only). */
  tests: Map<string, { status: Status; points?: number }>;
}

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

export function previousFromReport(report: Report, file: string): PreviousReview {
  return {
    label: `the report ${file} (as of ${report.asOf})`,
    date: report.asOf,
    final: report.final.score,
    rubric: { id: report.rubric.id, version: report.rubric.version },
    tests: new Map(report.sections.flatMap((s) => s.tests.map((t) => [t.id, { status: t.status, points: t.points }] as const))),
  };
}

export function previousFromHistory(entry: HistoryEntry): PreviousReview {
  const commit = entry.commit ? `, commit ${entry.commit.slice(0, 12)}` : "";
  return {
    label: `the run recorded on ${entry.date}${commit}`,
    date: entry.date,
    final: entry.final,
    rubric: { id: entry.rubric.id, version: entry.rubric.version },
    tests: new Map(Object.entries(entry.statuses).map(([id, status]) => [id, { status }] as const)),
  };
}

/** The run a review compares with: the newest recorded on or before `asOf` (file order breaks ties). */
export function lastRecorded(entries: HistoryEntry[], asOf: string): HistoryEntry | undefined {
  let last: HistoryEntry | undefined;
  for (const entry of entries) if (entry.date <= asOf && (!last || entry.date >= last.date)) last = entry;
  return last;
}

/** One test whose status or points changed since the last review. */
export interface TestChange {
  test: ReportTest;
  before?: { status: Status; points?: number };
}

export function changesSince(report: Report, previous: PreviousReview): { changed: TestChange[]; removed: string[] } {
  const samePoints = previous.rubric.id === report.rubric.id && previous.rubric.version === report.rubric.version;
  const changed: TestChange[] = [];
  const seen = new Set<string>();
  for (const test of report.sections.flatMap((s) => s.tests)) {
    seen.add(test.id);
    const before = previous.tests.get(test.id);
    if (!before) changed.push({ test });
    else if (before.status !== test.status || (samePoints && before.points !== undefined && before.points !== test.points)) {
      // Points from another rubric are on another scale: not shown.
      changed.push({ test, before: samePoints ? before : { status: before.status } });
    }
  }
  return { changed, removed: [...previous.tests.keys()].filter((id) => !seen.has(id)) };
}

export function formatChecklist(report: Report, options: ChecklistOptions = {}): string {
  const { final, gate } = report;
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
  const brief = options.brief === true;
  const base = options.linkBase ?? report.project.dir;

  const out: string[] = [
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
    ...(final.claimed !== final.score && !brief
      ? para(`- Claimed: ${num(final.claimed)}; claims whose evidence does not hold count less`, "  ")
      : []),
    ...(final.withoutWaivers !== final.score && !brief
      ? para(`- Without waivers: ${num(final.withoutWaivers)}, if every not-applicable test counted as none`, "  ")
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

  const shown = options.sections?.length ? report.sections.filter((s) => options.sections!.includes(s.id)) : report.sections;
  const changes = options.previous ? changesSince(report, options.previous) : undefined;
  if (options.previous && changes) out.push(...changedSection(report, options.previous, changes, brief));

  if (brief) {
    out.push("## Sections", "");
    for (const section of shown) {
      const counts = new Map<string, number>();
      for (const t of section.tests) counts.set(countedStatus(t), (counts.get(countedStatus(t)) ?? 0) + 1);
      const tally = (["automated", "manual", "none", "not-applicable"] as const)
        .filter((s) => counts.has(s))
        .map((s) => `${counts.get(s)} ${s === "not-applicable" ? "not applicable" : s}`)
        .join(", ");
      const claimed = section.claimed !== section.score ? `, claimed ${num(section.claimed)}` : "";
      out.push(...para(`- ${md(section.title)}: ${num(section.score)} / ${num(section.max)}${claimed} (${tally})`, "  "));
    }
    out.push("");
    const attention = shown.flatMap((s) => s.tests).filter((t) => evidenceProblems(t).length > 0 || countedStatus(t) !== t.status);
    if (attention.length > 0) {
      out.push("## Needs attention", "");
      const limit = fitting(attention.length, BRIEF.attention);
      for (const test of attention.slice(0, limit)) out.push(...para(`- **${md(test.id)}** ${md(test.title)}: ${statusWords(test)}`, "  "));
      if (attention.length > limit) out.push(`- ${attention.length - limit} more in the full checklist`);
      out.push("");
    }
  } else {
    const next = new Map(report.nextSteps.map((s) => [s.test, s]));
    for (const section of shown) {
      const tests = section.tests.filter((t) => !(options.onlyMissing && countedStatus(t) === "automated"));
      const claimed = section.claimed !== section.score ? ` (claimed ${num(section.claimed)})` : "";
      out.push(heading(`## `, section.title, `: ${num(section.score)} / ${num(section.max)}${claimed}`), "");
      if (tests.length === 0) out.push("Every test in this section is automated.", "");
      for (const test of tests) out.push(...item(test, next.get(test.id), base), "");
    }
  }

  out.push(...actionItems(report, brief ? agenda.slice(0, BRIEF.actions) : agenda, brief));
  out.push(
    "## Decision",
    "",
    "Circle or tick one: **Go** · **No-go** · **Go with conditions**",
    "",
    "- Conditions (for go with conditions):",
    "- Approver:",
    "- Date:",
    ...(brief ? [] : ["- Attendees:"]),
    "- Next review:",
  );
  return `${out.join("\n")}\n`;
}

function commitLine(info: CommitInfo | undefined): string {
  if (info?.commit) return `${info.commit}${info.branch ? ` (branch ${md(info.branch)})` : ""}`;
  return `unknown${info?.why ? ` (${md(info.why)})` : ""}`;
}

/** "Changed since the last review": tests whose claimed status or counted points moved. */
function changedSection(
  report: Report,
  previous: PreviousReview,
  changes: { changed: TestChange[]; removed: string[] },
  brief: boolean,
): string[] {
  const out = ["## Changed since the last review", ""];
  const finalMove =
    previous.final !== undefined &&
    previous.rubric.id === report.rubric.id &&
    previous.rubric.version === report.rubric.version &&
    previous.final !== report.final.score;
  out.push(
    ...para(
      `Compared with ${md(previous.label)}` +
        (finalMove ? `: the final score went from ${num(previous.final!)} to ${num(report.final.score)}.` : ".") +
        (previous.rubric.id !== report.rubric.id || previous.rubric.version !== report.rubric.version
          ? ` It was scored with ${md(previous.rubric.id)} ${md(previous.rubric.version)}: statuses are compared, points are not.`
          : ""),
    ),
    "",
  );
  const { changed, removed } = changes;
  if (changed.length === 0 && removed.length === 0) return [...out, "No test's status or points changed.", ""];
  const limit = brief ? fitting(changed.length, BRIEF.changes) : changed.length;
  for (const { test, before } of changed.slice(0, limit)) {
    let what: string;
    const words = (status: Status) => (status === "not-applicable" ? "not applicable" : status);
    if (!before) what = `new since then: ${words(test.status)}, ${num(test.points)} ${test.points === 1 ? "point" : "points"}`;
    else {
      const status = before.status === test.status ? words(test.status) : `${words(before.status)} → ${words(test.status)}`;
      const unit = (n: number) => (n === 1 ? "point" : "points");
      const points =
        before.points === undefined
          ? `now ${num(test.points)} ${unit(test.points)}`
          : before.points === test.points
            ? `${num(test.points)} ${unit(test.points)}`
            : `${num(before.points)} → ${num(test.points)} ${unit(test.points)}`;
      what = `${status}, ${points}`;
    }
    // The brief form names the test by its id alone: one line each.
    out.push(...para(`- **${md(test.id)}**${brief ? "" : ` ${md(test.title)}`}: ${what}`, "  "));
  }
  if (changed.length > limit) out.push(`- ${changed.length - limit} more in the full checklist`);
  if (removed.length > 0) out.push(...para(`- No longer in the rubric: ${md(removed.join(", "))}`, "  "));
  return [...out, ""];
}

/** The agenda's moves as action items: the document's only checkboxes, each with owner and due fields. */
function actionItems(report: Report, agenda: NextStep[], brief: boolean): string[] {
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

/** How many of `count` items a list of at most `lines` lines shows, a "n more" line included. */
function fitting(count: number, lines: number): number {
  return count <= lines ? count : lines - 1;
}

/** The weakest sections' moves first: under `min` only they raise the final score. */
function agendaOf(report: Report): NextStep[] {
  const weakest = new Set(report.final.weakest);
  const first = report.nextSteps.filter((s) => weakest.has(s.section));
  const rest = report.nextSteps.filter((s) => !weakest.has(s.section));
  return [...first, ...rest].slice(0, AGENDA_ITEMS);
}

/** A test's status as words: the claim, what mltest could check of it, and what counts. */
export function statusWords(test: ReportTest): string {
  if (test.disabled !== undefined) return `disabled by the rubric: ${md(test.disabled)}`;
  if (test.status === "not-applicable")
    return test.waiver?.expired ? `waiver expired on ${test.waiver.expires}: counts as none` : "not applicable (waived)";
  if (test.status === "none") return "none";
  const state = test.verification?.state;
  if (state === "broken") return `broken (claimed ${test.status}, counts as none)`;
  const counts = test.points < test.claimed ? ", counts as none" : "";
  if (state === "verified") return `verified ${test.status}`;
  return state ? `${test.status}, ${state}${counts}` : `${test.status}${counts}`;
}

function item(test: ReportTest, step: NextStep | undefined, base: string): string[] {
  const facts = [
    `Status: ${statusWords(test)}`,
    `Owner: ${test.owner ? md(test.owner) : "none named"}`,
    `Last verified: ${test.verified ?? "never recorded"}`,
    ...(test.waiver?.approvedBy ? [`Waiver approved by: ${md(test.waiver.approvedBy)}`] : []),
    ...(test.waiver?.expires && !test.waiver.expired ? [`Waiver expires: ${test.waiver.expires}`] : []),
  ];
  const details = [facts.join(" · ")];
  if (test.reason) details.push(`Reason: ${md(test.reason)}`);
  const broken = new Set(test.verification?.findings.filter((f) => f.result === "broken").map((f) => f.pointer));
  for (const pointer of test.evidence) {
    const { kind, target, details: options } = pointerParts(pointer);
    const isBroken = broken.has(`${kind} ${target}`);
    details.push(
      `Evidence: ${kind} ${evidenceLink(kind, target, base, isBroken)}${isBroken ? " (broken)" : ""}${options.length ? ` (${md(options.join(", "))})` : ""}`,
    );
  }
  details.push(...evidenceProblems(test).map((problem) => `Problem: ${md(problem)}`));
  if (step) details.push(md(describeStep(step)));
  return [...para(`- **${md(test.id)}** ${md(test.title)}`, "  "), ...details.flatMap((d) => para(`  - ${d}`, "    "))];
}

/**
 * A pointer as a Markdown link: a file inside the project, relative to `base`; an http(s) URL as
 * it is. Anything else (a path that leaves the project, a pattern, a broken pointer, another
 * scheme) is shown as text.
 */
function evidenceLink(kind: string, target: string, base: string, broken: boolean): string {
  if (kind === "url") {
    return !broken && /^https?:\/\/\S/i.test(target) ? `<${target.replace(/[<>\s]/g, encodeURIComponent)}>` : mdCode(target);
  }
  const file = kind === "ci" ? target.split("#")[0]! : target;
  const inside = insideProject(file);
  if (broken || inside === undefined || /[*?[\]{}]/.test(file)) return mdCode(target);
  const path = base === "." ? `./${inside}` : `${base}/${inside}`;
  const href = mdUrl(encodeURI(path).replace(/[#?]/g, encodeURIComponent));
  return `[${md(target)}](${href})`;
}

/** A relative path that stays inside the project, normalized; undefined for any other. */
function insideProject(file: string): string | undefined {
  if (file === "" || /[\\\u0000-\u001F]/.test(file) || file.startsWith("/") || /^[A-Za-z]:/.test(file)) return undefined;
  const normal = posix.normalize(file);
  if (normal === ".." || normal.startsWith("../") || normal.startsWith("/")) return undefined;
  return normal === "." ? undefined : normal.replace(/\/$/, "");
}

/** A heading, which cannot wrap: user text in it is cut to keep the line within the page. */
function heading(prefix: string, text: string, suffix = ""): string {
  const room = WIDTH - prefix.length - suffix.length;
  const chars = [...text];
  const cut = chars.length > room ? `${chars.slice(0, Math.max(room - 1, 1)).join("")}…` : text;
  let line = `${prefix}${md(cut)}${suffix}`;
  // Escaping can lengthen the text; cut further until the line fits.
  for (let n = [...cut].length - 1; [...line].length > WIDTH && n > 1; n--)
    line = `${prefix}${md(`${chars.slice(0, n).join("")}…`)}${suffix}`;
  return line;
}

/** A paragraph wrapped to the page width; continuation lines get `hang`. Links are never split. */
function para(text: string, hang = ""): string[] {
  return wrap(text, WIDTH, "", hang).split("\n");
}
