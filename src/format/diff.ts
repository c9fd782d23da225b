// `mltest diff OLD NEW`: what changed between two reports, for a terminal, a PR comment or a script.
import { Chalk } from "chalk";
import type { Comparison } from "../compare.js";
import type { Report } from "../schema/report.js";
import { md, plain } from "./escape.js";
import type { CiSafeStyles, ColorContext, Formats } from "./registry.js";
import { num } from "./text.js";

/** Two reports of one project, and what changed from the first to the second (compare.ts). */
export interface DiffInput {
  before: Report;
  after: Report;
  diff: Comparison;
}

export const DIFF_FORMATS = {
  table: diffTable,
  markdown: diffMarkdown,
  json: diffJson,
} satisfies Formats<DiffInput, ColorContext>;

export type DiffFormat = keyof typeof DIFF_FORMATS;

export const DIFF_CI_SAFE_STYLE: CiSafeStyles<typeof DIFF_FORMATS> = { table: "text", markdown: "text", json: "json" };

/** Each section's score before (undefined when the old report has no such section) and after. */
function sectionScores({ before, after }: DiffInput): { id: string; before: number | undefined; after: number }[] {
  return after.sections.map((s) => {
    const old = before.sections.find((o) => o.id === s.id);
    return { id: s.id, before: old?.score, after: s.score };
  });
}

/** "+0.5", "-1", "±0", or "new" for a section only the new report has. */
function delta(a: number | undefined, b: number): string {
  return a === undefined ? "new" : b === a ? "±0" : `${b > a ? "+" : ""}${num(Math.round((b - a) * 100) / 100)}`;
}

function diffJson(input: DiffInput): string {
  const { before, after, diff } = input;
  return `${JSON.stringify({ project: after.project.name, before: { asOf: before.asOf, final: before.final.score }, after: { asOf: after.asOf, final: after.final.score }, sections: sectionScores(input), ...diff }, null, 2)}\n`;
}

function diffMarkdown(input: DiffInput): string {
  const { before, after, diff } = input;
  return `${[
    `## ML Test Score: ${md(after.project.name)}, ${before.asOf} → ${after.asOf}`,
    "",
    ...(diff.rubricNote ? [`> ${md(diff.rubricNote)}`, ""] : []),
    "| | Before | After | Change |",
    "|---|---:|---:|---:|",
    `| **final** | ${num(before.final.score)} | ${num(after.final.score)} | ${delta(before.final.score, after.final.score)} |`,
    ...sectionScores(input).map(
      (s) => `| ${md(s.id)} | ${s.before === undefined ? "—" : num(s.before)} | ${num(s.after)} | ${delta(s.before, s.after)} |`,
    ),
    "",
    ...(diff.regressions.length ? ["### Regressions", "", ...diff.regressions.map((r) => `- ❌ ${md(r.message)}`), ""] : []),
    ...(diff.improvements.length ? ["### Improvements", "", ...diff.improvements.map((r) => `- ✅ ${md(r.message)}`), ""] : []),
    ...(diff.added.length ? [`Tests only in the new report: ${diff.added.map(md).join(", ")}.`, ""] : []),
    ...(diff.removed.length ? [`Tests only in the old report: ${diff.removed.map(md).join(", ")}.`, ""] : []),
    ...(diff.regressions.length + diff.improvements.length === 0 ? ["No change in any score, status or evidence state.", ""] : []),
  ]
    .join("\n")
    .trimEnd()}\n`;
}

function diffTable(input: DiffInput, { color }: ColorContext): string {
  const { before, after, diff } = input;
  const c = new Chalk({ level: color ? 1 : 0 });
  const out = [
    `${c.bold(plain(after.project.name))} · ${before.asOf} → ${after.asOf}`,
    ...(diff.rubricNote ? [c.yellow(plain(diff.rubricNote))] : []),
    "",
  ];
  out.push(
    `  ${"final".padEnd(12)} ${num(before.final.score).padStart(6)} → ${num(after.final.score).padEnd(6)} ${delta(before.final.score, after.final.score)}`,
  );
  for (const s of sectionScores(input))
    out.push(
      `  ${s.id.padEnd(12)} ${(s.before === undefined ? "—" : num(s.before)).padStart(6)} → ${num(s.after).padEnd(6)} ${delta(s.before, s.after)}`,
    );
  if (diff.regressions.length) out.push("", c.red(c.bold("Regressions")), ...diff.regressions.map((r) => `  ✗ ${plain(r.message)}`));
  if (diff.improvements.length) out.push("", c.green(c.bold("Improvements")), ...diff.improvements.map((r) => `  ✓ ${plain(r.message)}`));
  if (diff.added.length) out.push("", `Only in the new report: ${diff.added.join(", ")}`);
  if (diff.removed.length) out.push("", `Only in the old report: ${diff.removed.join(", ")}`);
  if (diff.regressions.length + diff.improvements.length === 0) out.push("", "No change in any score, status or evidence state.");
  return `${out.join("\n")}\n`;
}
