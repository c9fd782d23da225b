// The CI reports as their users read them (issue 16):
// - JUnit (GitLab's test tab, Jenkins): only what is wrong fails (a failed threshold, broken
//   evidence, an expired waiver), so a passing gate with sound evidence is all green; tests not
//   done are skipped with their next step as the message; manual and automated tests pass.
// - GitHub annotations: errors, then warnings, then notices; GitHub shows the first 10 of each
//   level a step prints, so the most important come first and one notice counts the rest.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../src/format/index.js";
import { loadProject, scoreProject } from "../src/project.js";
import type { Report } from "../src/schema/report.js";
import type { Rubric } from "../src/schema/rubric.js";
import { AS_OF, caseFolders, mltest } from "./run.js";

const folder = caseFolders("mltest-ci-reports-");

interface Built {
  report: Report;
  rubric: Rubric;
}

function build(files: Record<string, string> | string, strict = false): Built {
  const project = loadProject(typeof files === "string" ? files : folder(files));
  return { report: scoreProject(project, { asOf: AS_OF, strict, thresholds: {} }), rubric: project.rubric.rubric };
}

const junit = ({ report }: Built) => FORMATS.junit(report);
const github = ({ report }: Built) => FORMATS.github(report);

// --- JUnit, parsed -----------------------------------------------------------------------------

type XmlNode = Record<string, any>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => ["testsuite", "testcase", "failure", "skipped", "error", "properties", "property", "system-out"].includes(name),
});
const children = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? [];

/** The <testsuites> root, after checking the XML is well-formed. */
function parseJunit(xml: string): XmlNode {
  expect(XMLValidator.validate(xml)).toBe(true);
  return (parser.parse(xml) as XmlNode).testsuites as XmlNode;
}

/** The test case of a rubric test, by id. */
function testCase(root: XmlNode, id: string): XmlNode {
  const found = children(root, "testsuite")
    .flatMap((s) => children(s, "testcase"))
    .find((c) => (c["@_name"] as string).startsWith(`${id} `));
  expect(found, id).toBeDefined();
  return found!;
}

/** How the case ends: "pass", "skipped" or "failure". */
function outcome(c: XmlNode): string {
  if (children(c, "failure").length > 0) return "failure";
  if (children(c, "skipped").length > 0) return "skipped";
  return children(c, "error").length > 0 ? "error" : "pass";
}

// A project on the built-in rubric whose gate (data at least 0.5) passes:
//   data-1  manual, verified run      passes
//   data-2  automated, broken pointer  fails, naming the pointer (the gate still passes)
//   data-4  manual, run 300 days ago   stale: passes with the finding; strict mode skips it
//   model-7 waiver expired             fails
//   others  none                       skipped, each with its next step
const DOCS = { "docs/review.md": "# Review\n", "docs/old-review.md": "# Old review\n" };
const SOUND = `gate:
  minSection: { data: 0.5 }
tests:
  data-1:
    status: manual
    verified: 2026-11-01
    evidence:
      - doc: docs/review.md
`;
const BROKEN = `${SOUND}  data-2:
    status: automated
    evidence:
      - path: tests/test_missing.py
`;
const STALE = `${SOUND}  data-4:
    status: manual
    verified: 2026-01-31
    evidence:
      - doc: docs/old-review.md
`;
const EXPIRED = `${SOUND}  model-7:
    status: not-applicable
    reason: the model makes no decisions about people
    approvedBy: Lead
    expires: 2026-10-01
`;

describe("junit", () => {
  it("a passing gate gives zero failures: a green test tab", () => {
    const built = build({ "mltest.yaml": SOUND, ...DOCS });
    expect(built.report.gate.passed).toBe(true);
    const root = parseJunit(junit(built));
    expect([root["@_failures"], root["@_errors"]]).toEqual(["0", "0"]);
    for (const suite of children(root, "testsuite")) expect([suite["@_name"], suite["@_failures"]]).toEqual([suite["@_name"], "0"]);
    // The 27 tests not done are skipped, the manual one and the gate's check pass.
    expect(root["@_tests"]).toBe("29");
    expect(root["@_skipped"]).toBe("27");
    expect(outcome(testCase(root, "data-1"))).toBe("pass");
    expect(String(children(testCase(root, "data-1"), "system-out")[0])).toMatch(/^0\.5 points, last verified 2026-11-01\. manual\./);
  });

  it("a shipped example whose gate passes has a green JUnit report from the CLI too", () => {
    const run = mltest("score", "examples/fraud-scoring", "--format", "junit", "--as-of", AS_OF);
    expect(run.status).toBe(0);
    const root = parseJunit(run.stdout);
    expect([root["@_failures"], root["@_errors"]]).toEqual(["0", "0"]);
    expect(Number(root["@_skipped"])).toBeGreaterThan(0);
  });

  it("broken evidence is a failure naming the pointer, even when the gate passes", () => {
    const built = build({ "mltest.yaml": BROKEN, ...DOCS });
    expect(built.report.gate.passed).toBe(true);
    const root = parseJunit(junit(built));
    expect(root["@_failures"]).toBe("1");
    const failure = children(testCase(root, "data-2"), "failure")[0]!;
    expect(failure["@_type"]).toBe("broken-evidence");
    expect(failure["@_message"]).toBe(
      "data-2 All features are beneficial: broken evidence: path tests/test_missing.py: no such file or folder",
    );
    // The failure's text says what counts and how to repair it.
    expect(String(failure["#text"])).toMatch(
      /^claimed automated, counts as none\. Evidence: broken: path tests\/test_missing\.py: no such file or folder; .*\. Next, automated \(\+1 to data\): Fix the evidence/,
    );
    expect(children(children(root, "testsuite")[0]!, "testcase").filter((c) => outcome(c) === "failure")).toHaveLength(1);
  });

  it("a test at none is skipped with its next step as the message", () => {
    const built = build({ "mltest.yaml": SOUND, ...DOCS });
    const root = parseJunit(junit(built));
    const none = built.report.sections.flatMap((s) => s.tests).filter((t) => t.status === "none");
    expect(none).toHaveLength(27);
    for (const test of none) {
      const c = testCase(root, test.id);
      expect(outcome(c), test.id).toBe("skipped");
      const step = built.report.nextSteps.find((s) => s.test === test.id)!;
      const rubricTest = built.rubric.sections.flatMap((s) => s.tests).find((t) => t.id === test.id)!;
      expect(step.from, test.id).toBe("none");
      expect(children(c, "skipped")[0]!["@_message"], test.id).toBe(
        `Next, manual (+${step.gain} to ${step.section}): ${rubricTest.manual}`,
      );
    }
    // For example:
    expect(children(testCase(root, "data-3"), "skipped")[0]!["@_message"]).toMatch(
      /^Next, manual \(\+0\.5 to data\): Measure each feature's compute time/,
    );
  });

  it("stale evidence passes with its finding in system-out; strict mode, which counts it 0, skips it", () => {
    const files = { "mltest.yaml": STALE, ...DOCS };
    const lax = parseJunit(junit(build(files)));
    const data4 = testCase(lax, "data-4");
    expect(outcome(data4)).toBe("pass");
    expect(String(children(data4, "system-out")[0])).toContain("Evidence: stale: verified 2026-01-31: the manual run is 301 days old");
    expect(lax["@_failures"]).toBe("0");

    const built = build(files, true);
    expect(built.report.gate.passed).toBe(true);
    const strict = parseJunit(junit(built));
    const skipped = testCase(strict, "data-4");
    expect(outcome(skipped)).toBe("skipped");
    // Its next step repairs the claim; the finding is in system-out.
    const step = built.report.nextSteps.find((s) => s.test === "data-4")!;
    expect(step.kind).toBe("fix-evidence");
    expect(children(skipped, "skipped")[0]!["@_message"]).toBe(`Next, ${step.to} (+${step.gain} to data): ${step.action}`);
    expect(String(children(skipped, "system-out")[0])).toContain("claimed manual, counts as none. Evidence: stale: verified 2026-01-31");
    expect(strict["@_failures"]).toBe("0");
  });

  it("an expired waiver is a failure", () => {
    const root = parseJunit(junit(build({ "mltest.yaml": EXPIRED, ...DOCS })));
    expect(root["@_failures"]).toBe("1");
    const failure = children(testCase(root, "model-7"), "failure")[0]!;
    expect(failure["@_type"]).toBe("expired-waiver");
    expect(failure["@_message"]).toBe(
      "model-7 The model is tested for considerations of inclusion: waiver expired on 2026-10-01: the test counts as none",
    );
  });

  it("a failed threshold is a failure of the gate suite, and the output is the same on every run", () => {
    const dir = folder({ "mltest.yaml": SOUND.replace("data: 0.5", "data: 1"), ...DOCS });
    const built = build(dir);
    expect(built.report.gate.passed).toBe(false);
    const xml = junit(built);
    const root = parseJunit(xml);
    expect(root["@_failures"]).toBe("1");
    const gate = children(root, "testsuite").find((s) => s["@_name"] === "gate")!;
    expect(children(children(gate, "testcase")[0]!, "failure")[0]!["@_message"]).toBe('section "data" 0.5 is below the minimum 1');
    expect(junit(build(dir))).toBe(xml);
  });
});

// --- GitHub annotations ------------------------------------------------------------------------

interface Annotation {
  level: string;
  file?: string;
  title: string;
  message: string;
}

const decode = (s: string) => s.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");

function annotations(text: string): Annotation[] {
  expect(text.endsWith("\n")).toBe(true);
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const props = Object.fromEntries(m![2]!.split(",").map((p) => [p.slice(0, p.indexOf("=")), decode(p.slice(p.indexOf("=") + 1))]));
      return { level: m![1]!, file: props.file, title: props.title!, message: decode(m![3]!) };
    });
}

// A rubric of three sections, and a project with 25 claims whose evidence is broken, 30 whose
// evidence cannot be checked (unverified) and 12 tests not done:
//   a  a-1..a-12 broken, a-13..a-30 unverified      scores 18
//   b  b-1..b-13 broken, b-14..b-25 unverified      scores 12
//   c  c-1..c-12 not done                            scores 0, the weakest
// and a gate (final at least 0.5) that fails. Rubric order puts a first; what matters is the
// weakest section first.
function crowded(): Built {
  const ids = { a: 30, b: 25, c: 12 };
  const rubric = [
    "id: crowded",
    "title: Crowded",
    "version: 1",
    "scoring:",
    "  points: { none: 0, manual: 0.5, automated: 1 }",
    "  bands: [{ max: 0, label: None }, { max: 30, label: Some }]",
    "sections:",
    ...Object.entries(ids).flatMap(([section, n]) => [
      `  - id: ${section}`,
      `    title: Section ${section}`,
      "    tests:",
      ...Array.from({ length: n }, (_, i) => [
        `      - id: ${section}-${i + 1}`,
        `        title: Test ${section}-${i + 1}`,
        "        why: Why.",
        "        how: How.",
        `        manual: Do ${section}-${i + 1} by hand.`,
        `        automated: Run ${section}-${i + 1} in CI.`,
      ]).flat(),
    ]),
    "",
  ].join("\n");
  const claim = (id: string, broken: boolean) =>
    `  ${id}:\n    status: automated\n    evidence:\n      - path: ${broken ? `missing/${id}.py` : "src/present.py"}\n`;
  const tests = [
    ...Array.from({ length: 30 }, (_, i) => claim(`a-${i + 1}`, i < 12)),
    ...Array.from({ length: 25 }, (_, i) => claim(`b-${i + 1}`, i < 13)),
  ];
  const evidence = `rubric: rubric.yaml\ngate:\n  minScore: 0.5\ntests:\n${tests.join("")}`;
  return build({ "mltest.yaml": evidence, "rubric.yaml": rubric, "src/present.py": "" });
}

const range = (section: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${section}-${from + i}`);
const testIds = (list: Annotation[]) =>
  list.filter((a) => a.file !== undefined && !a.title.startsWith("mltest gate")).map((a) => a.title.split(" ")[0]);

describe("github", () => {
  it("the crowded project has what this file says: 25 broken, 30 unverified, 12 not done, a failed gate", () => {
    const { report } = crowded();
    const tests = report.sections.flatMap((s) => s.tests);
    expect(tests.filter((t) => t.verification?.state === "broken")).toHaveLength(25);
    expect(tests.filter((t) => t.verification?.state === "unverified")).toHaveLength(30);
    expect(tests.filter((t) => t.status === "none")).toHaveLength(12);
    expect(report.sections.map((s) => s.score)).toEqual([18, 12, 0]);
    expect(report.gate.passed).toBe(false);
  });

  it("orders errors, then warnings, then notices, and shows the most important 10 of each", () => {
    const list = annotations(github(crowded()));
    expect(list).toHaveLength(30);
    expect(list.map((a) => a.level)).toEqual([...Array(10).fill("error"), ...Array(10).fill("warning"), ...Array(10).fill("notice")]);
    // Errors: the failed threshold, then the broken claims of the weakest section that has any (b).
    expect(list[0]).toMatchObject({ level: "error", title: "mltest gate: final", message: "final score 0 is below the minimum 0.5" });
    const errors = list.filter((a) => a.level === "error");
    expect(testIds(errors)).toEqual(range("b", 1, 9));
    for (const a of errors.slice(1)) expect(a.message).toMatch(/Evidence: broken: path missing\/b-\d+\.py: no such file or folder/);
    // Warnings: the unverified claims, the weaker section's first.
    expect(testIds(list.filter((a) => a.level === "warning"))).toEqual(range("b", 14, 23));
    // Notices: the score, the count of what was left out, then the tests not done.
    expect(testIds(list.filter((a) => a.level === "notice"))).toEqual(range("c", 1, 8));
    expect(list[20]!.title).toBe("ML Test Score");
    expect(list[21]!.title).toBe("mltest: more annotations");
  });

  it("one notice says how many of each level were left out, and that the job summary lists them all", () => {
    const text = github(crowded());
    const note = annotations(text).find((a) => a.title === "mltest: more annotations")!;
    expect(note).toMatchObject({ level: "notice", file: undefined });
    expect(note.message).toBe(
      "16 errors, 20 warnings and 4 notices not shown here: GitHub shows 10 annotations of each level per step, " +
        "and these are the most important. The job summary (the Markdown report) lists them all.",
    );
    // Its title's ":" is encoded, as in every workflow command's properties.
    expect(text).toContain("::notice title=mltest%3A more annotations::16 errors,");
  });

  it("counts only the levels left out: a project with 27 tests not done leaves out notices only", () => {
    const list = annotations(github(build({ "mltest.yaml": SOUND, ...DOCS })));
    expect(list.map((a) => a.level)).toEqual(Array(10).fill("notice"));
    // 28 notices (27 not done, 1 manual): the score, this note and 8 of them.
    expect(list[1]!.message).toMatch(/^20 notices not shown here: /);
  });

  it("says nothing is left out when nothing is, and keeps the score's notice", () => {
    const applicable = ["data-1", "data-2", "data-3", "data-4", "model-1", "infra-1", "monitor-1"];
    const waived = ["data", "model", "infra", "monitor"]
      .flatMap((s) => [1, 2, 3, 4, 5, 6, 7].map((n) => `${s}-${n}`))
      .filter((id) => !applicable.includes(id))
      .map((id) => `  ${id}:\n    status: not-applicable\n    reason: not this project\n`);
    const yaml = BROKEN.replace(
      "tests:\n",
      `tests:\n${waived.join("")}  data-4:\n    status: manual\n    verified: 2026-01-31\n    evidence:\n      - doc: docs/old-review.md\n`,
    );
    const list = annotations(github(build({ "mltest.yaml": yaml, ...DOCS })));
    expect(list.map((a) => [a.level, a.title.split(" ")[0]])).toEqual([
      ["error", "data-2"],
      ["warning", "data-4"],
      ["notice", "ML"],
      // The weakest sections' tests first (model, infra and monitor score 0), then data's.
      ["notice", "model-1"],
      ["notice", "infra-1"],
      ["notice", "monitor-1"],
      ["notice", "data-3"],
      ["notice", "data-1"],
    ]);
    expect(list[2]!.message).toMatch(/^case-\d+: 0 \/ 7 \(.*\); weakest: model, infra, monitor; gate passed$/);
  });
});
