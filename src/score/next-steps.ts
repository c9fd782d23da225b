// The cheapest moves that raise the score: the weakest section first, and within a section
// first the claims that do not count yet (the work is done; only its proof is missing), then the
// tests not done at all (the first half point is the cheapest), then manual → automated.
// A step's shape is the report schema's (src/schema/report.ts).
import type { NextStep } from "../schema/report.js";
import type { Rubric, Status } from "../schema/rubric.js";
import { type Scores, type StatusOf, sectionGain, weightSum } from "./score.js";

export type { NextStep };

/** Claims that do not count in full: what the file claims, and the action that repairs it. */
export interface Repairs {
  claimed: StatusOf;
  shortfall(testId: string): string | undefined;
}

export function nextSteps(rubric: Rubric, scores: Scores, repairs?: Repairs): NextStep[] {
  const order = [...scores.sections].sort((a, b) => a.score - b.score); // stable: ties keep rubric order
  const { points } = rubric.scoring;
  return order.flatMap((scored) => {
    const section = rubric.sections.find((s) => s.id === scored.id)!;
    const applicable = scored.tests.filter((t) => t.status !== "not-applicable");
    const weights = weightSum(applicable);
    const gainOf = (weight: number, from: Status, to: "manual" | "automated") =>
      sectionGain(section, weight, from === "not-applicable" ? 0 : points[from], points[to], weights);
    const fixes: NextStep[] = applicable.flatMap((t) => {
      const claimed = repairs?.claimed(t.id);
      const action = repairs?.shortfall(t.id);
      if (!action || (claimed !== "manual" && claimed !== "automated") || (t.status !== "none" && t.status !== "manual")) return [];
      const title = section.tests.find((r) => r.id === t.id)!.title;
      return [
        {
          section: section.id,
          test: t.id,
          title,
          kind: "fix-evidence" as const,
          from: t.status,
          to: claimed,
          gain: gainOf(t.weight, t.status, claimed),
          action,
        },
      ];
    });
    const moves = (from: "none" | "manual", to: "manual" | "automated"): NextStep[] =>
      applicable
        .filter((t) => t.status === from && !fixes.some((f) => f.test === t.id))
        .map((t) => {
          const test = section.tests.find((r) => r.id === t.id)!;
          return {
            section: section.id,
            test: t.id,
            title: test.title,
            kind: "raise" as const,
            from,
            to,
            gain: gainOf(t.weight, from, to),
            action: test[to],
          };
        })
        .filter((m) => m.gain > 0)
        .sort((a, b) => b.gain - a.gain);
    return [...fixes.filter((m) => m.gain > 0), ...moves("none", "manual"), ...moves("manual", "automated")];
  });
}
