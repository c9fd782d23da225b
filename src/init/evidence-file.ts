// Writes and extends mltest.yaml with the yaml package's Document API, so that comments survive:
// `init` renders a fresh file with every rubric test, `merge` adds new detections to a file a
// person has edited without changing anything they wrote. Pure: text and reports in, text out.
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { suggestions } from "../detect/suggestions.js";
import { pointerParts } from "../format/text.js";
import type { DetectReport } from "../schema/detect.js";
import type { Ignored, Pointer } from "../schema/evidence.js";
import type { Rubric } from "../schema/rubric.js";

type DetectedTest = DetectReport["tests"][number];

export interface InitOptions {
  project?: string;
  /** The rubric reference to write; omitted for the default rubric. */
  rubricRef?: string;
  /** A `# yaml-language-server: $schema=…` target for editors, when known. */
  schemaUrl?: string;
}

const WIDTH = 96;

export function renderEvidenceFile(rubric: Rubric, detected: DetectReport, options: InitOptions = {}): string {
  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root;
  const header = [
    ...(options.schemaUrl ? [` yaml-language-server: $schema=${options.schemaUrl}`] : []),
    ` Evidence for ${rubric.title} ${rubric.version}: for each test, how far this project has got and`,
    " what proves it. Written by mltest init from what it found; review every entry.",
    "   status: none | manual (run by hand, results written down) | automated (a system runs it",
    "           repeatedly) | not-applicable (give a reason)",
    " `mltest score` checks every pointer; `mltest describe TEST-ID` explains a test.",
  ];
  doc.commentBefore = header.join("\n");
  if (options.project) root.set("project", options.project);
  if (options.rubricRef) root.set("rubric", options.rubricRef);
  const tests = new YAMLMap();
  const byId = new Map(detected.tests.map((t) => [t.id, t]));
  for (const section of rubric.sections) {
    section.tests.forEach((test, i) => {
      const found = byId.get(test.id);
      const key = new Scalar(test.id);
      key.commentBefore = [
        ...(i === 0 ? [` ── ${section.title} ──`] : []),
        ` ${test.id} ${test.title}`,
        ...(test.question ? commentLines(`Asks: ${test.question}`) : []),
        ...foundComment(found),
      ].join("\n");
      // A blank line between tests, but not right under `tests:` (yaml would indent it).
      key.spaceBefore = tests.items.length > 0;
      tests.items.push(new Pair(key, entry(doc, found)));
    });
  }
  root.set("tests", tests);
  return doc.toString({ lineWidth: 0 });
}

export interface MergeResult {
  text: string;
  added: string[];
  upgraded: string[];
  pointers: number;
}

/**
 * Adds detections to an existing evidence file. A test the file lacks is added with its
 * suggestion; a test that is only `status: none` (a placeholder) takes the suggestion; any other
 * test keeps everything it has and gains only the detected pointers it does not list yet.
 */
export function mergeEvidenceFile(text: string, rubric: Rubric, report: DetectReport): MergeResult {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (!isMap(doc.contents)) throw new Error("the evidence file is not a mapping");
  // What the user dismissed is never added back (the file was checked against its schema first).
  const detected = withoutIgnored(report, (doc.toJS() as { ignore?: Ignored[] } | null)?.ignore ?? []);
  let tests = doc.get("tests", true);
  if (!isMap(tests)) {
    tests = new YAMLMap();
    doc.set("tests", tests);
  }
  const map = tests as YAMLMap;
  const order = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
  const result: MergeResult = { text: "", added: [], upgraded: [], pointers: 0 };
  for (const found of detected.tests) {
    if (!found.suggestion) continue;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === found.id);
    if (!pair) {
      const key = new Scalar(found.id);
      key.commentBefore = [` ${found.id} ${found.title}`, ...foundComment(found)].join("\n");
      key.spaceBefore = true;
      // Keep rubric order: before the first test that comes later in the rubric.
      const at = map.items.findIndex((p) => isScalar(p.key) && order.indexOf(String(p.key.value)) > order.indexOf(found.id));
      map.items.splice(at < 0 ? map.items.length : at, 0, new Pair(key, entry(doc, found)));
      result.added.push(found.id);
      continue;
    }
    const value = pair.value;
    if (!isMap(value)) continue;
    const keys = value.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ""));
    if (keys.length === 1 && keys[0] === "status" && value.get("status") === "none") {
      pair.value = entry(doc, found);
      // The placeholder's "Nothing found" comment no longer holds: say what was found instead.
      if (isScalar(pair.key)) pair.key.commentBefore = [` ${found.id} ${found.title}`, ...foundComment(found)].join("\n");
      result.upgraded.push(found.id);
      continue;
    }
    const existing: unknown = value.get("evidence", true);
    const seq = isSeq(existing) ? existing : new YAMLSeq();
    if (!isSeq(existing)) value.set("evidence", seq);
    const listed = new Set(seq.items.map((item) => JSON.stringify(doc.createNode(item).toJSON())));
    for (const pointer of found.suggestion.evidence) {
      if (listed.has(JSON.stringify(pointer))) continue;
      const node = doc.createNode(pointer);
      node.commentBefore = " added by mltest init --merge (to keep it out, delete it and list it under ignore:)";
      seq.items.push(node);
      result.pointers++;
    }
  }
  result.text = doc.toString({ lineWidth: 0 });
  return result;
}

/**
 * The detections less those an `ignore:` entry names: a test id alone drops every signal of that
 * test, a test id with a pointer's fields drops the signals whose pointer has those fields. The
 * suggestion is then made again from what is left, as detect makes it.
 */
export function withoutIgnored(report: DetectReport, ignore: readonly Ignored[]): DetectReport {
  if (ignore.length === 0) return report;
  const dismissed = (test: string, pointer: Record<string, unknown>) =>
    ignore.some(({ test: id, reason: _, ...fields }) => id === test && Object.entries(fields).every(([k, v]) => pointer[k] === v));
  return {
    ...report,
    tests: report.tests.map((test) => {
      const signals = test.signals.filter((s) => !dismissed(test.id, s.pointer));
      if (signals.length === test.signals.length) return test;
      const { suggestion: _, ...rest } = test;
      const made = suggestions(signals.map((s) => ({ ...s, test: test.id, pointer: s.pointer as Pointer }))).get(test.id)?.suggestion;
      return { ...rest, signals, ...(made ? { suggestion: made } : {}) };
    }),
  };
}

function entry(doc: Document, found: DetectedTest | undefined): YAMLMap {
  if (!found?.suggestion) return doc.createNode({ status: "none" }) as YAMLMap;
  return doc.createNode({ status: found.suggestion.status, evidence: found.suggestion.evidence }) as YAMLMap;
}

/** What was found (or what to add), as comment lines. */
function foundComment(found: DetectedTest | undefined): string[] {
  if (!found?.suggestion) {
    return found?.humanEvidence ? commentLines(`Nothing found. Add: ${found.humanEvidence}`) : [" Nothing found."];
  }
  const lines = found.signals.map((s) => {
    const { kind } = pointerParts(s.pointer);
    return `Found: ${s.what} (${s.file}:${s.line}), suggests ${s.status} via ${kind}`;
  });
  if (found.suggestion.status === "manual") lines.push("Add verified: YYYY-MM-DD with the date of the last manual run.");
  return lines.flatMap(commentLines);
}

/** Comment text wrapped to the width, each line starting with a space after the #. */
function commentLines(text: string): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    if (current && current.length + 1 + word.length > WIDTH) {
      lines.push(` ${current}`);
      current = `  ${word}`;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(` ${current}`);
  return lines;
}
