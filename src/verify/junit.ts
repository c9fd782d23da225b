// JUnit XML test reports, read with a real XML parser (fast-xml-parser, which also bounds entity
// expansion): the test cases, whether each passed, and when the report was written.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface JunitCase {
  /** "classname.name", or the name alone. */
  id: string;
  outcome: "passed" | "failed" | "skipped";
}

export type Junit = { ok: true; cases: JunitCase[]; timestamp?: string } | { ok: false; reason: string };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  // Elements that may repeat are always arrays, so one case and many look the same.
  isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
});

export function readJunit(xml: string): Junit {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `cannot read the XML: ${(err as Error).message}` };
  }
  const root = (doc.testsuites ?? doc) as Record<string, unknown>;
  const suites = collectSuites(root.testsuite);
  if (suites.length === 0) return { ok: false, reason: "not a JUnit report: no <testsuite> element" };

  const cases: JunitCase[] = [];
  const stamps: string[] = [];
  if (typeof root.timestamp === "string") stamps.push(root.timestamp);
  for (const suite of suites) {
    if (typeof suite.timestamp === "string") stamps.push(suite.timestamp);
    for (const c of asRecords(suite.testcase)) {
      const name = String(c.name ?? "");
      const id = c.classname ? `${String(c.classname)}.${name}` : name;
      const outcome = c.failure || c.error ? "failed" : c.skipped ? "skipped" : "passed";
      cases.push({ id, outcome });
    }
  }
  // The newest stamp dates the report; an unparseable one is ignored rather than trusted.
  const timestamp = stamps.filter((s) => !Number.isNaN(Date.parse(s))).sort().pop();
  return { ok: true, cases, ...(timestamp ? { timestamp } : {}) };
}

/** Test suites may nest (pytest, Maven); flatten them. */
function collectSuites(value: unknown, depth = 0): Record<string, unknown>[] {
  if (depth > 20) return [];
  return asRecords(value).flatMap((suite) => [suite, ...collectSuites(suite.testsuite, depth + 1)]);
}

function asRecords(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object");
}
