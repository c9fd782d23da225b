// The cheapest moves that raise the score: the weakest section first, and within a section the
// tests not done at all (the first half point is the cheapest) before manual → automated.
import type { Rubric } from "../schema/rubric.js";
import { round2, type Scores } from "./score.js";

export interface NextStep {
  section: string;
  test: string;
  title: string;
  from: "none" | "manual";
  to: "manual" | "automated";
  /** What the move adds to its section's score. */
  gain: number;
  action: string;
}

export function nextSteps(rubric: Rubric, scores: Scores): NextStep[] {
  const order = [...scores.sections].sort((a, b) => a.score - b.score); // stable: ties keep rubric order
  const { points } = rubric.scoring;
  return order.flatMap((scored) => {
    const section = rubric.sections.find((s) => s.id === scored.id)!;
    const applicable = scored.tests.filter((t) => t.status !== "not-applicable");
    const weights = applicable.reduce((sum, t) => sum + t.weight, 0);
    const moves = (from: "none" | "manual", to: "manual" | "automated"): NextStep[] =>
      applicable
        .filter((t) => t.status === from)
        .map((t) => {
          const test = section.tests.find((r) => r.id === t.id)!;
          const gain = round2((section.tests.length * t.weight * (points[to] - points[from])) / weights);
          return { section: section.id, test: t.id, title: test.title, from, to, gain, action: test[to] };
        })
        .filter((m) => m.gain > 0)
        .sort((a, b) => b.gain - a.gain);
    return [...moves("none", "manual"), ...moves("manual", "automated")];
  });
}
