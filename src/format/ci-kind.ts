// What the CI formats (JUnit, GitHub annotations) make of each test, decided in one place so the
// two agree:
//   broken       a claim with broken evidence             JUnit failure    ::error
//   expired      a waiver past its expiry date            JUnit failure    ::error
//   unproven     unverified or stale evidence             passes (strict: skipped)  ::warning
//   missing      nothing done (none)                      skipped          ::notice
//   manual       manual, with evidence that holds         passes           ::notice
//   done         automated with evidence that holds, or not-applicable (a waiver that holds, a
//                test the rubric disables): nothing to say (JUnit: passes, n/a skipped)
import type { Report, ReportTest } from "../schema/report.js";
import { evidenceProblems } from "./text.js";

export type CiKind = "broken" | "expired" | "unproven" | "missing" | "manual" | "done";

export function ciKind(test: ReportTest): CiKind {
  if (test.waiver?.expired) return "expired";
  if (test.verification?.state === "broken" || test.verification?.findings.some((f) => f.result === "broken")) return "broken";
  if (test.status === "not-applicable") return "done";
  if (evidenceProblems(test).length > 0) return "unproven";
  if (test.status === "none") return "missing";
  return test.status === "manual" ? "manual" : "done";
}

/** The broken findings of a test, one "pointer: message" each: what a failure names. */
export function brokenPointers(test: ReportTest): string[] {
  return (test.verification?.findings ?? []).filter((f) => f.result === "broken").map((f) => `${f.pointer}: ${f.message}`);
}

/**
 * The order in which a test matters, lowest first: its place among the report's next steps (the
 * weakest section first, then the cheapest moves); after them, a test with no next step (an
 * automated claim whose evidence is unproven) by the same order of sections, then the rubric's.
 * Deterministic: both orders are fixed by the report.
 */
export function importance(report: Report): (test: ReportTest) => number {
  const rank = new Map<string, number>();
  report.nextSteps.forEach((step, i) => {
    if (!rank.has(step.test)) rank.set(step.test, i);
  });
  const weakestFirst = [...report.sections].sort((a, b) => a.score - b.score); // stable: ties keep rubric order
  weakestFirst
    .flatMap((s) => s.tests)
    .forEach((test, i) => {
      if (!rank.has(test.id)) rank.set(test.id, report.nextSteps.length + i);
    });
  return (test) => rank.get(test.id) ?? Number.MAX_SAFE_INTEGER;
}
