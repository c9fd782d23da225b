// One evidence pointer checked against the project's files: does the file, job or report it
// names exist, and does it show what the pointer says (a job that runs a command, on a schedule;
// a JUnit report whose cases passed, recently enough). Reads files; runs nothing; fetches nothing.
import picomatch from "picomatch";
import type { Pointer } from "../schema/evidence.js";
import type { Finding } from "../schema/report.js";
import type { MaxAge } from "../schema/rubric.js";
import { afterAsOf, daysBetween, isAfter } from "./age.js";
import type { CiFile, CiJob } from "./ci.js";
import type { ProjectReader } from "./files.js";
import type { Junit } from "./junit.js";
import type { Expansion } from "./tasks/expand.js";

/** What checking a pointer reads, each file read once however many pointers name it (verify.ts). */
export interface Context {
  files: ProjectReader;
  asOf: string;
  ci(path: string): CiFile;
  junit(path: string): Junit | { ok: false; reason: string };
  /** Everything a job runs, through the task runners and scripts it calls (tasks/expand.ts). */
  expansion(file: string, id: string, job: CiJob): Expansion;
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

export function checkPointer(pointer: Pointer, maxAge: MaxAge, context: Context): Finding {
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

/** A pointer as written in the file, for findings: "ci .github/workflows/ci.yml#lint". */
export function describe(pointer: Pointer): string {
  const kind = kindOf(pointer);
  return `${kind} ${String((pointer as Record<string, unknown>)[kind])}`;
}

export function kindOf(pointer: Pointer): "path" | "doc" | "ci" | "report" | "url" {
  return "path" in pointer ? "path" : "doc" in pointer ? "doc" : "ci" in pointer ? "ci" : "report" in pointer ? "report" : "url";
}
