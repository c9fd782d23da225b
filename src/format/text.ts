// Small helpers shared by the human-readable formats.
import { countedStatus } from "../report.js";
import type { NextStep, ReportTest } from "../schema/report.js";
import type { Status } from "../schema/rubric.js";

/** Scores are already rounded to 2 decimals; print them without trailing zeros. */
export function num(n: number): string {
  return String(n);
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export const STATUS_LABEL: Record<Status, string> = {
  none: "none",
  manual: "manual",
  automated: "automated",
  "not-applicable": "n/a",
};

/**
 * The band's interval, e.g. "(1, 2]". Bands are open below, so a score equal to the lower bound
 * can only sit in the first band, which holds it: "[0, 0]".
 */
export function interval(band: { min: number; max: number }, score: number): string {
  return `${score === band.min ? "[" : "("}${num(band.min)}, ${num(band.max)}]`;
}

/**
 * Wraps prose to `width` columns at spaces, keeping existing line breaks (lists stay lists).
 * Continuation lines get `hang`, by default the line's own indent (plus two under a "- " item).
 * A word longer than the width (a link, say) stays whole on a line of its own.
 */
export function wrap(text: string, width: number, indent = "", hang?: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      if (!line.trim()) return "";
      const lead = indent + (/^\s*/.exec(line)?.[0] ?? "");
      const next = hang ?? lead + (/^\s*[-*] /.test(line) ? "  " : "");
      const lines: string[] = [];
      let current = lead;
      for (const word of line.trim().split(/ +/)) {
        const candidate = current.trim() ? `${current} ${word}` : `${current}${word}`;
        if (candidate.length > width && current.trim()) {
          lines.push(current);
          current = `${next}${word}`;
        } else current = candidate;
      }
      lines.push(current);
      return lines.join("\n");
    })
    .join("\n");
}

const POINTER_KINDS = ["path", "doc", "ci", "report", "url"] as const;

/** An evidence pointer taken apart for display: its kind, what it points at, and its options. */
export function pointerParts(pointer: Record<string, string | boolean>): { kind: string; target: string; details: string[] } {
  const kind = POINTER_KINDS.find((k) => Object.hasOwn(pointer, k)) ?? Object.keys(pointer)[0] ?? "?";
  const details: string[] = [];
  if (typeof pointer.runs === "string") details.push(`runs "${pointer.runs}"`);
  if (pointer.scheduled === true) details.push("scheduled");
  if (typeof pointer.cases === "string") details.push(`cases "${pointer.cases}"`);
  return { kind, target: String(pointer[kind]), details };
}

/** The evidence file as seen from where mltest ran, for annotations and SARIF locations. */
export function evidencePath(project: { dir: string; evidenceFile: string }): string {
  return project.dir === "." ? project.evidenceFile : `${project.dir}/${project.evidenceFile}`;
}

/** "Next, manual (+0.5 to data): <action>": one move, the same words in every format. */
export function describeStep(step: { section: string; to: string; gain: number; action: string }): string {
  return `Next, ${step.to} (+${num(step.gain)} to ${step.section}): ${step.action}`;
}

/** What is wrong with a test's evidence, one line each; empty when nothing is. */
export function evidenceProblems(test: ReportTest): string[] {
  const problems = (test.verification?.findings ?? [])
    .filter((f) => f.result !== "ok" && f.result !== "info")
    .map((f) => `${f.result}: ${f.pointer}: ${f.message}`);
  if (test.waiver?.expired) problems.push(`waiver expired on ${test.waiver.expires}: the test counts as none`);
  return problems;
}

/**
 * What a CI annotation should say about a test, or nothing when it is automated with evidence
 * that holds (or waived): "warning" when it counts as none, "note" otherwise.
 */
export function attention(test: ReportTest, step: NextStep | undefined): { severity: "warning" | "note"; message: string } | undefined {
  const counted = countedStatus(test);
  const problems = evidenceProblems(test);
  if ((counted === "automated" || counted === "not-applicable") && problems.length === 0) return undefined;
  const parts = [counted === test.status ? `${test.status}.` : `claimed ${test.status}, counts as none.`];
  if (problems.length > 0) parts.push(`Evidence: ${problems.join("; ")}.`);
  if (step) parts.push(describeStep(step));
  return { severity: counted === "none" ? "warning" : "note", message: parts.join(" ") };
}

export { countedStatus };
