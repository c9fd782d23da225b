// What changed between two reports of one project: section and final scores, each test's status
// and verification state. Pure. Reports from different rubric versions are compared test by test;
// tests only one side has are listed, never guessed at.
// A change and the lists of them are the report schema's `baseline` (src/schema/report.ts).
import { countedStatus } from "./report.js";
import type { Change, Report, ReportBaseline, VerificationState } from "./schema/report.js";
import type { Status } from "./schema/rubric.js";

export type { Change };

/**
 * The report's `baseline` without its file; `rubricNote` (the baseline's `note`) is set when the
 * two reports were scored with different rubrics or rubric versions.
 */
export type Comparison = Omit<ReportBaseline, "file" | "note"> & { rubricNote?: string };

const STATUS_RANK: Record<Status, number> = { none: 0, "not-applicable": 1, manual: 1, automated: 2 };
const STATE_RANK: Record<VerificationState, number> = { broken: 0, stale: 1, unverified: 2, verified: 3 };

export function compare(before: Report, after: Report): Comparison {
  const changes: Change[] = [];
  // Scores on different rubrics are on different scales (the 2016 edition doubles them): only
  // statuses and evidence states compare across rubrics.
  const sameRubric = before.rubric.id === after.rubric.id && before.rubric.version === after.rubric.version;
  const score = (target: string, what: string, a: number, b: number) => {
    if (!sameRubric) return;
    if (a !== b)
      changes.push({
        target,
        before: String(a),
        after: String(b),
        direction: b > a ? 1 : -1,
        message: `${what} ${b > a ? "rose" : "dropped"} from ${a} to ${b}`,
      });
  };
  score("final", "final score", before.final.score, after.final.score);
  const oldSections = new Map(before.sections.map((s) => [s.id, s]));
  for (const section of after.sections) {
    const old = oldSections.get(section.id);
    if (old) score(`section:${section.id}`, `section "${section.id}"`, old.score, section.score);
  }

  const oldTests = new Map(before.sections.flatMap((s) => s.tests.map((t) => [t.id, t] as const)));
  const newTests = new Map(after.sections.flatMap((s) => s.tests.map((t) => [t.id, t] as const)));
  for (const [id, test] of newTests) {
    const old = oldTests.get(id);
    if (!old) continue;
    const [a, b] = [countedStatus(old), countedStatus(test)];
    if (a !== b && STATUS_RANK[a] !== STATUS_RANK[b]) {
      const direction = STATUS_RANK[b] > STATUS_RANK[a] ? 1 : -1;
      changes.push({
        target: `test:${id}`,
        before: a,
        after: b,
        direction,
        message: `${id} ${direction > 0 ? "rose" : "fell"} from ${a} to ${b}`,
      });
    }
    const [sa, sb] = [old.verification?.state, test.verification?.state];
    if (sa && sb && sa !== sb) {
      const direction = STATE_RANK[sb] > STATE_RANK[sa] ? 1 : -1;
      changes.push({ target: `test:${id}`, before: sa, after: sb, direction, message: `${id} evidence went from ${sa} to ${sb}` });
    }
  }
  return {
    regressions: changes.filter((c) => c.direction < 0),
    improvements: changes.filter((c) => c.direction > 0),
    added: [...newTests.keys()].filter((id) => !oldTests.has(id)),
    removed: [...oldTests.keys()].filter((id) => !newTests.has(id)),
    ...(!sameRubric && {
      rubricNote: `different rubrics (${before.rubric.id} ${before.rubric.version} → ${after.rubric.id} ${after.rubric.version}): compared test by test; scores are on different scales and are not compared`,
    }),
  };
}

/**
 * The report judged against a baseline: every regression becomes a failed gate check (so every
 * format shows it and the exit code follows), and the comparison is kept in `baseline`.
 */
export function withBaseline(report: Report, baseline: Report, file: string): Report {
  const result = compare(baseline, report);
  const checks = result.regressions.map((r) => {
    const numeric = (v: string) => (Number.isFinite(Number(v)) ? Number(v) : 0);
    return {
      target: `baseline:${r.target}`,
      expected: numeric(r.before),
      actual: numeric(r.after),
      passed: false,
      message: `regressed against the baseline: ${r.message}`,
    };
  });
  return {
    ...report,
    gate: { ...report.gate, passed: report.gate.passed && checks.length === 0, checks: [...report.gate.checks, ...checks] },
    baseline: {
      file,
      regressions: result.regressions,
      improvements: result.improvements,
      added: result.added,
      removed: result.removed,
      ...(result.rubricNote !== undefined && { note: result.rubricNote }),
    },
  };
}
