// The ML Test Score, computed exactly as the paper defines it, generalised to weights.
// Pure: a rubric and each test's status in, scores out.
//
//   test     points[status]: none 0, manual 0.5, automated 1 in the 2017 edition
//   section  N × Σ(w·p) / Σ(w) over the applicable tests, N = the section's number of tests.
//            With equal weights and nothing not-applicable this is the paper's plain sum.
//            `not-applicable` tests leave both sums, so the rest are rescaled to the same max.
//   final    min over sections (the paper), or weighted-mean by section weight.
// Arithmetic is exact on the decimals the rubric writes (exact.ts). Each section score is rounded
// to 2 decimals, half away from zero; the final is taken from those printed section scores (a
// weighted mean is rounded the same way), so anyone can recompute it from a report. Everything
// downstream (gate, bands, reports) uses the rounded values.
import type { Report, ReportSection, ReportTest } from "../schema/report.js";
import type { Band, Rubric, RubricSection, Status } from "../schema/rubric.js";
import { type Decimal, decimal, mul, roundedQuotient, sub, sum } from "./exact.js";

export { round2 } from "./exact.js";

// Scores are the parts of the report (src/schema/report.ts) that scoring alone decides; the
// report adds titles, claims and evidence (src/report.ts).
export type TestScore = Pick<ReportTest, "id" | "status" | "points" | "weight">;
export type SectionScore = Pick<ReportSection, "id" | "score" | "max"> & { tests: TestScore[] };
/** The report's final score but what claims and waivers change; `weakest` are in rubric order. */
export type FinalScore = Omit<Report["final"], "claimed" | "withoutWaivers">;

export interface Scores {
  sections: SectionScore[];
  final: FinalScore;
}

export type StatusOf = (testId: string) => Status;

export function pointsFor(rubric: Rubric, status: Status): number {
  return status === "not-applicable" ? 0 : rubric.scoring.points[status];
}

/** Maxima are rounded like the scores they bound, so a full score always equals its maximum. */
export function sectionMax(rubric: Rubric, section: RubricSection): number {
  return roundedQuotient(mul(count(section), decimal(rubric.scoring.points.automated)), ONE);
}

/** The highest final score the rubric allows. */
export function maxFinal(rubric: Rubric): number {
  return aggregate(
    rubric,
    rubric.sections.map((s) => sectionMax(rubric, s)),
  );
}

const ONE: Decimal = { units: 1n, scale: 0 };
const count = (section: RubricSection): Decimal => ({ units: BigInt(section.tests.length), scale: 0 });

/** N × w × Δp / Σ(w), rounded: what moving from `from` to `to` points adds to a test of `weight`. */
export function sectionGain(section: RubricSection, weight: number, from: number, to: number, weights: Decimal): number {
  return roundedQuotient(mul(count(section), mul(decimal(weight), sub(decimal(to), decimal(from)))), weights);
}

/** Σ(w) over the given tests, exactly. */
export function weightSum(tests: { weight: number }[]): Decimal {
  return sum(tests.map((t) => decimal(t.weight)));
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
  const weighted = sum(applicable.map((t) => mul(decimal(t.weight), decimal(t.points))));
  const max = sectionMax(rubric, section);
  return {
    id: section.id,
    score: checked(roundedQuotient(mul(count(section), weighted), weightSum(applicable)), max, section.id),
    max,
    tests,
  };
}

export function score(rubric: Rubric, statusOf: StatusOf): Scores {
  const sections = rubric.sections.map((s) => scoreSection(rubric, s, statusOf));
  const max = maxFinal(rubric);
  const final = checked(
    aggregate(
      rubric,
      sections.map((s) => s.score),
    ),
    max,
    "final",
  );
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

/** The final from the rounded section scores: their minimum, or their weighted mean rounded again. */
function aggregate(rubric: Rubric, values: number[]): number {
  if (rubric.scoring.aggregate === "min") return Math.min(...values);
  const weighted = sum(rubric.sections.map((s, i) => mul(decimal(s.weight), decimal(values[i]!))));
  return roundedQuotient(weighted, weightSum(rubric.sections));
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
