// CI thresholds as data, evaluated by one pure function (cf. Lighthouse CI assertions).
// The shapes are the report schema's (src/schema/report.ts), and the thresholds the evidence file's.
import type { Gate } from "../schema/evidence.js";
import type { GateCheck, GateRaise, ReportGate } from "../schema/report.js";
import { own } from "../util/own.js";
import { exceedsBy } from "./exact.js";
import type { Scores } from "./score.js";

export type { GateCheck, GateRaise };

/** A final minimum and section floors: from the command line, the evidence file or a rubric preset. */
export type Thresholds = Pick<Gate, "minScore" | "minSection">;

/**
 * The report's gate without the preset it came from (src/report.ts adds that); `raise` lists the
 * thresholds the score clears by RAISE_MARGIN or more: they could be raised.
 */
export type GateResult = Omit<ReportGate, "preset">;

/** How far above a threshold a score must be before mltest suggests raising it. */
export const RAISE_MARGIN = 0.5;

/** Command-line thresholds replace the file's, key by key. */
export function mergeThresholds(file: Thresholds | undefined, cli: Thresholds): Thresholds {
  return {
    minScore: cli.minScore ?? file?.minScore,
    minSection: { ...file?.minSection, ...cli.minSection },
  };
}

export function evaluateGate(scores: Scores, thresholds: Thresholds): GateResult {
  const checks: GateCheck[] = [];
  if (thresholds.minScore !== undefined) {
    checks.push(check("final", "final score", scores.final.score, thresholds.minScore));
  }
  // Rubric order, whatever order the thresholds were written in.
  for (const section of scores.sections) {
    const floor = own(thresholds.minSection, section.id);
    if (floor !== undefined) checks.push(check(`section:${section.id}`, `section "${section.id}"`, section.score, floor));
  }
  // A threshold lowered once to let a build through should not stay low: say when it can rise,
  // to the highest half point the score clears.
  const raise = checks
    .filter((c) => c.passed && exceedsBy(c.actual, c.expected, RAISE_MARGIN))
    .map((c): GateRaise => {
      const suggested = Math.floor(c.actual * 2) / 2;
      const what = c.target === "final" ? "the final score's minimum" : `the ${c.target.slice("section:".length)} floor`;
      return {
        target: c.target,
        expected: c.expected,
        actual: c.actual,
        suggested,
        message: `${what} can be raised from ${c.expected} to ${suggested}: the score is ${c.actual}`,
      };
    });
  return { passed: checks.every((c) => c.passed), checks, ...(raise.length > 0 && { raise }) };
}

function check(target: string, what: string, actual: number, expected: number): GateCheck {
  const passed = actual >= expected;
  const message = passed ? `${what} ${actual} meets the minimum ${expected}` : `${what} ${actual} is below the minimum ${expected}`;
  return { target, expected, actual, passed, message };
}
