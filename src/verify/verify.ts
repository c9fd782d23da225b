// Checks every claim in the evidence file against the project's files and says, per test, what
// could be proved: verified, unverified (nothing checkable), broken (a pointer does not resolve)
// or stale (evidence older than its maximum age). Reads files; runs nothing; fetches nothing.
// Each pointer is checked in pointer.ts.
import type { Evidence, TestEvidence } from "../schema/evidence.js";
import type { Finding, Verification } from "../schema/report.js";
import type { MaxAge, Rubric, RubricSection, RubricTest } from "../schema/rubric.js";
import { own } from "../util/own.js";
import { afterAsOf, daysBetween, isAfter } from "./age.js";
import { type CiFile, readCi } from "./ci.js";
import type { ProjectReader } from "./files.js";
import { type Junit, readJunit } from "./junit.js";
import { type Context, checkPointer, kindOf } from "./pointer.js";
import { Expander, type Expansion } from "./tasks/expand.js";

// A verification and its findings are the report schema's (src/schema/report.ts). A finding's
// pointer is the pointer or field it is about, as written ("ci .github/workflows/ci.yml#lint");
// its result "info" is for what mltest cannot check (a URL, an unsupported CI system): it
// neither proves nor breaks a claim.
export type { Finding, Verification };
/** Whole days from a date to the as-of date (age.ts). */
export { daysBetween };

/** Worse states first: the state of a test is the worst of its findings. */
const SEVERITY: Record<Finding["result"], number> = { ok: 0, info: 0, unverified: 1, stale: 2, broken: 3 };

export interface VerifyInput {
  rubric: Rubric;
  evidence: Evidence;
  files: ProjectReader;
  asOf: string;
}

/** Verification of each claimed test (manual or automated), by test id. */
export function verify({ rubric, evidence, files, asOf }: VerifyInput): Map<string, Verification> {
  const ci = new Map<string, CiFile>();
  const reports = new Map<string, Junit | { ok: false; reason: string }>();
  const expander = new Expander(files);
  const reached = new Map<string, Expansion>();
  const context: Context = {
    files,
    asOf,
    // Keyed by the file itself: a hard link under a hundred names is still one file to read.
    ci: (path) => cached(ci, files.identity(path) ?? `path ${path}`, () => readCi(files, path)),
    junit: (path) =>
      cached(reports, files.identity(path) ?? `path ${path}`, () => {
        const read = files.read(path);
        return read.ok ? readJunit(read.text) : read;
      }),
    expansion: (file, id, job) => cached(reached, `${file}#${id}`, () => expander.job(file, job)),
  };
  const result = new Map<string, Verification>();
  for (const section of rubric.sections) {
    for (const test of section.tests) {
      const claim = own(evidence.tests, test.id);
      // A waiver approved after --as-of was not approved yet: it holds nothing.
      if (claim?.status === "not-applicable" && claim.approved !== undefined && isAfter(claim.approved, asOf)) {
        result.set(test.id, {
          state: "broken",
          findings: [{ pointer: `approved ${claim.approved}`, result: "broken", message: afterAsOf("the waiver's approval", asOf) }],
        });
        continue;
      }
      if (!claim || (claim.status !== "manual" && claim.status !== "automated")) continue;
      const maxAge = maxAgeFor(rubric, section, test, evidence);
      result.set(test.id, verifyClaim(claim, maxAge, context));
    }
  }
  return result;
}

function verifyClaim(claim: TestEvidence, maxAge: MaxAge, context: Context): Verification {
  const pointers = claim.evidence ?? [];
  const findings = pointers.map((p) => checkPointer(p, maxAge, context));
  const proved = (kinds: string[]) => pointers.some((p, i) => kinds.includes(kindOf(p)) && findings[i]!.result === "ok");

  if (claim.status === "manual") {
    if (!claim.verified) {
      findings.push({ pointer: "verified", result: "unverified", message: "no verified date: record when the manual run was last done" });
    } else if (isAfter(claim.verified, context.asOf)) {
      findings.push({ pointer: `verified ${claim.verified}`, result: "broken", message: afterAsOf("the manual run", context.asOf) });
    } else {
      const age = daysBetween(claim.verified, context.asOf);
      findings.push(
        maxAge.verified !== undefined && age > maxAge.verified
          ? {
              pointer: `verified ${claim.verified}`,
              result: "stale",
              message: `the manual run is ${age} days old; the limit is ${maxAge.verified}`,
            }
          : { pointer: `verified ${claim.verified}`, result: "ok", message: `${age} days old` },
      );
    }
    if (!proved(["doc", "path"])) {
      findings.push({
        pointer: "evidence",
        result: "unverified",
        message: "a manual claim needs a doc or path pointer to the written-down results",
      });
    }
  } else if (!proved(["ci", "report"])) {
    findings.push({
      pointer: "evidence",
      result: "unverified",
      message: "an automated claim needs a ci or report pointer that shows the test runs",
    });
  }
  const worst = findings.reduce((w, f) => (SEVERITY[f.result] > SEVERITY[w] ? f.result : w), "ok" as Finding["result"]);
  return { state: worst === "ok" || worst === "info" ? "verified" : worst, findings };
}

/** Rubric defaults (rubric, section, test), then the evidence file's (file, test): the last set wins. */
export function maxAgeFor(rubric: Rubric, section: RubricSection, test: RubricTest, evidence: Evidence): MaxAge {
  const layers = [rubric.maxAgeDays, section.maxAgeDays, test.maxAgeDays, evidence.maxAgeDays, own(evidence.tests, test.id)?.maxAgeDays];
  return Object.assign({}, ...layers.map(definedOnly)) as MaxAge;
}

function definedOnly(layer: MaxAge | undefined): MaxAge {
  return Object.fromEntries(Object.entries(layer ?? {}).filter(([, v]) => v !== undefined));
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}
