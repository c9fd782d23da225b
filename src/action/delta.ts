// A pull request's change against its base, per project: compared with the code `mltest diff`
// runs (compare, DIFF_FORMATS), judged (did anything change, did anything get worse) and written as
// one line (a check run's title) and as Markdown (the job summary and the comment). Report text
// is escaped with mdProse: it can come from an artifact a fork's job wrote, and must not even
// become a bare link or a mention. Pure.
import { type Comparison, compare } from "../compare.js";
import { DIFF_FORMATS } from "../format/diff.js";
import { mdProse as md } from "../format/escape.js";
import { num, plural } from "../format/text.js";
import type { Report } from "../schema/report.js";

/** Marks the action's pull-request comment, so that a later run edits it rather than adding another. */
export const MARKER = "<!-- mltest-pr-delta -->";

export interface ProjectDelta {
  /** The project folder, as the action was given it. */
  dir: string;
  head?: Report;
  /** Why the head has no report. */
  headError?: string;
  base?: Report;
  /** Why there is no base to compare with: said as such, never as "everything is new". */
  noBase?: string;
}

const comparisonOf = (d: ProjectDelta): Comparison | undefined => (d.base && d.head ? compare(d.base, d.head) : undefined);

/** Something got worse: a score, a test's status or an evidence state (what `mltest diff` lists as a regression). */
export function regressed(d: ProjectDelta): boolean {
  return (comparisonOf(d)?.regressions.length ?? 0) > 0;
}

/** Anything worth a comment changed: the score, a section, a test's status, an evidence state, the gate, the rubric, or the base is missing. */
export function changed(d: ProjectDelta): boolean {
  const diff = comparisonOf(d);
  if (!diff || !d.base || !d.head) return true;
  const { base, head } = d;
  const sectionMoved = head.sections.some((s) => base.sections.find((o) => o.id === s.id)?.score !== s.score);
  return (
    diff.regressions.length + diff.improvements.length + diff.added.length + diff.removed.length > 0 ||
    diff.rubricNote !== undefined ||
    base.gate.passed !== head.gate.passed ||
    base.final.score !== head.final.score ||
    sectionMoved ||
    base.sections.length !== head.sections.length
  );
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${num(Math.round(n * 100) / 100)}`;
const gateWord = (r: Report) => (r.gate.passed ? "passed" : "failed");

/** The change in one line, e.g. "score 1.5 → 2 (+0.5); monitor 1 → 1.5". `esc` makes report text safe where it goes. */
export function changeLine(d: ProjectDelta, esc: (text: string) => string): string {
  if (!d.head) return "not scored";
  if (!d.base) return `score ${num(d.head.final.score)} (no base)`;
  const { base, head } = d;
  const diff = compare(base, head);
  const same = diff.rubricNote === undefined;
  const parts: string[] = [];
  if (!same && base.rubric.id !== head.rubric.id) parts.push(`rubric ${esc(base.rubric.id)} → ${esc(head.rubric.id)}`);
  else if (!same) parts.push(`rubric ${esc(head.rubric.id)} ${esc(base.rubric.version)} → ${esc(head.rubric.version)}`);
  const [a, b] = [base.final.score, head.final.score];
  parts.push(a === b ? `score ${num(b)} (no change)` : `score ${num(a)} → ${num(b)} (${same ? signed(b - a) : "another scale"})`);
  if (same) {
    for (const s of head.sections) {
      const old = base.sections.find((o) => o.id === s.id);
      if (old && old.score !== s.score) parts.push(`${esc(s.id)} ${num(old.score)} → ${num(s.score)}`);
    }
  }
  if (base.gate.passed !== head.gate.passed) parts.push(`gate ${gateWord(base)} → ${gateWord(head)}`);
  const tests = (changes: Comparison["regressions"]) =>
    new Set(changes.filter((c) => c.target.startsWith("test:")).map((c) => c.target)).size;
  const [worse, better] = [tests(diff.regressions), tests(diff.improvements)];
  if (worse) parts.push(`${plural(worse, "test")} worse`);
  if (better) parts.push(`${plural(better, "test")} better`);
  return parts.join("; ");
}

/** Plain text on one line: a check run's title shows no Markdown. */
const plainWords = (text: string) => text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ");

/** The check run's title: each project's change line. */
export function title(deltas: ProjectDelta[]): string {
  const line =
    deltas.length === 1
      ? changeLine(deltas[0]!, plainWords)
      : deltas.map((d) => `${plainWords(d.dir)}: ${changeLine(d, plainWords)}`).join(" · ");
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/** `mltest diff --format markdown` for one project, under our heading: its own heading dropped, the rest one level down. */
function diffBody(base: Report, head: Report): string[] {
  const lines = DIFF_FORMATS.markdown({ before: base, after: head, diff: compare(base, head) })
    .trimEnd()
    .split("\n");
  const start = lines.findIndex((l, i) => i > 0 && l !== "");
  return lines.slice(start).map((l) => (/^#{2,5} /.test(l) ? `#${l}` : l));
}

const gateMark = (r: Report) => (r.gate.passed ? "✅ passed" : "❌ failed");

/** The whole delta in Markdown: one section per project. The comment adds the marker; the job summary adds the reports. */
export function deltaMarkdown(deltas: ProjectDelta[]): string {
  const several = deltas.length > 1;
  const out = ["## ML Test Score: this pull request against its base", ""];
  const dates = (side: "base" | "head") => [...new Set(deltas.flatMap((d) => (d[side] ? [d[side].asOf] : [])))].sort();
  const [before, after] = [dates("base"), dates("head")];
  if (before.length === 0 && after.length === 1) out.push(`Scored as of ${after[0]}.`, "");
  else if (before.length === 1 && after.length === 1 && before[0] === after[0]) {
    out.push(`Both sides are scored as of ${after[0]}, so evidence ages and waiver expiries do not show as changes.`, "");
  } else if (after.length > 0) {
    out.push(
      `The base is scored as of ${before.join(", ") || "—"} and the head as of ${after.join(", ")}: evidence ages differ between them.`,
      "",
    );
  }
  if (several) {
    out.push("| Project | Change | Gate |", "|---|---|---|");
    for (const d of deltas) out.push(`| ${md(d.dir)} | ${changeLine(d, md)} | ${d.head ? gateMark(d.head) : "⚠️ not scored"} |`);
    out.push("");
  }
  for (const d of deltas) {
    const name = d.head?.project.name ?? d.base?.project.name;
    out.push(`### ${name === undefined ? md(d.dir) : md(name)}${several && name !== undefined ? ` (${md(d.dir)})` : ""}`, "");
    if (!d.head) {
      out.push(`**Not scored**: ${md(d.headError ?? "the head could not be scored")}.`, "");
      continue;
    }
    out.push(`**${changeLine(d, md)}** · gate ${gateMark(d.head)}`, "");
    if (d.base) out.push(...diffBody(d.base, d.head), "");
    else {
      const { final } = d.head;
      out.push(`No base to compare with: ${md(d.noBase ?? "the base was not scored")}.`, "");
      out.push(`This pull request scores ${num(final.score)} / ${num(final.max)} (${md(final.band.label)}).`, "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
