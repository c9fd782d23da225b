// JUnit XML: one testsuite per section and one testcase per rubric test, plus a "gate" suite
// with one testcase per threshold. Read by GitLab (artifacts:reports:junit) and Jenkins, which
// turn any <failure> red (GitLab's test tab) or unstable (Jenkins): so only what is wrong fails,
// and a passing gate with sound evidence gives a green tab (see ci-kind.ts):
//   failed threshold  fails (the gate suite)
//   broken evidence   fails, naming each broken pointer; so does an expired waiver (a claim the
//                     file makes that no longer holds)
//   none              skipped, with the report's next step for the test as the message; so is a
//                     claim strict mode counts as none (unverified or stale evidence: not wrong,
//                     only unproven, and the gate already counts it 0), with its findings in
//                     system-out
//   manual            passes, with its points in a property and in system-out
//   automated         passes (its evidence's findings in system-out when unverified or stale)
//   not-applicable    skipped, with its reason
import type { Report, ReportSection, ReportTest } from "../schema/report.js";
import { brokenPointers, ciKind } from "./ci-kind.js";
import { xml } from "./escape.js";
import { attention, countedStatus, describeStep, num } from "./text.js";

export interface Case {
  name: string;
  classname: string;
  body: string[];
  failed: boolean;
  skipped: boolean;
  /** An error, not a failure: the test could not run at all (bad input). */
  errored?: boolean;
}

export interface Suite {
  name: string;
  properties: Record<string, string>;
  cases: Case[];
}

export function formatJunit(report: Report): string {
  return renderJunit(`mltest: ${report.project.name}`, report.asOf, junitSuites(report));
}

/** One project's suites; `prefix` names the project when several share one file. */
export function junitSuites(report: Report, prefix = ""): Suite[] {
  const project = report.project.name;
  const next = new Map(report.nextSteps.map((s) => [s.test, s]));

  const suites: Suite[] = report.sections.map((section) => ({
    name: `${prefix}${section.id}: ${section.title}`,
    properties: { score: num(section.score), max: num(section.max) },
    cases: section.tests.map((test) => testCase(project, section, test, next.get(test.id))),
  }));
  if (report.gate.checks.length > 0) {
    suites.push({
      name: `${prefix}gate`,
      properties: { passed: String(report.gate.passed) },
      cases: report.gate.checks.map((check) => ({
        name: check.target,
        classname: `mltest.${project}.gate`,
        body: check.passed ? [] : [`<failure message="${xml(check.message)}" type="gate">${xml(check.message)}</failure>`],
        failed: !check.passed,
        skipped: false,
      })),
    });
  }

  return suites;
}

/** The XML document; counts on every suite and on the whole are computed, never copied. */
export function renderJunit(name: string, asOf: string, suites: Suite[]): string {
  const timestamp = `${asOf}T00:00:00`;
  const count = (cases: Case[], key: "failed" | "skipped" | "errored") => cases.filter((c) => c[key]).length;
  const all = suites.flatMap((s) => s.cases);
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(name)}" tests="${all.length}" failures="${count(all, "failed")}" errors="${count(all, "errored")}" skipped="${count(all, "skipped")}" time="0" timestamp="${timestamp}">`,
  ];
  suites.forEach((suite, id) => {
    out.push(
      `  <testsuite id="${id}" name="${xml(suite.name)}" tests="${suite.cases.length}" failures="${count(suite.cases, "failed")}" errors="${count(suite.cases, "errored")}" skipped="${count(suite.cases, "skipped")}" time="0" timestamp="${timestamp}">`,
      "    <properties>",
      ...Object.entries(suite.properties).map(([k, v]) => `      <property name="${xml(k)}" value="${xml(v)}"/>`),
      "    </properties>",
    );
    for (const c of suite.cases) {
      const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="0"`;
      out.push(...(c.body.length === 0 ? [`${open}/>`] : [`${open}>`, ...c.body.map((l) => `      ${l}`), "    </testcase>"]));
    }
    out.push("  </testsuite>");
  });
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function testCase(project: string, section: ReportSection, test: ReportTest, next: Report["nextSteps"][number] | undefined): Case {
  const base = { name: `${test.id} ${test.title}`, classname: `mltest.${project}.${section.id}`, failed: false, skipped: false };
  const note = attention(test, next)?.message ?? "";
  const properties = [
    "<properties>",
    `  <property name="status" value="${test.status}"/>`,
    `  <property name="points" value="${num(test.points)}"/>`,
    ...(test.verification ? [`  <property name="evidence" value="${test.verification.state}"/>`] : []),
    "</properties>",
  ];
  const failure = (type: string, message: string): Case => ({
    ...base,
    failed: true,
    body: [...properties, `<failure message="${xml(`${test.id} ${test.title}: ${message}`)}" type="${type}">${xml(note)}</failure>`],
  });
  // What is wrong fails; what is not done is skipped with the move that does it; the rest passes.
  const kind = ciKind(test);
  if (kind === "broken")
    return failure(
      "broken-evidence",
      brokenPointers(test)
        .map((p) => `broken evidence: ${p}`)
        .join("; "),
    );
  if (kind === "expired") return failure("expired-waiver", `waiver expired on ${test.waiver?.expires ?? "?"}: the test counts as none`);
  switch (countedStatus(test)) {
    case "automated":
      return { ...base, body: note ? [...properties, `<system-out>${xml(note)}</system-out>`] : [] };
    case "manual": {
      const verified = test.verified ? `, last verified ${test.verified}` : "";
      return {
        ...base,
        body: [
          ...properties,
          `<system-out>${xml(`${num(test.points)} point${test.points === 1 ? "" : "s"}${verified}. ${note}`)}</system-out>`,
        ],
      };
    }
    case "none": {
      // Not done (or, in strict mode, not proven): the report's next step for it is the message.
      const message = next ? describeStep(next) : note;
      const out = kind === "unproven" ? [`<system-out>${xml(note)}</system-out>`] : [];
      return { ...base, skipped: true, body: [...properties, `<skipped message="${xml(message)}"/>`, ...out] };
    }
    case "not-applicable":
      return {
        ...base,
        skipped: true,
        body: [
          `<skipped message="${xml(test.disabled !== undefined ? `disabled by the rubric: ${test.disabled}` : `not applicable: ${test.reason ?? ""}`)}"/>`,
        ],
      };
  }
}
