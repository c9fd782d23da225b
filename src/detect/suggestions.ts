// What detection suggests for the evidence file, test by test.
import type { Pointer } from "../schema/evidence.js";
import type { Signal } from "./detect.js";

/**
 * Per test, its signals and, unless every one only backs up others (a seed, a dependency), the
 * status the strongest suggests with the pointers that back it.
 */
export function suggestions(
  signals: Signal[],
): Map<string, { suggestion?: { status: "manual" | "automated"; evidence: Pointer[] }; signals: Signal[] }> {
  const byTest = new Map<string, Signal[]>();
  for (const s of signals) byTest.set(s.test, [...(byTest.get(s.test) ?? []), s]);
  const result = new Map<string, { suggestion?: { status: "manual" | "automated"; evidence: Pointer[] }; signals: Signal[] }>();
  for (const [test, found] of byTest) {
    if (found.every((s) => s.corroborates)) {
      result.set(test, { signals: found });
      continue;
    }
    const status = found.some((s) => s.status === "automated") ? "automated" : "manual";
    // The signals that back the status first, then the rest: a few distinct pointers in all.
    const ordered = [...found.filter((s) => s.status === status), ...found.filter((s) => s.status !== status)];
    const evidence: Pointer[] = [];
    for (const s of ordered) {
      if (evidence.length < 3 && !evidence.some((p) => JSON.stringify(p) === JSON.stringify(s.pointer))) evidence.push(s.pointer);
    }
    result.set(test, { suggestion: { status, evidence }, signals: found });
  }
  return result;
}
