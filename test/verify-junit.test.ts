// report pointers: JUnit XML reports read as data (passed, failed and skipped cases, the cases:
// filter, timestamps and their age, the size limit, binary and non-UTF-8 content, and hostile XML
// such as entity bombs and DOCTYPEs). Every project is a real folder in a temporary directory.
import { truncateSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_READ_BYTES } from "../src/verify/files.js";
import { readJunit } from "../src/verify/junit.js";
import { check, junit, PASS, projects, stateOf } from "./verify-cases.js";

const project = projects("mltest-verify-junit-");

// ---------------------------------------------------------------------------------------------

describe("report pointers (JUnit XML)", () => {
  const REFUSED = "cannot read the XML: it declares a DOCTYPE, which a test report never needs, so it is refused";
  const recent = ' timestamp="2026-11-20T00:00:00"'; // 8 days before AS_OF
  const bomb = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE lolz [",
    ' <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    "]>",
    '<testsuite name="s" timestamp="2026-11-27T00:00:00"><testcase name="&lol9;">&lol9;</testcase><testcase name="b"><system-out>&lol9;</system-out></testcase></testsuite>',
  ].join("\n");
  const { root } = project({
    "reports/pass.xml": junit(PASS, recent),
    "reports/fail.xml": junit(
      `${PASS}<testcase classname="tests.test_b" name="test_fails"><failure message="assert 1 == 2">trace</failure></testcase>`,
      recent,
    ),
    "reports/error.xml": junit('<testcase classname="t" name="crashes"><error message="boom"/></testcase><testcase name="fine"/>', recent),
    "reports/skipped.xml": junit(
      '<testcase name="a"><skipped/></testcase><testcase name="b"><skipped message="later"/></testcase>',
      recent,
    ),
    "reports/nested.xml":
      '<testsuites><testsuite name="outer"><testsuite name="inner" timestamp="2026-11-25T00:00:00"><testcase name="a"/><testcase name="b"/></testsuite><testcase name="c"/></testsuite></testsuites>',
    "reports/bare.xml": `<testsuite name="bare" timestamp="2026-11-27T12:00:00"><testcase name="only"/></testsuite>`,
    "reports/malformed.xml": '<testsuites><testsuite name="x"><testcase name="a">',
    "reports/pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>",
    "reports/old.xml": junit(PASS, ' timestamp="2026-09-01T00:00:00"'), // 88 days before AS_OF
    "reports/undated.xml": junit(PASS),
    "reports/empty.xml": "<testsuites><testsuite name='none'/></testsuites>",
    "reports/binary.xml": Buffer.concat([Buffer.from("<testsuite>"), Buffer.from([0, 1, 2, 0]), Buffer.from("</testsuite>")]),
    "reports/latin1.xml": Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]),
    "reports/bomb.xml": bomb,
    "reports/huge.xml": "",
  });
  truncateSync(join(root, "reports/huge.xml"), MAX_READ_BYTES + 1); // sparse: no 10 MiB written

  it("accepts a report whose cases all passed, with its age", () => {
    expect(check(root, { report: "reports/pass.xml" })).toEqual({
      pointer: "report reports/pass.xml",
      result: "ok",
      message: "2 test cases passed, 8 days ago",
    });
    expect(stateOf(root, { status: "automated", evidence: [{ report: "reports/pass.xml" }] }).state).toBe("verified");
  });

  it("breaks a report with a failure and names the failed case", () => {
    expect(check(root, { report: "reports/fail.xml" })).toMatchObject({
      result: "broken",
      message: "1 of 3 test cases failed: tests.test_b.test_fails",
    });
    expect(check(root, { report: "reports/error.xml" }).message).toBe("1 of 2 test cases failed: t.crashes");
  });

  it("checks only the cases a cases: filter selects", () => {
    expect(check(root, { report: "reports/fail.xml", cases: "test_a" })).toMatchObject({
      result: "ok",
      message: "2 test cases passed, 8 days ago",
    });
    expect(check(root, { report: "reports/fail.xml", cases: "test_fails" }).result).toBe("broken");
  });

  it("breaks a cases: filter that matches nothing", () => {
    expect(check(root, { report: "reports/pass.xml", cases: "test_zzz" })).toMatchObject({
      result: "broken",
      message: 'no test case matches "test_zzz"',
    });
  });

  it("breaks a report whose cases were all skipped, or that has none", () => {
    expect(check(root, { report: "reports/skipped.xml" })).toMatchObject({ result: "broken", message: "all 2 test cases were skipped" });
    expect(check(root, { report: "reports/empty.xml" })).toMatchObject({ result: "broken", message: "the report has no test case" });
  });

  it("reads nested <testsuites><testsuite><testsuite> and a bare <testsuite> root", () => {
    expect(check(root, { report: "reports/nested.xml" })).toMatchObject({ result: "ok", message: "3 test cases passed, 3 days ago" });
    expect(check(root, { report: "reports/bare.xml" })).toMatchObject({ result: "ok", message: "1 test cases passed, 0 days ago" });
    const nested = readJunit(
      '<testsuites><testsuite><testsuite><testsuite><testcase name="deep"><failure/></testcase></testsuite></testsuite></testsuite></testsuites>',
    );
    expect(nested).toEqual({ ok: true, cases: [{ id: "deep", outcome: "failed" }] });
  });

  it("breaks malformed XML and XML that is not JUnit", () => {
    expect(check(root, { report: "reports/malformed.xml" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^not well-formed XML/),
    });
    expect(check(root, { report: "reports/pom.xml" })).toMatchObject({
      result: "broken",
      message: "not a JUnit report: no <testsuite> element",
    });
  });

  it("marks a report older than the maximum age stale, on the claim too", () => {
    expect(check(root, { report: "reports/old.xml" })).toMatchObject({
      result: "stale",
      message: "the report is 88 days old; the limit is 30",
    });
    expect(stateOf(root, { status: "automated", evidence: [{ report: "reports/old.xml" }] }).state).toBe("stale");
  });

  it("accepts a report without a timestamp and says its age is unknown", () => {
    const found = check(root, { report: "reports/undated.xml" });
    expect(found.result).toBe("ok");
    expect(found.message).toContain("age is unknown");
  });

  it("breaks a report over 10 MiB without reading it", () => {
    expect(check(root, { report: "reports/huge.xml" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^too large: 10485761 bytes/),
    });
  });

  it("breaks binary content and text that is not UTF-8", () => {
    expect(check(root, { report: "reports/binary.xml" })).toMatchObject({ result: "broken", message: "a binary file, not text" });
    expect(check(root, { report: "reports/latin1.xml" })).toMatchObject({ result: "broken", message: "not valid UTF-8 text" });
  });

  it("breaks a missing report and a folder", () => {
    expect(check(root, { report: "reports/missing.xml" }).message).toBe("no such file or folder");
    expect(check(root, { report: "reports" }).message).toBe("a folder, not a file");
  });

  it("refuses an entity-expansion bomb quickly and without throwing", () => {
    const started = performance.now();
    const found = check(root, { report: "reports/bomb.xml" });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toMatchObject({ result: "broken", message: REFUSED });
    expect(readJunit(bomb)).toEqual({ ok: false, reason: REFUSED });
  });

  it("refuses any DOCTYPE, wherever the parser reads one, with or without entities", () => {
    const cases = '<testcase name="a"/>';
    for (const xml of [
      `<!DOCTYPE testsuite SYSTEM "junit.dtd">\n<testsuite>${cases}</testsuite>`, // no entities at all
      `<!DOCTYPE t [<!ENTITY a "&amp;b">]><testsuite><testcase name="&a;"/></testsuite>`, // only an entity the parser would drop
      `<!DOCTYPE t [<!ENTITY a "x">]><testsuite><testcase name="&a;"/></testsuite>`, // an entity the parser would expand
      `<!-- comment --><!DOCTYPE t [<!ENTITY a "x">]><testsuite>${cases}</testsuite>`,
      // Not well-formed, yet the validator lets it through and the parser would expand &a;.
      `<testsuite><!DOCTYPE t [<!ENTITY a "x">]><testcase name="&a;"/></testsuite>`,
      `<testsuite>${cases}</testsuite><!DOCTYPE t [<!ENTITY a "x">]>`,
    ]) {
      expect(readJunit(xml), xml).toEqual({ ok: false, reason: REFUSED });
    }
  });

  it("still reads the standard XML entities in names", () => {
    const read = readJunit(
      '<testsuite><testcase classname="a&amp;b" name="&lt;x&gt; &quot;q&quot; &apos;s&apos;"/><testcase name="t &amp;amp; u"/></testsuite>',
    );
    expect(read).toEqual({
      ok: true,
      cases: [
        { id: "a&b.<x> \"q\" 's'", outcome: "passed" },
        { id: "t &amp; u", outcome: "passed" },
      ],
    });
  });

  it("reads a large report with many standard entities in bounded time", () => {
    const many = Array.from(
      { length: 20_000 },
      (_, i) => `<testcase classname="m&amp;n" name="t${i} &lt;ok&gt;"><system-out>${"&amp;".repeat(20)}</system-out></testcase>`,
    ).join("");
    const started = performance.now();
    const read = readJunit(`<testsuite timestamp="2026-11-20T00:00:00">${many}</testsuite>`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(read.ok && read.cases.length).toBe(20_000);
    expect(read.ok && read.cases[0]).toEqual({ id: "m&n.t0 <ok>", outcome: "passed" });
  });

  it("ignores a timestamp whose date or time does not exist, like any unparseable one", () => {
    for (const stamp of [
      "2026-02-30T00:00:00Z", // Date.parse reads this as 2026-03-02
      "2025-02-29T00:00:00", // not a leap year
      "2100-02-29", // nor is 2100
      "2026-04-31T12:00:00",
      "2026-13-01T00:00:00",
      "2026-00-10T00:00:00",
      "2026-01-00T00:00:00",
      "2026-01-01T24:00:00",
      "2026-01-01T12:60:00",
      "2026-01-01T12:00:60Z", // a leap second
      "2026-01-01T12:00:00+24:00",
      "2026-01-01T12:00:00.Z",
      "2026-1-1T12:00:00",
      "Mon, 30 Feb 2026 12:00:00 GMT", // not ISO 8601; Date.parse reads it as March 2
      "yesterday",
      "",
    ]) {
      expect(readJunit(`<testsuite timestamp="${stamp}"><testcase name="a"/></testsuite>`), stamp).toEqual({
        ok: true,
        cases: [{ id: "a", outcome: "passed" }],
      });
    }
  });

  it("accepts the timestamps test runners write, and dates the report by the newest instant", () => {
    for (const stamp of [
      "2024-02-29T12:00:00",
      "2026-11-20T00:00:00Z",
      "2026-11-20T01:00:00.123456+01:00",
      "2026-11-20 00:00:00",
      "2026-11-20T00:00",
      "2026-11-20",
      "2026-11-20T03:00:00+0300",
    ]) {
      expect(readJunit(`<testsuite timestamp="${stamp}"><testcase name="a"/></testsuite>`), stamp).toMatchObject({
        ok: true,
        timestamp: stamp,
      });
    }
    // 10:00+05:00 is 05:00 UTC, earlier than 06:00Z although it sorts later as text.
    const suites =
      '<testsuite timestamp="2026-11-20T10:00:00+05:00"><testcase name="a"/></testsuite><testsuite timestamp="2026-11-20T06:00:00Z"/><testsuite timestamp="2026-11-31T00:00:00Z"/>';
    expect(readJunit(`<testsuites>${suites}</testsuites>`)).toMatchObject({ ok: true, timestamp: "2026-11-20T06:00:00Z" });
  });
});
