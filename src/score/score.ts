// The ML Test Score, computed exactly as the paper defines it, generalised to weights.
// Pure: a rubric and each test's status in, scores out.
//
//   test     points[status]: none 0, manual 0.5, automated 1 in the 2017 edition
//   section  N × Σ(w·p) / Σ(w) over the applicable tests, N = the section's number of tests.
//            With equal weights and nothing not-applicable this is the paper's plain sum.
//            `not-applicable` tests leave both sums, so the rest are rescaled to the same max.
//   final    min over sections (the paper), or weighted-mean by section weight.
// Section and final scores are rounded to 2 decimals here, once; everything downstream
// (gate, bands, reports) uses the rounded values.
import type { Band, Rubric, RubricSection, Status } from "../schema/rubric.js";

export interface TestScore {
  id: string;
  status: Status;
  points: number;
  weight: number;
}

export interface SectionScore {
  id: string;
  score: number;
  max: number;
  tests: TestScore[];
}

export interface FinalScore {
  score: number;
  max: number;
  aggregate: Rubric["scoring"]["aggregate"];
  /** Ids of the sections with the lowest score, in rubric order. */
  weakest: string[];
  band: { label: string; min: number; max: number };
}

export interface Scores {
  sections: SectionScore[];
  final: FinalScore;
}

export type StatusOf = (testId: string) => Status;

export function round2(x: number): number {
  return Math.round((x + Number.EPSILON) * 100) / 100;
}

export function pointsFor(rubric: Rubric, status: Status): number {
  return status === "not-applicable" ? 0 : rubric.scoring.points[status];
}

/** Maxima are rounded like the scores they bound, so a full score always equals its maximum. */
export function sectionMax(rubric: Rubric, section: RubricSection): number {
  return round2(section.tests.length * rubric.scoring.points.automated);
}

/** The highest final score the rubric allows. */
export function maxFinal(rubric: Rubric): number {
  return round2(aggregate(rubric, rubric.sections.map((s) => sectionMax(rubric, s))));
}

/** A sum that does not depend on the order of its terms (floating point addition does). */
function sum(terms: { key: string; value: number }[]): number {
  return [...terms].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).reduce((total, t) => total + t.value, 0);
}

export function scoreSection(rubric: Rubric, section: RubricSection, statusOf: StatusOf): SectionScore {
  const tests = section.tests.map((t) => {
    // A test the rubric disables is listed but scored like a not-applicable one: it leaves both sums.
    const status = t.disabled ? "not-applicable" : statusOf(t.id);
    return { id: t.id, status, points: pointsFor(rubric, status), weight: t.weight };
  });
  const applicable = tests.filter((t) => t.status !== "not-applicable");
  if (applicable.length === 0) {
    throw new Error(`section "${section.id}" has no applicable test; the evidence loader must reject this`);
  }
  const weighted = sum(applicable.map((t) => ({ key: t.id, value: t.weight * t.points })));
  const weights = sum(applicable.map((t) => ({ key: t.id, value: t.weight })));
  const max = sectionMax(rubric, section);
  return { id: section.id, score: checked(round2((section.tests.length * weighted) / weights), max, section.id), max, tests };
}

export function score(rubric: Rubric, statusOf: StatusOf): Scores {
  const sections = rubric.sections.map((s) => scoreSection(rubric, s, statusOf));
  const max = maxFinal(rubric);
  const final = checked(round2(aggregate(rubric, sections.map((s) => s.score))), max, "final");
  const lowest = Math.min(...sections.map((s) => s.score));
  return {
    sections,
    final: {
      score: final,
      max,
      aggregate: rubric.scoring.aggregate,
      weakest: sections.filter((s) => s.score === lowest).map((s) => s.id),
      band: bandFor(rubric.scoring.bands, final),
    },
  };
}

function aggregate(rubric: Rubric, values: number[]): number {
  if (rubric.scoring.aggregate === "min") return Math.min(...values);
  const total = sum(rubric.sections.map((s) => ({ key: s.id, value: s.weight })));
  return sum(rubric.sections.map((s, i) => ({ key: s.id, value: values[i]! * s.weight }))) / total;
}

/** Bands are open below and closed above; the first one also holds its lower bound, 0. */
export function bandFor(bands: Band[], value: number): FinalScore["band"] {
  const index = bands.findIndex((b) => value <= b.max);
  if (index < 0) throw new RangeError(`score ${value} is above every band; the rubric check must prevent this`);
  const band = bands[index]!;
  return { label: band.label, min: index === 0 ? 0 : bands[index - 1]!.max, max: band.max };
}

/** An out-of-range score is a bug, never something to clamp quietly. */
function checked(value: number, max: number, what: string): number {
  if (!(value >= 0 && value <= max)) throw new RangeError(`${what} score ${value} is outside 0..${max}`);
  return value;
}
