// Checks every claim in the evidence file against the project's files and says, per test, what
// could be proved: verified, unverified (nothing checkable), broken (a pointer does not resolve)
// or stale (evidence older than its maximum age). Reads files; runs nothing; fetches nothing.
import picomatch from "picomatch";
import type { Evidence, Pointer, TestEvidence } from "../schema/evidence.js";
import type { MaxAge, Rubric, RubricSection, RubricTest } from "../schema/rubric.js";
import { parseIsoTimestamp } from "../util/dates.js";
import { own } from "../util/own.js";
import { type CiFile, type CiJob, readCi } from "./ci.js";
import type { ProjectReader } from "./files.js";
import { type Junit, readJunit } from "./junit.js";
import { Expander, type Expansion } from "./tasks/expand.js";

export const STATES = ["verified", "unverified", "stale", "broken"] as const;
export type State = (typeof STATES)[number];

export interface Finding {
  /** The pointer or field the finding is about, as written: "ci .github/workflows/ci.yml#lint". */
  pointer: string;
  /** "info": nothing mltest can check (a URL, an unsupported CI system); it neither proves nor breaks a claim. */
  result: "ok" | "info" | Exclude<State, "verified">;
  message: string;
}

export interface Verification {
  state: State;
  findings: Finding[];
}

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

interface Context {
  files: ProjectReader;
  asOf: string;
  ci(path: string): CiFile;
  junit(path: string): Junit | { ok: false; reason: string };
  /** Everything a job runs, through the task runners and scripts it calls (tasks/expand.ts). */
  expansion(file: string, id: string, job: CiJob): Expansion;
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

/** What a pointer's `scheduled: true` missed, in each system's own terms. */
const SCHEDULE_MISSING: Record<string, string> = {
  "GitHub Actions": "the workflow has no schedule (on.schedule with a cron)",
  "GitLab CI": "the job does not run in schedule pipelines",
  CircleCI: "no workflow that runs the job has a schedule trigger or runs only for scheduled pipelines",
  "Azure Pipelines": "the pipeline has no schedules: with a cron",
  Jenkins: "the pipeline has no cron trigger (triggers { cron('…') })",
  "Databricks asset bundle": "the job has no schedule with a quartz_cron_expression (not paused) and no periodic trigger",
  Dependabot: "the update has no schedule.interval",
};

function checkPointer(pointer: Pointer, maxAge: MaxAge, context: Context): Finding {
  const label = describe(pointer);
  const finding = (result: Finding["result"], message: string): Finding => ({ pointer: label, result, message });
  const { files } = context;

  if ("url" in pointer) return finding("info", "shown in reports, never fetched");
  if ("doc" in pointer) {
    const found = files.file(pointer.doc);
    return found.ok ? finding("ok", "exists") : finding("broken", found.reason);
  }
  if ("path" in pointer) {
    if (!picomatch.scan(pointer.path).isGlob) {
      const found = files.resolve(pointer.path);
      return found.ok ? finding("ok", "exists") : finding("broken", found.reason);
    }
    const globbed = files.glob(pointer.path);
    if (!globbed.ok) return finding("broken", globbed.reason);
    if (globbed.matches.length === 0) {
      return finding(
        "broken",
        `matches no file${globbed.truncatedWalk ? " among the files mltest looked at (the project is too large to walk whole)" : ""}`,
      );
    }
    return finding(
      "ok",
      `matches ${globbed.matches.length >= 10 ? "10 or more files" : `${globbed.matches.length} file${globbed.matches.length === 1 ? "" : "s"}`}, e.g. ${globbed.matches[0]}`,
    );
  }
  if ("ci" in pointer) {
    // Split at the first #: a path seldom holds one, a GitLab job name may ("unit tests #1").
    const hash = pointer.ci.indexOf("#");
    if (hash <= 0 || hash === pointer.ci.length - 1)
      return finding("broken", "write the pointer as WORKFLOW-FILE#JOB, e.g. .github/workflows/ci.yml#test");
    const [file, jobId] = [pointer.ci.slice(0, hash), pointer.ci.slice(hash + 1)];
    const confined = files.resolve(file);
    if (!confined.ok) return finding("broken", confined.reason);
    const ci = context.ci(confined.rel);
    if (!ci.ok) return finding(ci.unsupported ? "info" : "broken", ci.reason);
    const job = ci.jobs.get(jobId);
    if (!job) {
      const known = [...ci.jobs.keys()];
      return finding(
        "broken",
        `no job "${jobId}" in ${confined.rel}${known.length ? `; its jobs: ${known.join(", ")}` : ""}${ci.notes.length ? ` (${ci.notes.join("; ")})` : ""}`,
      );
    }
    // A `runs:` found on the way through runners and scripts verifies, and says how it is reached.
    const runs = pointer.runs;
    const expansion = runs === undefined ? undefined : context.expansion(confined.rel, jobId, job);
    const step = runs === undefined ? undefined : expansion!.steps.find((s) => s.command.includes(runs));
    if (runs !== undefined && !step) {
      // Past mltest's limits for following runners, absence proves nothing.
      if (expansion!.cut)
        return finding(
          "unverified",
          `"${runs}" is not among what mltest followed of the job; it stopped at its limit for following task runners and scripts`,
        );
      return finding("broken", `the job's steps never run "${runs}", nor do the task runners and scripts they call`);
    }
    if (pointer.scheduled && !job.scheduled) {
      if (ci.schedulesElsewhere)
        return finding("unverified", `${ci.schedulesElsewhere}, so whether the job runs on a schedule cannot be checked`);
      if (job.schedule && "undecidedBy" in job.schedule) {
        return finding(
          "unverified",
          `the workflow has a schedule, but whether the job's if: ${JSON.stringify(job.schedule.undecidedBy)} lets it run then depends on more than the event`,
        );
      }
      if (job.schedule)
        return finding(
          "broken",
          `the workflow has a schedule, but the job's if: ${JSON.stringify(job.schedule.excludedBy)} keeps it from running on it`,
        );
      return finding("broken", SCHEDULE_MISSING[ci.system] ?? `the job does not run on a schedule that ${confined.rel} sets`);
    }
    const via = step && step.via.length > 0 ? ` via ${step.via.join(" → ")}` : "";
    // A pipeline a person starts (a release) still runs its tests every time: said, not held against the claim.
    const started = job.manualOnly ? `; ${job.manualOnly}` : "";
    return finding(
      "ok",
      `${ci.system} job "${jobId}" exists${runs ? ` and runs "${runs}"${via}` : ""}${pointer.scheduled ? " on a schedule" : ""}${started}`,
    );
  }
  // The last kind: a JUnit report.
  const confined = files.resolve(pointer.report);
  if (!confined.ok) return finding("broken", confined.reason);
  const junit = context.junit(confined.rel);
  if (!junit.ok) return finding("broken", junit.reason);
  const cases = pointer.cases === undefined ? junit.cases : junit.cases.filter((c) => c.id.includes(pointer.cases!));
  if (cases.length === 0)
    return finding("broken", pointer.cases === undefined ? "the report has no test case" : `no test case matches "${pointer.cases}"`);
  const failed = cases.filter((c) => c.outcome === "failed");
  if (failed.length > 0) {
    return finding(
      "broken",
      `${failed.length} of ${cases.length} test cases failed: ${failed
        .slice(0, 3)
        .map((c) => c.id)
        .join(", ")}${failed.length > 3 ? ", …" : ""}`,
    );
  }
  const passed = cases.filter((c) => c.outcome === "passed").length;
  if (passed === 0) return finding("broken", `all ${cases.length} test cases were skipped`);
  if (!junit.timestamp) return finding("ok", `${passed} test cases passed (the report has no timestamp, so its age is unknown)`);
  if (isAfter(junit.timestamp, context.asOf))
    return finding("broken", afterAsOf(`the report (timestamp ${junit.timestamp})`, context.asOf));
  const age = daysBetween(junit.timestamp, context.asOf);
  if (maxAge.report !== undefined && age > maxAge.report) {
    return finding("stale", `the report is ${age} days old; the limit is ${maxAge.report}`);
  }
  return finding("ok", `${passed} test cases passed, ${age} days ago`);
}

/** Rubric defaults (rubric, section, test), then the evidence file's (file, test): the last set wins. */
export function maxAgeFor(rubric: Rubric, section: RubricSection, test: RubricTest, evidence: Evidence): MaxAge {
  const layers = [rubric.maxAgeDays, section.maxAgeDays, test.maxAgeDays, evidence.maxAgeDays, own(evidence.tests, test.id)?.maxAgeDays];
  return Object.assign({}, ...layers.map(definedOnly)) as MaxAge;
}

/** A pointer as written in the file, for findings: "ci .github/workflows/ci.yml#lint". */
export function describe(pointer: Pointer): string {
  const kind = kindOf(pointer);
  return `${kind} ${String((pointer as Record<string, unknown>)[kind])}`;
}

function kindOf(pointer: Pointer): "path" | "doc" | "ci" | "report" | "url" {
  return "path" in pointer ? "path" : "doc" in pointer ? "doc" : "ci" in pointer ? "ci" : "report" in pointer ? "report" : "url";
}

/** Whether a date or timestamp lies after the as-of date's end (UTC). */
function isAfter(date: string, asOf: string): boolean {
  const at = parseIsoTimestamp(date);
  const end = parseIsoTimestamp(asOf);
  return at !== undefined && end !== undefined && at >= end + 86_400_000;
}

/** Why a date of something that already happened cannot lie after --as-of. */
function afterAsOf(what: string, asOf: string): string {
  return `${what} is dated after ${asOf}, the date evidence is counted to: something that already happened cannot be dated later (fix the date, or pass --as-of)`;
}

/**
 * Whole days from a date or timestamp to the as-of date (UTC; a timestamp without a zone is UTC).
 * NaN if either is not a real ISO 8601 date: callers pass dates already checked.
 */
export function daysBetween(from: string, asOf: string): number {
  const start = parseIsoTimestamp(from) ?? Number.NaN;
  const end = parseIsoTimestamp(asOf) ?? Number.NaN;
  return Math.max(0, Math.floor((end - start) / 86_400_000));
}

function definedOnly(layer: MaxAge | undefined): MaxAge {
  return Object.fromEntries(Object.entries(layer ?? {}).filter(([, v]) => v !== undefined));
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}
