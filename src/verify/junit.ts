// JUnit XML test reports, read with a real XML parser (fast-xml-parser): the test cases, whether
// each passed, and when the report was written. A report that declares a DOCTYPE is refused.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { once } from "../schema/once.js";
import { parseIsoTimestamp } from "../util/dates.js";

export interface JunitCase {
  /** "classname.name", or the name alone. */
  id: string;
  outcome: "passed" | "failed" | "skipped";
}

export type Junit = { ok: true; cases: JunitCase[]; timestamp?: string } | { ok: false; reason: string };

// Both parsers are made on first use: most runs read no report, and most reports need no guard.
const parser = once(
  () =>
    new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      // Elements that may repeat are always arrays, so one case and many look the same.
      isArray: (name) => ["testsuite", "testcase", "failure", "error", "skipped"].includes(name),
    }),
);

// A test report never needs a DOCTYPE, and its entities are a hazard: fast-xml-parser drops one
// whose value refers to another (billion laughs) and keeps "&lol9;" as literal text that reads as
// a passing case. The parser has no switch to refuse a DOCTYPE, but it hands the entities of every
// DOCTYPE it reads, anywhere in the document, to its entity decoder; one that throws there refuses
// the report. Supplying a decoder replaces the parser's own, which the main parse needs for &amp;
// and the rest, so this guard is a light pass of its own (entities and attributes off), run first.
const doctypeGuard = once(
  () =>
    new XMLParser({
      processEntities: false,
      entityDecoder: {
        addInputEntities: () => {
          throw new Error("it declares a DOCTYPE, which a test report never needs, so it is refused");
        },
        setExternalEntities: () => {},
        reset: () => {},
        setXmlVersion: () => {},
        decode: (text) => text, // never called: entities are off
      },
    }),
);

export function readJunit(xml: string): Junit {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return { ok: false, reason: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  let doc: Record<string, unknown>;
  try {
    // Every DOCTYPE starts with "<!": a report without one (nearly all) needs no guard pass.
    if (xml.includes("<!")) doctypeGuard().parse(xml);
    doc = parser().parse(xml) as Record<string, unknown>;
  } catch (err) {
    return { ok: false, reason: `cannot read the XML: ${(err as Error).message}` };
  }
  const root = (doc.testsuites ?? doc) as Record<string, unknown>;
  const suites = collectSuites(root.testsuite);
  // Dropping what lies deeper could drop the failures: a report this deep is not read at all.
  if (suites === undefined) return { ok: false, reason: `test suites nest more than ${MAX_SUITE_DEPTH} deep, which mltest does not read` };
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
  const timestamp = newest(stamps);
  return { ok: true, cases, ...(timestamp ? { timestamp } : {}) };
}

/** The newest stamp dates the report; one that is not a real ISO 8601 date and time is ignored rather than trusted. */
function newest(stamps: string[]): string | undefined {
  let best: { stamp: string; at: number } | undefined;
  for (const stamp of stamps) {
    const at = parseIsoTimestamp(stamp);
    if (at !== undefined && (best === undefined || at > best.at)) best = { stamp, at };
  }
  return best?.stamp;
}

const MAX_SUITE_DEPTH = 20;

/** Test suites may nest (pytest, Maven); flatten them. Undefined when they nest deeper than mltest reads. */
function collectSuites(value: unknown, depth = 0): Record<string, unknown>[] | undefined {
  const suites: Record<string, unknown>[] = [];
  for (const suite of asRecords(value)) {
    if (suite.testsuite === undefined) {
      suites.push(suite);
      continue;
    }
    const inner = depth < MAX_SUITE_DEPTH ? collectSuites(suite.testsuite, depth + 1) : undefined;
    if (inner === undefined) return undefined;
    suites.push(suite, ...inner);
  }
  return suites;
}

function asRecords(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is Record<string, unknown> => v !== null && typeof v === "object");
}
