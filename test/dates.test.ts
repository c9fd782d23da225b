// Dates. src/util/dates.ts reads a YYYY-MM-DD date or an ISO 8601 timestamp strictly (a day that
// does not exist is no date, never rolled over into the next month) and daysBetween counts whole
// UTC days; every date mltest reads goes through them (--as-of, the evidence file, the history).
// And dates of things that already happened cannot lie after --as-of (issue 16: "false
// verified"): a manual run, a JUnit report, a waiver's approval. Those claims are verified against
// projects held in memory (test/fake-project.ts): the folder is not the point.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDate } from "../src/cli/io.js";
import { parseHistory } from "../src/history.js";
import { loadRubric } from "../src/load/rubric.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { parseIsoDate, parseIsoTimestamp } from "../src/util/dates.js";
import { UsageError } from "../src/util/errors.js";
import { daysBetween, type Verification, verify } from "../src/verify/verify.js";
import { FakeProject } from "./fake-project.js";
import { AS_OF, ROOT } from "./run.js";

const RUBRIC = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;

/** data-1's verification, claimed as `test`, in a project in memory holding `files`. */
function claim(files: Record<string, string>, test: Record<string, unknown>): Verification {
  const evidence = evidenceSchema().parse({ tests: { "data-1": test } });
  return verify({ rubric: RUBRIC, evidence, files: new FakeProject(files), asOf: AS_OF }).get("data-1")!;
}

describe("reading dates (src/util/dates.ts)", () => {
  const utc = (iso: string) => new Date(iso).getTime();

  it("parseIsoDate reads a real YYYY-MM-DD as its midnight UTC, and nothing else", () => {
    expect(parseIsoDate("2026-11-28")).toBe(utc("2026-11-28T00:00:00Z"));
    expect(parseIsoDate("2024-02-29")).toBe(utc("2024-02-29T00:00:00Z"));
    expect(parseIsoDate("2000-02-29")).toBe(utc("2000-02-29T00:00:00Z"));
    expect(parseIsoDate("0050-01-01")).toBe(new Date("0050-01-01T00:00:00Z").getTime()); // year 50, not 1950
    for (const bad of [
      "2026-02-30",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-01",
      "2026-01-00",
      "2026-1-01",
      "26-01-01",
      "2026-01-01T00:00:00",
      " 2026-01-01",
      "2026-01-01 ",
      "２０２６-01-01",
      "",
    ]) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it("parseIsoTimestamp reads dates and times in their zone, UTC when none is given", () => {
    expect(parseIsoTimestamp("2026-11-28")).toBe(utc("2026-11-28T00:00:00Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56")).toBe(utc("2026-11-28T12:34:56Z"));
    expect(parseIsoTimestamp("2026-11-28t12:34:56z")).toBe(utc("2026-11-28T12:34:56Z"));
    expect(parseIsoTimestamp("2026-11-28 12:34")).toBe(utc("2026-11-28T12:34:00Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56.7891+02:00")).toBe(utc("2026-11-28T10:34:56.789Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56,5Z")).toBe(utc("2026-11-28T12:34:56.500Z"));
    expect(parseIsoTimestamp("2026-11-28T00:30:00-0130")).toBe(utc("2026-11-28T02:00:00Z"));
    expect(parseIsoTimestamp("2026-11-28T00:00:00-05")).toBe(utc("2026-11-28T05:00:00Z"));
    expect(parseIsoTimestamp("2026-02-28T23:59:59+00:00")).toBe(utc("2026-02-28T23:59:59Z"));
    for (const bad of [
      "2026-02-30T00:00:00Z",
      "2026-11-28T",
      "2026-11-28T12",
      "2026-11-28T1:00",
      "2026-11-28T12:00:0",
      "2026-11-28T12:00:00.",
      "2026-11-28T12:00:00+1",
      "2026-11-28T12:00:00+01:0",
      "2026-11-28T12:00:00+01:60",
      "2026-11-28T12:00:00 Z",
      "2026-11-28T12:00:00ZZ",
      "2026-11-28_12:00",
      "20261128T120000Z",
    ]) {
      expect(parseIsoTimestamp(bad), bad).toBeUndefined();
    }
  });

  it("daysBetween counts whole UTC days, from a date or a timestamp in any zone", () => {
    expect(daysBetween("2026-11-20", AS_OF)).toBe(8);
    expect(daysBetween("2026-11-20T23:59:59", AS_OF)).toBe(7);
    expect(daysBetween("2026-11-21T01:00:00+02:00", AS_OF)).toBe(7); // 2026-11-20T23:00Z
    expect(daysBetween("2026-11-29T00:00:00Z", AS_OF)).toBe(0); // the future counts as today
    expect(daysBetween("2026-02-30", AS_OF)).toBeNaN(); // callers pass checked dates; never a rolled-over one
  });

  it("--as-of and --since take only real dates, through the same parser", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2026-02-30", "2026-2-3", "2026-02-03T00:00:00", "today"]) {
      expect(() => parseDate(bad), bad).toThrow(UsageError);
    }
  });

  it("the evidence file's verified and expires, and history dates, refuse impossible dates too (zod's calendar check)", () => {
    const claim = { status: "not-applicable", reason: "no model", expires: "2026-02-29" };
    expect(evidenceSchema().safeParse({ tests: { "data-1": claim } }).success).toBe(false);
    expect(evidenceSchema().safeParse({ tests: { "data-1": { ...claim, expires: "2028-02-29" } } }).success).toBe(true);
    expect(evidenceSchema().safeParse({ tests: { "data-1": { status: "manual", verified: "2026-04-31" } } }).success).toBe(false);
    const line = (date: string) =>
      `${JSON.stringify({ date, rubric: { id: "r", version: "1", sha256: "0".repeat(64) }, sections: {}, final: 0, max: 0, band: "b", statuses: {} })}\n`;
    expect(parseHistory(line("2026-02-30"), "h.jsonl").entries).toEqual([]);
    expect(parseHistory(line("2026-02-28"), "h.jsonl").problems).toEqual([]);
  });
});

describe("dates after --as-of", () => {
  it("a manual run dated after --as-of is broken; the day itself is fine", () => {
    const dir = { "docs/review.md": "# Review\n" };
    const future = claim(dir, { status: "manual", verified: "2026-11-29", evidence: [{ doc: "docs/review.md" }] });
    expect(future.state).toBe("broken");
    expect(future.findings.find((f) => f.result === "broken")!.message).toContain("is dated after 2026-11-28");
    expect(claim(dir, { status: "manual", verified: "2026-11-28", evidence: [{ doc: "docs/review.md" }] }).state).toBe("verified");
  });

  it("a JUnit report with a timestamp after --as-of is broken", () => {
    const junit = (timestamp: string) =>
      `<testsuite name="t" timestamp="${timestamp}"><testcase classname="tests.test_a" name="test_ok"/></testsuite>`;
    const dir = { "future.xml": junit("2026-12-01T10:00:00"), "today.xml": junit("2026-11-28T23:59:00") };
    const future = claim(dir, { status: "automated", evidence: [{ report: "future.xml" }] });
    expect(future.state).toBe("broken");
    expect(future.findings[0]!.message).toContain("the report (timestamp 2026-12-01T10:00:00) is dated after 2026-11-28");
    expect(claim(dir, { status: "automated", evidence: [{ report: "today.xml" }] }).state).toBe("verified");
  });
});

describe("a waiver approved after --as-of", () => {
  it("is broken and holds nothing; approved on the day or before, it stands; its expires is in the future by design", () => {
    const dir = {};
    const waiver = { status: "not-applicable", reason: "no serving path", approvedBy: "ada", expires: "2027-06-30" };
    const future = claim(dir, { ...waiver, approved: "2026-12-01" });
    expect(future.state).toBe("broken");
    expect(future.findings[0]!.message).toContain("the waiver's approval is dated after 2026-11-28");
    expect(claim(dir, { ...waiver, approved: "2026-11-28" })).toBeUndefined();
    expect(claim(dir, waiver)).toBeUndefined();
  });
});
