// Every output format, checked against its consumer's rules rather than a snapshot: JUnit is
// well-formed XML whose counts add up, SARIF validates against the official 2.1.0 schema, GitHub
// annotations are well-formed workflow commands, Markdown and the checklist keep their structure,
// and hostile user text (owners, notes, reasons, paths, the project name) cannot break any of them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import AjvModule from "ajv-draft-04";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatChecklist } from "../src/format/checklist.js";
import { FORMATS, type FormatName } from "../src/format/index.js";
import { loadProject, scoreProject } from "../src/project.js";
import type { Report, ReportTest } from "../src/schema/report.js";
import type { Rubric } from "../src/schema/rubric.js";
import type { Thresholds } from "../src/score/gate.js";
import { AS_OF, mltest, ROOT } from "./run.js";

// ---------------------------------------------------------------------------------------------
// Shared helpers

const EXAMPLES_DIR = join(import.meta.dirname, "../examples");
const EXAMPLES = readdirSync(EXAMPLES_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const ESC = "\u001b";
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/;
/** Characters XML 1.0 cannot carry, not even as references. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const CONTROL = /[\u0000-\u001F]/g;

interface Built {
  report: Report;
  rubric: Rubric;
}

function build(dir: string, thresholds: Thresholds = {}): Built {
  const project = loadProject(dir);
  return { report: scoreProject(project, { asOf: AS_OF, thresholds }), rubric: project.rubric.rubric };
}

function render(format: FormatName, { report, rubric }: Built): string {
  return FORMATS[format](report, { color: false, rubric });
}

const allTests = (report: Report): ReportTest[] => report.sections.flatMap((s) => s.tests);
const nextFor = (report: Report, id: string) => report.nextSteps.find((s) => s.test === id);
/** The evidence file as the formats name it: relative to the directory mltest ran in. */
const evidenceUri = (report: Report) =>
  report.project.dir === "." ? report.project.evidenceFile : `${report.project.dir}/${report.project.evidenceFile}`;

/** The text of the evidence file line a test is located at. */
function yamlLine(file: string, line: number): string {
  return readFileSync(file, "utf8").split("\n")[line - 1] ?? "";
}

/** True when `actual` holds every control-free piece of `original`, in order. */
function holdsInOrder(actual: string, original: string): boolean {
  let from = 0;
  for (const piece of original.split(CONTROL).filter(Boolean)) {
    const at = actual.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

// --- JUnit -----------------------------------------------------------------------------------

// A parsed JUnit tree: attributes are "@_name", children are arrays.
type XmlNode = Record<string, any>;
const JUNIT_ARRAYS = new Set(["testsuite", "testcase", "failure", "skipped", "error", "properties", "property", "system-out"]);
const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#10;) are only decoded with htmlEntities.
  htmlEntities: true,
  isArray: (name) => JUNIT_ARRAYS.has(name),
});

const children = (node: XmlNode, tag: string): XmlNode[] => (node[tag] as XmlNode[] | undefined) ?? [];
const childTags = (node: XmlNode) => Object.keys(node).filter((k) => !k.startsWith("@_") && k !== "#text");
const property = (node: XmlNode, name: string): string | undefined =>
  children(node, "properties")
    .flatMap((p) => children(p, "property"))
    .find((p) => p["@_name"] === name)?.["@_value"];

function parseJunit(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  expect(valid, JSON.stringify(valid)).toBe(true);
  return xmlParser.parse(xml) as XmlNode;
}

/** The suite's counts, taken from its children rather than its attributes. */
function countCases(cases: XmlNode[]) {
  return {
    tests: String(cases.length),
    failures: String(cases.reduce((n, c) => n + children(c, "failure").length, 0)),
    skipped: String(cases.reduce((n, c) => n + children(c, "skipped").length, 0)),
    errors: String(cases.reduce((n, c) => n + children(c, "error").length, 0)),
  };
}
const countAttrs = (node: XmlNode) => ({
  tests: node["@_tests"],
  failures: node["@_failures"],
  skipped: node["@_skipped"],
  errors: node["@_errors"],
});

function checkJunit(report: Report, xml: string): XmlNode {
  const root = parseJunit(xml).testsuites as XmlNode;
  expect(root, "a <testsuites> root").toBeDefined();
  const suites = children(root, "testsuite");
  const hasGate = report.gate.checks.length > 0;
  expect(suites.map((s) => s["@_name"])).toEqual([
    ...report.sections.map((s) => `${s.id}: ${s.title}`),
    ...(hasGate ? ["gate"] : []),
  ]);

  for (const suite of suites) {
    expect(countAttrs(suite), `counts of suite ${suite["@_name"]}`).toEqual(countCases(children(suite, "testcase")));
  }
  expect(countAttrs(root), "counts of <testsuites>").toEqual(countCases(suites.flatMap((s) => children(s, "testcase"))));

  report.sections.forEach((section, i) => {
    const cases = children(suites[i]!, "testcase");
    expect(cases.map((c) => c["@_name"])).toEqual(section.tests.map((t) => `${t.id} ${t.title}`));
    section.tests.forEach((test, j) => {
      const c = cases[j]!;
      const where = `${test.id} (${test.status})`;
      switch (test.status) {
        case "automated":
          expect(childTags(c), where).toEqual([]);
          break;
        case "manual": {
          expect(property(c, "points"), where).toBe(String(test.points));
          expect(children(c, "failure"), where).toEqual([]);
          expect(children(c, "skipped"), where).toEqual([]);
          const out = children(c, "system-out");
          expect(out, where).toHaveLength(1);
          expect(String(out[0])).toContain("manual");
          const step = nextFor(report, test.id);
          if (step) expect(holdsInOrder(String(out[0]), step.action), `${where}: ${out[0]}`).toBe(true);
          break;
        }
        case "none": {
          const failures = children(c, "failure");
          expect(failures, where).toHaveLength(1);
          const step = nextFor(report, test.id);
          expect(step, `a next step for ${where}`).toBeDefined();
          expect(step!.from).toBe("none");
          expect(holdsInOrder(failures[0]!["@_message"] as string, step!.action), `${where}: ${failures[0]!["@_message"]}`).toBe(true);
          expect(children(c, "skipped"), where).toEqual([]);
          break;
        }
        case "not-applicable": {
          const skipped = children(c, "skipped");
          expect(skipped, where).toHaveLength(1);
          expect(test.reason, where).toBeTruthy();
          expect(holdsInOrder(skipped[0]!["@_message"] as string, test.reason!), `${where}: ${skipped[0]!["@_message"]}`).toBe(true);
          expect(children(c, "failure"), where).toEqual([]);
          break;
        }
      }
    });
  });

  if (hasGate) {
    const cases = children(suites.at(-1)!, "testcase");
    expect(cases.map((c) => c["@_name"])).toEqual(report.gate.checks.map((c) => c.target));
    report.gate.checks.forEach((check, i) => {
      const failures = children(cases[i]!, "failure");
      expect(failures, check.target).toHaveLength(check.passed ? 0 : 1);
      if (!check.passed) expect(failures[0]!["@_message"]).toBe(check.message);
    });
  }
  return root;
}

// --- SARIF -----------------------------------------------------------------------------------

// ajv-draft-04 is CommonJS: under NodeNext its default import is module.exports, whose
// `default` is the class (module.exports.default === module.exports).
const Ajv = AjvModule.default;
const SARIF_SCHEMA = JSON.parse(
  readFileSync(join(ROOT, "node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as object;
// The schema has a pattern that is not a valid Unicode-mode regular expression.
const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
// RFC 3986: only unreserved, reserved and percent-encoded characters; a colon in the first
// segment makes it a scheme, which must then be well-formed.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
ajv.addFormat("uri", (s: string) => URI_CHARS.test(s) && SCHEME.test(s));
ajv.addFormat("uri-reference", (s: string) => URI_CHARS.test(s) && (!/^[^/?#]*:/.test(s) || SCHEME.test(s)));
ajv.addFormat(
  "date-time",
  (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
);
const validateSarif = ajv.compile(SARIF_SCHEMA);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}
interface SarifLog {
  runs: { tool: { driver: { rules: { id: string }[] } }; results: SarifResult[]; automationDetails?: { id: string } }[];
}

function expectValidSarif(log: unknown): void {
  const ok = validateSarif(log);
  expect(ok, ajv.errorsText(validateSarif.errors, { separator: "\n" })).toBe(true);
}

function checkSarif(built: Built, text: string, evidenceFile: string): SarifLog {
  const { report, rubric } = built;
  const log = JSON.parse(text) as SarifLog;
  expectValidSarif(log);
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  const ids = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
  expect(ids).toHaveLength(28);
  expect(run.tool.driver.rules.map((r) => r.id)).toEqual([...ids, "gate"]);

  const uri = evidenceUri(report);
  const byLine = (a: { ruleId: string }, b: { ruleId: string }) => a.ruleId.localeCompare(b.ruleId);
  const expected = [
    ...report.gate.checks.filter((c) => !c.passed).map(() => ({ ruleId: "gate", level: "error", uri, line: 1 })),
    ...allTests(report)
      .filter((t) => t.status === "none" || t.status === "manual")
      .map((t) => ({ ruleId: t.id, level: t.status === "none" ? "warning" : "note", uri, line: t.line ?? 1 })),
  ];
  const actual = run.results.map((r) => {
    expect(r.locations).toHaveLength(1);
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    return { ruleId: r.ruleId, level: r.level, uri: artifactLocation.uri, line: region.startLine };
  });
  expect(actual.sort(byLine)).toEqual(expected.sort(byLine));

  for (const r of run.results) {
    expect(run.tool.driver.rules[r.ruleIndex]?.id, `ruleIndex of ${r.ruleId}`).toBe(r.ruleId);
  }
  // Each located test sits on its own key in the evidence file.
  for (const t of allTests(report)) {
    if (t.line !== undefined) expect(yamlLine(evidenceFile, t.line), `line ${t.line} of ${evidenceFile}`).toMatch(new RegExp(`^\\s+${t.id}:`));
  }
  return log;
}

// --- GitHub workflow commands ----------------------------------------------------------------

const COMMAND = /^::(error|warning|notice)( [^:]*)?::.*$/;

/** Undoes workflowData/workflowProperty, in one pass so "%250A" stays "%0A". */
function decodeCommand(text: string): string {
  const map: Record<string, string> = { "%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": "," };
  return text.replace(/%(?:25|0D|0A|3A|2C)/g, (m) => map[m]!);
}

interface Annotation {
  level: string;
  props: Record<string, string>;
  message: string;
}

function parseGithub(text: string): Annotation[] {
  expect(text.endsWith("\n")).toBe(true);
  expect(text).not.toContain("\r");
  return text
    .slice(0, -1)
    .split("\n")
    .map((line) => {
      expect(line, "a workflow command").toMatch(COMMAND);
      const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line)!;
      const props: Record<string, string> = {};
      for (const part of m[2] ? m[2].split(",") : []) {
        const eq = part.indexOf("=");
        expect(eq, `property "${part}"`).toBeGreaterThan(0);
        const value = part.slice(eq + 1);
        // Inside a property: ":" and "," only encoded, "%" only as an escape.
        expect(value, `property ${part}`).not.toMatch(/[:,\r\n]|%(?![0-9A-F]{2})/);
        props[part.slice(0, eq)] = decodeCommand(value);
      }
      expect(m[3], "message").not.toMatch(/[\r\n]|%(?![0-9A-F]{2})/);
      return { level: m[1]!, props, message: decodeCommand(m[3]!) };
    });
}

function checkGithub(report: Report, text: string): Annotation[] {
  const annotations = parseGithub(text);
  const uri = evidenceUri(report);
  const failed = report.gate.checks.filter((c) => !c.passed);
  const errors = annotations.filter((a) => a.level === "error");
  expect(errors.map((a) => a.message)).toEqual(failed.map((c) => c.message));
  for (const a of errors) expect(a.props).toMatchObject({ file: uri, line: "1" });

  const located = annotations.filter((a) => a.level !== "error" && a.props.file !== undefined);
  const expected = allTests(report)
    .filter((t) => t.status === "none" || t.status === "manual")
    .map((t) => ({ level: t.status === "none" ? "warning" : "notice", file: uri, line: String(t.line ?? 1), title: `${t.id} ${t.title}` }));
  expect(located.map((a) => ({ level: a.level, file: a.props.file, line: a.props.line, title: a.props.title }))).toEqual(expected);

  // One summary notice, not located, and nothing else.
  const summary = annotations.filter((a) => a.level === "notice" && a.props.file === undefined);
  expect(summary).toHaveLength(1);
  expect(annotations).toHaveLength(1 + errors.length + located.length);
  return annotations;
}

// --- Markdown --------------------------------------------------------------------------------

/** `|` characters not escaped by an odd run of backslashes. */
function unescapedPipes(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== "|") continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === "\\"; j--) slashes++;
    if (slashes % 2 === 0) n++;
  }
  return n;
}

/** Markdown tables: runs of lines starting with "|"; the first line of each is its header. */
function tables(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("|")) (current ??= []).push(line);
    else if (current) {
      out.push(current);
      current = undefined;
    }
  }
  if (current) out.push(current);
  return out;
}

function expectTablesIntact(text: string): void {
  for (const table of tables(text)) {
    const width = unescapedPipes(table[0]!);
    for (const row of table) expect(unescapedPipes(row), `pipes in ${row}`).toBe(width);
  }
}

/** Removes code spans that open and close on one line (their content is literal text). */
function withoutCodeSpans(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line[i] !== "`") {
      out += line[i++];
      continue;
    }
    let n = 0;
    while (line[i + n] === "`") n++;
    const fence = "`".repeat(n);
    let close = line.indexOf(fence, i + n);
    while (close >= 0 && line[close + n] === "`") close = line.indexOf(fence, close + n + 1);
    if (close < 0) {
      out += line.slice(i); // an unclosed fence is literal backticks; the rest is Markdown
      break;
    }
    i = close + n;
  }
  return out;
}

/** Our own headings; user text must never start a line with "#". */
const MARKDOWN_HEADINGS = [/^## ML Test Score: /, /^### Gate: /, /^### Next steps$/];
const CHECKLIST_HEADINGS = [/^# Production-readiness review: /, /^## .+: \d+(\.\d+)? \/ \d+(\.\d+)?$/, /^## Agenda: /, /^## Sign-off$/];

function expectSafeMarkdown(text: string, headings: RegExp[]): void {
  expect(text).not.toContain(ESC);
  const lines = text.split("\n");
  for (const line of lines) {
    expect(withoutCodeSpans(line), "raw <script outside a code span").not.toMatch(/<script/i);
    if (/^\s*#/.test(line)) expect(headings.some((h) => h.test(line)), `not one of our headings: ${line}`).toBe(true);
  }
  expectTablesIntact(text);
}

// --- Checklist -------------------------------------------------------------------------------

const codePoints = (line: string) => [...line].length;
const boxes = (text: string, box: "[x]" | "[ ]") => text.split("\n").filter((l) => l.startsWith(`- ${box} `)).length;

function checkChecklistLayout(text: string): void {
  expect(text).not.toMatch(ANSI);
  expect(text).not.toContain(ESC);
  for (const line of text.split("\n")) {
    if (/https?:\/\//.test(line)) continue;
    expect(codePoints(line), `line wider than 100 columns:\n${line}`).toBeLessThanOrEqual(100);
  }
}

// ---------------------------------------------------------------------------------------------
// 1-4. Every shipped example, with its own gate and with a threshold it fails

describe.each(EXAMPLES)("examples/%s", (name) => {
  const dir = join(EXAMPLES_DIR, name);
  const evidenceFile = join(dir, "mltest.yaml");
  const own = build(dir);
  const failing = build(dir, { minScore: 7 });

  it("builds reports located at examples/<name>/mltest.yaml, the second failing its gate", () => {
    expect(evidenceUri(own.report)).toBe(`examples/${name}/mltest.yaml`);
    expect(failing.report.gate.passed).toBe(false);
    expect(failing.report.gate.checks.find((c) => c.target === "final")).toMatchObject({ passed: false, expected: 7 });
  });

  describe("junit", () => {
    it("is well-formed, with a suite per section, a case per test and counts that add up", () => {
      const root = checkJunit(own.report, render("junit", own));
      const suites = children(root, "testsuite");
      expect(suites.some((s) => s["@_name"] === "gate")).toBe(own.report.gate.checks.length > 0);
      expect(Number(root["@_tests"])).toBe(28 + own.report.gate.checks.length);
      // The examples' evidence holds up, so each manual test carries its half point.
      const manual = allTests(own.report).filter((t) => t.status === "manual");
      for (const t of manual) expect(t.points, t.id).toBe(0.5);
    });

    it("has a gate suite with a failing case for a failed threshold", () => {
      const root = checkJunit(failing.report, render("junit", failing));
      const gate = children(root, "testsuite").find((s) => s["@_name"] === "gate");
      expect(gate).toBeDefined();
      const final = children(gate!, "testcase").find((c) => c["@_name"] === "final");
      expect(children(final!, "failure")).toHaveLength(1);
      expect(Number(gate!["@_failures"])).toBeGreaterThanOrEqual(1);
    });
  });

  describe("sarif", () => {
    it("validates against the SARIF 2.1.0 schema, with a rule per test and a result per test short of automated", () => {
      const log = checkSarif(own, render("sarif", own), evidenceFile);
      const run = log.runs[0]!;
      expect(run.results.filter((r) => r.level === "error")).toHaveLength(own.report.gate.checks.filter((c) => !c.passed).length);
    });

    it("reports a failed threshold as an error on the gate rule", () => {
      const log = checkSarif(failing, render("sarif", failing), evidenceFile);
      const errors = log.runs[0]!.results.filter((r) => r.level === "error");
      expect(errors.length).toBeGreaterThanOrEqual(1);
      for (const e of errors) expect(e.ruleId).toBe("gate");
      expect(errors.map((e) => e.message.text)).toContain(failing.report.gate.checks.find((c) => c.target === "final")!.message);
    });
  });

  describe("github", () => {
    it("prints one well-formed workflow command per failed threshold and per test short of automated", () => {
      checkGithub(own.report, render("github", own));
      const annotations = checkGithub(failing.report, render("github", failing));
      expect(annotations.filter((a) => a.level === "error").length).toBeGreaterThanOrEqual(1);
      // The lines point at each test's own key in the evidence file.
      for (const a of annotations.filter((x) => x.props.line && x.props.line !== "1")) {
        const id = a.props.title!.split(" ")[0]!;
        expect(yamlLine(evidenceFile, Number(a.props.line))).toMatch(new RegExp(`^\\s+${id}:`));
      }
    });
  });

  describe("markdown", () => {
    it.each([
      ["its own gate", own],
      ["a failing threshold", failing],
    ] as const)("has a row per section, the gate verdict and balanced <details> (%s)", (_, built) => {
      const { report } = built;
      const text = render("markdown", built);
      expectSafeMarkdown(text, MARKDOWN_HEADINGS);

      const summary = tables(text).find((t) => t[0] === "| Section | Score | |");
      expect(summary, "the summary table").toBeDefined();
      const rows = summary!.slice(2);
      expect(rows).toHaveLength(report.sections.length + 1); // the sections, then the final score
      report.sections.forEach((s, i) => {
        expect(rows[i]).toMatch(new RegExp(`^\\| ${s.title} \\| ${s.score} / ${s.max} \\|`));
      });
      expect(rows.at(-1)).toContain(`**${report.final.score} / ${report.final.max}**`);

      if (report.gate.checks.length === 0) expect(text).toContain("**Gate:** none set.");
      else expect(text).toContain(report.gate.passed ? "### Gate: ✅ passed" : "### Gate: ❌ failed");
      if (built === failing) expect(text).toContain("### Gate: ❌ failed");

      let depth = 0;
      for (const line of text.split("\n")) {
        if (line === "<details>") depth++;
        if (line === "</details>") depth--;
        expect(depth).toBeGreaterThanOrEqual(0);
        expect(depth).toBeLessThanOrEqual(1);
      }
      expect(depth).toBe(0);
      expect(text.match(/<details>/g)).toHaveLength(report.sections.length);
      expect(text.match(/<\/details>/g)).toHaveLength(report.sections.length);
      expect(text.match(/<summary>/g)).toHaveLength(report.sections.length);
    });
  });

  // 5. The checklist, in process and through the CLI
  describe("checklist", () => {
    const { report } = own;
    const cli = mltest("checklist", `examples/${name}`, "--as-of", AS_OF);
    const text = cli.stdout;

    it("prints the same checklist as formatChecklist, and as the registry's checklist format", () => {
      expect(cli.stderr).toBe("");
      expect(cli.status).toBe(0);
      expect(text).toBe(formatChecklist(report));
      expect(render("checklist", own)).toBe(text);
    });

    it("has no ANSI codes and no line wider than 100 columns outside links", () => {
      checkChecklistLayout(text);
      expectSafeMarkdown(text, CHECKLIST_HEADINGS);
    });

    it("says the final score and the next move in its first 6 lines", () => {
      const head = text.split("\n").slice(0, 6).join("\n");
      expect(head).toContain(`**${report.final.score} / ${report.final.max}**`);
      expect(head).toMatch(/\bNext\b/);
    });

    it("has a ticked box per automated test and an empty box per other test", () => {
      const tests = allTests(report);
      const automated = tests.filter((t) => t.status === "automated").length;
      expect(boxes(text, "[x]")).toBe(automated);
      expect(boxes(text, "[ ]")).toBe(tests.length - automated);
      for (const t of tests) expect(text).toMatch(new RegExp(`^- \\[${t.status === "automated" ? "x" : " "}\\] \\*\\*${t.id}\\*\\* `, "m"));
    });

    it("--only missing hides every automated test", () => {
      const run = mltest("checklist", `examples/${name}`, "--as-of", AS_OF, "--only", "missing");
      expect(run.status).toBe(0);
      expect(boxes(run.stdout, "[x]")).toBe(0);
      expect(run.stdout).not.toMatch(/^\s*- \[x\]/m);
      expect(boxes(run.stdout, "[ ]")).toBe(boxes(text, "[ ]"));
      expect(run.stdout).toBe(formatChecklist(report, { onlyMissing: true }));
      checkChecklistLayout(run.stdout);
    });
  });
});

describe("mltest checklist options", () => {
  const sectionHeadings = (text: string) => text.split("\n").filter((l) => /^## (?!Agenda|Sign-off)/.test(l));

  it("--section monitor shows only that section", () => {
    const { report } = build(join(EXAMPLES_DIR, "fraud-scoring"));
    const all = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF);
    expect(sectionHeadings(all.stdout)).toHaveLength(4);
    const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--section", "monitor");
    expect(run.status).toBe(0);
    const monitor = report.sections.find((s) => s.id === "monitor")!;
    expect(sectionHeadings(run.stdout)).toEqual([`## ${monitor.title}: ${monitor.score} / ${monitor.max}`]);
    for (const s of report.sections.filter((x) => x.id !== "monitor")) expect(run.stdout).not.toContain(`## ${s.title}:`);
    const items = run.stdout.split("\n").filter((l) => /^- \[[x ]\] /.test(l));
    expect(items).toHaveLength(monitor.tests.length);
    for (const item of items) expect(item).toMatch(/^- \[[x ]\] \*\*monitor-\d+\*\*/);
  });

  it("--section nope exits 2 and lists the sections", () => {
    const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--section", "nope");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('"nope"');
    expect(run.stderr).toContain("data, model, infra, monitor");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  describe("--output", () => {
    let tmp: string;
    beforeAll(() => {
      tmp = mkdtempSync(join(tmpdir(), "mltest-checklist-"));
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    it("writes the file and refuses to replace it without --force", () => {
      const file = join(tmp, "review.md");
      const expected = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF).stdout;
      const first = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--output", file);
      expect(first.status).toBe(0);
      expect(first.stdout).toBe("");
      expect(readFileSync(file, "utf8")).toBe(expected);

      writeFileSync(file, "kept\n");
      const second = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--output", file);
      expect(second.status).toBe(2);
      expect(second.stdout).toBe("");
      expect(second.stderr).toContain("already exists");
      expect(second.stderr).toContain("--force");
      expect(readFileSync(file, "utf8")).toBe("kept\n");

      const forced = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--output", file, "--force");
      expect(forced.status).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(expected);
      // No temporary files are left beside it.
      expect(readdirSync(tmp)).toEqual(["review.md"]);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// 6. --report FORMAT=PATH

describe("mltest score --report FORMAT=PATH", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "mltest-report-"));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("writes each report (creating folders), keeps stdout for --format, and refuses to overwrite", () => {
    const junit = join(tmp, "a/b/r.xml");
    const sarif = join(tmp, "r.sarif");
    const args = ["score", "examples/fraud-scoring", "--report", `junit=${junit}`, "--report", `sarif=${sarif}`, "--format", "json", "--as-of", AS_OF];
    const built = build(join(EXAMPLES_DIR, "fraud-scoring"));

    const run = mltest(...args);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(built.report);
    expect(readFileSync(junit, "utf8")).toBe(render("junit", built));
    expect(readFileSync(sarif, "utf8")).toBe(render("sarif", built));
    checkJunit(built.report, readFileSync(junit, "utf8"));
    checkSarif(built, readFileSync(sarif, "utf8"), join(EXAMPLES_DIR, "fraud-scoring/mltest.yaml"));

    writeFileSync(junit, "old junit");
    writeFileSync(sarif, "old sarif");
    const again = mltest(...args);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("already exists");
    expect(again.stderr).toContain("--force");
    expect(readFileSync(junit, "utf8")).toBe("old junit");
    expect(readFileSync(sarif, "utf8")).toBe("old sarif");

    const forced = mltest(...args, "--force");
    expect(forced.status).toBe(0);
    expect(readFileSync(junit, "utf8")).toBe(render("junit", built));
    expect(readFileSync(sarif, "utf8")).toBe(render("sarif", built));
  });

  it("rejects an unknown format, listing the formats", () => {
    const run = mltest("score", "examples/fraud-scoring", "--report", "nope=x");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown format "nope"');
    for (const f of Object.keys(FORMATS)) expect(run.stderr).toContain(f);
    expect(existsSync(join(ROOT, "x"))).toBe(false);
  });

  it.each([["junit"], ["junit="], ["=r.xml"]])("rejects --report %s without FORMAT=PATH", (value) => {
    const run = mltest("score", "examples/fraud-scoring", "--report", value);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`"${value}" should be FORMAT=PATH`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Hostile strings through every format

/** Everything that has broken a report somewhere: markup, delimiters, escapes, controls, bidi. */
const H =
  `<&"'> ]]> | a\r\nb %0A % : , \u0001 \u001b[31m red \u0007 \u200F ` +
  `<script>alert(1)</script> **bold** [x](javascript:alert(1)) - item # heading`;
const HOSTILE = {
  project: `proj ${H} end`,
  owner: `owner ${H} end`,
  notes: `notes ${H} end`,
  reason: `reason ${H} end`,
  path: `src/${H} end.py`,
  doc: `docs/${H} end.md`,
  ci: `.github/workflows/ci.yml#job ${H} end`,
  runs: `runs ${H} end`,
  report: `reports/${H} end.xml`,
  cases: `cases ${H} end`,
  url: "https://example.com/a|b?q=<script>alert(1)</script>&x=%0A",
};
/** A YAML double-quoted scalar (JSON's escapes are YAML's: \n, \r, \u0001, \"). */
const q = (s: string) => JSON.stringify(s);
const HOSTILE_YAML = `# Hostile strings in every free-text field; see test/formats.test.ts.
project: ${q(HOSTILE.project)}
gate:
  minScore: 7
tests:
  data-1:
    status: automated
    owner: ${q(HOSTILE.owner)}
    evidence:
      - path: ${q(HOSTILE.path)}
      - ci: ${q(HOSTILE.ci)}
        runs: ${q(HOSTILE.runs)}
      - report: ${q(HOSTILE.report)}
        cases: ${q(HOSTILE.cases)}
      - url: ${q(HOSTILE.url)}
  data-2:
    status: manual
    owner: ${q(HOSTILE.owner)}
    notes: ${q(HOSTILE.notes)}
    verified: 2026-01-02
    evidence:
      - doc: ${q(HOSTILE.doc)}
  data-3:
    status: none
    owner: ${q(HOSTILE.owner)}
    notes: ${q(HOSTILE.notes)}
  model-7:
    status: not-applicable
    owner: ${q(HOSTILE.owner)}
    reason: ${q(HOSTILE.reason)}
`;

describe("hostile strings", () => {
  let tmp: string;
  /** The project, in a folder whose name holds "," and ":" (both legal in a URI path). */
  let dir: string;
  let built: Built;
  let out: Record<FormatName, string>;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "mltest-hostile-"));
    dir = join(tmp, "h,o:st");
    mkdirSync(dir);
    writeFileSync(join(dir, "mltest.yaml"), HOSTILE_YAML);
    built = build(dir);
    out = Object.fromEntries(Object.keys(FORMATS).map((f) => [f, render(f as FormatName, built)])) as Record<FormatName, string>;
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  const test = (id: string) => allTests(built.report).find((t) => t.id === id)!;

  it("is a real project: every hostile field reached the report", () => {
    expect(built.report.project.name).toBe(HOSTILE.project);
    expect(test("data-3").notes).toBe(HOSTILE.notes);
    expect(built.report.gate.passed).toBe(false);
  });

  // Adding a format to the registry without a hostile-input check here fails this test.
  const CHECKED: FormatName[] = ["table", "json", "markdown", "junit", "sarif", "github", "checklist"];
  it("covers every format in the registry", () => {
    expect(Object.keys(FORMATS).sort()).toEqual([...CHECKED].sort());
  });

  it("json: parses and round-trips every string exactly", () => {
    const report = JSON.parse(out.json) as Report;
    expect(report).toEqual(built.report);
    expect(report.project.name).toBe(HOSTILE.project);
    expect(report.sections[0]!.tests[0]).toMatchObject({
      owner: HOSTILE.owner,
      evidence: [
        { path: HOSTILE.path },
        { ci: HOSTILE.ci, runs: HOSTILE.runs },
        { report: HOSTILE.report, cases: HOSTILE.cases },
        { url: HOSTILE.url },
      ],
    });
    expect(report.sections[0]!.tests[1]).toMatchObject({ owner: HOSTILE.owner, notes: HOSTILE.notes, evidence: [{ doc: HOSTILE.doc }] });
    expect(report.sections[1]!.tests[6]).toMatchObject({ id: "model-7", owner: HOSTILE.owner, reason: HOSTILE.reason });
  });

  it("junit: well-formed XML that keeps the text, with no raw control characters", () => {
    expect(out.junit).not.toMatch(XML_FORBIDDEN);
    const root = checkJunit(built.report, out.junit);
    const name = root["@_name"] as string;
    expect(holdsInOrder(name, `mltest: ${HOSTILE.project}`), name).toBe(true);
    const model7 = children(children(root, "testsuite")[1]!, "testcase")[6]!;
    expect(model7["@_classname"]).toContain("]]>");
    expect(holdsInOrder(model7["@_classname"] as string, HOSTILE.project)).toBe(true);
    const skipped = children(model7, "skipped")[0]!["@_message"] as string;
    expect(holdsInOrder(skipped, HOSTILE.reason), skipped).toBe(true);
    expect(skipped).toContain("<script>alert(1)</script>");
    expect(skipped).toContain("a\r\nb");
    expect(skipped).not.toMatch(XML_FORBIDDEN);
  });

  it("sarif: validates against the schema and keeps the project name", () => {
    const log = checkSarif(built, out.sarif, join(dir, "mltest.yaml"));
    expect(log.runs[0]!.automationDetails?.id).toContain(HOSTILE.project);
  });

  it("github: every line is one well-formed command, properties encoded", () => {
    const annotations = checkGithub(built.report, out.github);
    // The folder's "," and ":" are encoded in file= and come back intact.
    const located = annotations.filter((a) => a.props.file);
    expect(located.length).toBeGreaterThan(0);
    for (const a of located) expect(a.props.file).toBe(evidenceUri(built.report));
    expect(out.github).toContain("h%2Co%3Ast/mltest.yaml");
    expect(out.github).toContain("title=mltest gate%3A final");
    // The project name comes back exactly from the summary's message.
    expect(annotations[0]!.message.startsWith(`${HOSTILE.project}:`)).toBe(true);
  });

  it("github: a folder with %, space and newline-like text is encoded in file=", () => {
    const odd = join(tmp, "100% sure, %0A:x");
    mkdirSync(odd);
    writeFileSync(join(odd, "mltest.yaml"), HOSTILE_YAML);
    const other = build(odd);
    const text = render("github", other);
    checkGithub(other.report, text);
    expect(text).toContain("100%25 sure%2C %250A%3Ax/mltest.yaml");
  });

  it("markdown: no raw HTML, table breaks, headings or escapes from user text", () => {
    expectSafeMarkdown(out.markdown, MARKDOWN_HEADINGS);
    expect(out.markdown).not.toContain("<script");
    expect(out.markdown).toContain("&lt;script");
    expect(out.markdown).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    // The user's words are still there.
    expect(out.markdown).toContain("\\*\\*bold\\*\\*");
  });

  // BUG: mdCode() puts evidence paths in code spans and para() then wraps them like prose, so a
  // continuation line can start with "<script>" (an HTML block, which may interrupt a paragraph:
  // the script is emitted raw and the code span never closes), "# heading" or "- item". Seen:
  //   "  - Evidence: ci `.github/workflows/ci.yml#job <&\"'> ]]> | a b %0A % : , [31m red \u200F"
  //   "    <script>alert(1)</script> **bold** [x](javascript:alert(1)) - item # heading end` (runs ..."
  it.fails("checklist: no raw HTML, headings or list items from user text", () => {
    expect(out.checklist).toBe(formatChecklist(built.report));
    for (const line of out.checklist.split("\n")) {
      // Continuation lines (3+ spaces) carry user text; none may open a block.
      if (/^ {3,}/.test(line)) expect(line.trimStart(), line).not.toMatch(/^(#{1,6}(\s|$)|[-+*]\s|\d{1,9}[.)]\s|<[A-Za-z/!?]|>|\|)/);
    }
    expectSafeMarkdown(out.checklist, CHECKLIST_HEADINGS);
  });

  it("checklist: no raw control characters, and user text is escaped outside code spans", () => {
    expect(out.checklist).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    expect(out.checklist).toContain("Owner: owner &lt;&amp;\"'&gt; \\]\\]&gt; \\| a b");
    expect(boxes(out.checklist, "[x]") + boxes(out.checklist, "[ ]")).toBe(28);
  });

  // BUG: the legend says "[x] automated, full points", but data-1 claims automated with evidence
  // that matches no file, scores 0, and is still ticked: "- [x] **data-1** Feature expectations
  // are captured in a schema" while its own Next line says "none → automated, adds 1".
  it.fails("checklist: a box is ticked only for a test that earns its full points", () => {
    const full = built.rubric.scoring.points.automated;
    const ticked = out.checklist
      .split("\n")
      .map((l) => /^- \[x\] \*\*([\w-]+)\*\*/.exec(l)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ticked) expect(test(id).points, id).toBe(full);
  });

  // BUG: the checklist's title line is never wrapped (a Markdown heading cannot be), so a long
  // project name makes it wider than the 100 columns checklist.ts promises: here 190 columns,
  // "# Production-readiness review: proj &lt;&amp;\"'&gt; \]\]&gt; \| a b %0A % : , \[31m red ...".
  it.fails("checklist: no line wider than 100 columns outside links, even with long user text", () => {
    checkChecklistLayout(out.checklist);
  });

  it("table (no colour): no ESC character", () => {
    expect(out.table).not.toContain(ESC);
  });

  it("table (no colour): no other control characters than line breaks", () => {
    expect(out.table).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });

  it("table (no colour): keeps the user's text", () => {
    expect(out.table).toContain("<script>alert(1)</script>");
    expect(out.table).not.toMatch(/\u001b\[1m/); // no bold from chalk without colour
  });
});

// ---------------------------------------------------------------------------------------------
// Edge cases found while writing the above

describe("format edge cases", () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), "mltest-edge-"));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  function project(name: string, yaml: string): string {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "mltest.yaml"), yaml);
    return dir;
  }

  it("the SARIF and XML checks above can fail", () => {
    const { report, rubric } = build(join(EXAMPLES_DIR, "fraud-scoring"));
    const log = JSON.parse(FORMATS.sarif(report, { color: false, rubric })) as SarifLog;
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = "a b/mltest.yaml";
    expect(validateSarif(log)).toBe(false);
    expect(ajv.errorsText(validateSarif.errors)).toContain("uri-reference");
    expect(XMLValidator.validate("<a><b></a>")).not.toBe(true);
  });

  // BUG: SARIF artifactLocation.uri must be a URI reference, but evidencePath() gives the raw
  // file path: for a project in "/tmp/…/my project 100%/" the uri is
  // "../../tmp/…/my project 100%/mltest.yaml" (space and a bare "%"), which fails the schema's
  // "uri-reference" format; it should be percent-encoded ("my%20project%20100%25").
  it.fails("sarif: a project folder with a space or % still gives a valid uri", () => {
    const dir = project("my project 100%", HOSTILE_YAML);
    const built = build(dir);
    expectValidSarif(JSON.parse(render("sarif", built)));
  });

  // BUG: with every section tied (all 0), "Where we stand" names all four weakest sections and
  // wraps to three lines, pushing "**Next:**" to line 7; the checklist's head is meant to say the
  // score and the next move in its first lines.
  it.fails("checklist: score and Next stay in the first 6 lines when every section ties", () => {
    const text = formatChecklist(build(project("tied", "tests: {}\n")).report);
    const head = text.split("\n").slice(0, 6).join("\n");
    expect(head).toContain("**0 / 7**");
    expect(head).toMatch(/\bNext\b/);
  });

  // BUG: URL evidence is accepted with any scheme (z.url()) and rendered as a live link:
  // `url: "javascript:alert(1)"` becomes "[javascript:alert(1)](javascript:alert%281%29)" in the
  // Markdown report and "<javascript:alert(1)>" in the checklist.
  it.fails("markdown and checklist never render a javascript: or data: URL as a link", () => {
    const dir = project(
      "scheme",
      'tests:\n  data-1:\n    status: manual\n    evidence:\n      - url: "javascript:alert(1)"\n      - url: "data:text/html,<script>alert(1)</script>"\n',
    );
    let built: Built;
    try {
      built = build(dir);
    } catch {
      return; // rejecting such URLs when loading is a fix too
    }
    const markdown = render("markdown", built);
    const checklist = render("checklist", built);
    expect(markdown).not.toMatch(/\]\((javascript|data):/i);
    expect(checklist).not.toMatch(/<(javascript|data):/i);
  });

  it("a test missing from the evidence file is located at line 1", () => {
    const built = build(project("partial", "tests:\n  data-1:\n    status: none\n"));
    const log = checkSarif(built, render("sarif", built), join(tmp, "partial/mltest.yaml"));
    const lines = new Map(log.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine]));
    expect(lines.get("data-1")).toBe(2);
    expect(lines.get("monitor-7")).toBe(1);
  });
});
