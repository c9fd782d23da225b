// Property tests (fast-check, fixed seed, bounded runs) of the loaders: any bytes, YAML-ish texts
// from a small grammar, and valid files with one value changed must end in a value or an
// InputError whose problems are each a file and a message (with line and column of at least 1 when
// given), never anything else. The evidence loader, the rubric loader, the JSON report loader and
// the history parser.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { parseHistory } from "../src/history.js";
import { loadReport } from "../src/load/report.js";
import { type LoadedRubric, loadRubric } from "../src/load/rubric.js";
import { loadProject, scoreProject } from "../src/project.js";
import { historyEntrySchema } from "../src/schema/history.js";
import { InputError, type Problem } from "../src/util/errors.js";
import { ROOT } from "./run.js";

fc.configureGlobal({ seed: 42, numRuns: 200 });

let scratch: string;
const rubrics = new Map<string, LoadedRubric>();
let validReportJson: string;
beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "mltest-properties-")));
  // Generated with the loaders and the scorer: the valid report that the report cases change.
  const project = loadProject(join(ROOT, "test/fixtures/hostile/project"), { rubrics });
  validReportJson = JSON.stringify(scoreProject(project, { asOf: "2026-03-01", thresholds: {} }), null, 2);
  // yaml warns (on process warnings) about some keys it stringifies; the loaders' results are what is tested here.
  vi.spyOn(process, "emitWarning").mockImplementation(() => undefined);
});
afterAll(() => {
  vi.restoreAllMocks();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every problem: a file, a one-line message, and positions of at least 1 when given. */
function expectProblems(problems: Problem[], { located = false } = {}): void {
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p.file).toBe("string");
    expect(p.file.length).toBeGreaterThan(0);
    expect(typeof p.message).toBe("string");
    expect(p.message.trim().length).toBeGreaterThan(0);
    expect(p.message).not.toContain("\n");
    if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    if (p.col !== undefined) expect(Number.isInteger(p.col) && p.col >= 1).toBe(true);
    if (located) expect(p.line, `${p.file} ${p.path ?? ""}: ${p.message} has no line`).toBeDefined();
  }
}

/** `load` returns, or throws an InputError with well-formed problems; anything else fails the property. */
function returnsOrInputError(load: () => unknown, options?: { located?: boolean }): void {
  try {
    load();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expectProblems(err.problems, options);
  }
}

let fileCounter = 0;
function freshFile(name: string, content: string | Uint8Array): string {
  const dir = join(scratch, `f-${++fileCounter}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

const bytes = fc.uint8Array({ maxLength: 2048 });

/** YAML-ish text from tokens that YAML gives meaning to, and keys the loaders look for. */
function yamlish(words: string[]): fc.Arbitrary<string> {
  const syntax = [
    "\n",
    "\n",
    "\n  ",
    "\n    ",
    " ",
    ": ",
    ":",
    "- ",
    "-",
    '"',
    "'",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "!!binary ",
    "!!map ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "? ",
    "|",
    ">-",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<<: *a",
    "\t",
    "\r\n",
    "\uFEFF",
    "\\u0000",
    "~",
    "null",
    "true",
    "1e400",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "0x1F",
    "-0",
    "2026-02-30",
    "__proto__",
    "constructor",
    "d\u0430ta-1",
    "../",
    "\u0000",
  ];
  return fc.array(fc.constantFrom(...syntax, ...words), { maxLength: 60 }).map((tokens) => tokens.join(""));
}

/** One value somewhere in `value` replaced by `replacement`, the path chosen by `choices`. */
function replaced(value: unknown, choices: readonly number[], replacement: unknown): unknown {
  if (choices.length === 0 || value === null || typeof value !== "object") return replacement;
  const [choice, ...rest] = choices;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const i = choice! % value.length;
    return value.map((v, k) => (k === i ? replaced(v, rest, replacement) : v));
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[choice! % keys.length]!;
  return { ...value, [key]: replaced((value as Record<string, unknown>)[key], rest, replacement) };
}

const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -1,
    -0,
    1e308,
    "",
    " ",
    "2026-02-30",
    "__proto__",
    "none",
    "automated",
    "../x",
    "a\u0000b",
  ),
  fc.dictionary(fc.constantFrom("__proto__", "constructor", "toString", "data", "data-1", "status", "x"), fc.jsonValue({ maxDepth: 1 }), {
    maxKeys: 3,
  }),
);
const replacement = fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), oddValue);

describe("the evidence loader (loadProject)", () => {
  const evidenceWords = [
    "tests:",
    "tests",
    "status:",
    "status",
    "evidence:",
    "path:",
    "doc:",
    "ci:",
    "report:",
    "url:",
    "runs:",
    "cases:",
    "verified:",
    "expires:",
    "reason:",
    "approvedBy:",
    "owner:",
    "notes:",
    "gate:",
    "minScore:",
    "minSection:",
    "preset:",
    "production",
    "strict:",
    "maxAgeDays:",
    "rubric:",
    "ml-test-score-2016",
    "project:",
    "data-1",
    "model-7",
    "data",
    "none",
    "manual",
    "automated",
    "not-applicable",
    "https://example.com",
    "2026-01-31",
  ];
  const EVIDENCE = {
    project: "p",
    gate: { minScore: 1, minSection: { data: 1 } },
    tests: {
      "data-1": { status: "manual", verified: "2026-02-01", evidence: [{ doc: "docs/review.md" }] },
      "monitor-7": { status: "not-applicable", reason: "r", expires: "2027-01-01" },
    },
  };
  const loadWith = (content: string | Uint8Array) => {
    const file = freshFile("mltest.yaml", content);
    return () => loadProject(join(file, ".."), { rubrics });
  };

  it("any bytes: a project or an InputError", () => {
    fc.assert(
      fc.property(bytes, (b) => returnsOrInputError(loadWith(b))),
      { numRuns: 150 },
    );
  });

  it("YAML-ish text: a project or an InputError", () => {
    fc.assert(
      fc.property(yamlish(evidenceWords), (text) => returnsOrInputError(loadWith(text))),
      { numRuns: 150 },
    );
  });

  it("a valid file with one value changed: a project or an InputError with every problem located", () => {
    fc.assert(
      fc.property(replacement, ([path, value]) =>
        returnsOrInputError(loadWith(stringify(replaced(EVIDENCE, path, value))), { located: true }),
      ),
      { numRuns: 150 },
    );
  });
});

describe("the rubric loader (loadRubric)", () => {
  const rubricWords = [
    "id:",
    "title:",
    "version:",
    "scoring:",
    "points:",
    "none:",
    "manual:",
    "automated:",
    "aggregate:",
    "min",
    "weighted-mean",
    "bands:",
    "max:",
    "label:",
    "sections:",
    "tests:",
    "weight:",
    "disabled:",
    "related:",
    "detect:",
    "files:",
    "contains:",
    "(a+)+$",
    "[z-a]",
    "gates:",
    "extends:",
    "ml-test-score-2017",
    "./self.yaml",
    "why:",
    "how:",
    "data",
    "data-1",
  ];
  const TINY = {
    id: "tiny",
    title: "Tiny",
    version: 1,
    scoring: {
      points: { none: 0, manual: 0.5, automated: 1 },
      aggregate: "min",
      bands: [
        { max: 0, label: "zero" },
        { max: 2, label: "two" },
      ],
    },
    gates: { production: { minScore: 1, minSection: { data: 1 } } },
    sections: [
      {
        id: "data",
        title: "Data",
        weight: 1,
        tests: [
          { id: "data-1", title: "T", why: "W", how: "H", manual: "M", automated: "A", weight: 1, related: ["data-2"] },
          {
            id: "data-2",
            title: "T",
            why: "W",
            how: "H",
            manual: "M",
            automated: "A",
            detect: [{ what: "x", status: "manual", files: ["*.md"] }],
          },
        ],
      },
    ],
  };
  const loadWith = (content: string | Uint8Array) => {
    const file = freshFile("rubric.yaml", content);
    return () => loadRubric(file);
  };

  it("any bytes: a rubric or an InputError", () => {
    fc.assert(
      fc.property(bytes, (b) => returnsOrInputError(loadWith(b))),
      { numRuns: 150 },
    );
  });

  it("YAML-ish text: a rubric or an InputError", () => {
    fc.assert(
      fc.property(yamlish(rubricWords), (text) => returnsOrInputError(loadWith(text))),
      { numRuns: 150 },
    );
  });

  it("a valid rubric with one value changed: a rubric or an InputError with every problem located", () => {
    expect(() => loadRubric(freshFile("rubric.yaml", stringify(TINY)))).not.toThrow();
    fc.assert(
      fc.property(replacement, ([path, value]) => returnsOrInputError(loadWith(stringify(replaced(TINY, path, value))), { located: true })),
      { numRuns: 150 },
    );
  });
});

describe("the JSON report loader (loadReport)", () => {
  const reportWords = [
    '"schemaVersion": 1',
    '"sections": [',
    '"tests": [',
    '"score": ',
    '"max": ',
    '"status": "none"',
    '"asOf": "2026-03-01"',
    '"final": {',
    '"gate": {',
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    "1",
    "-1",
    "0.5",
    "true",
    "null",
  ];
  const loadWith = (content: string | Uint8Array) => {
    const file = freshFile("report.json", content);
    return () => loadReport(file);
  };

  it("the generated report loads", () => {
    expect(loadWith(validReportJson)()).toMatchObject({ schemaVersion: 2, project: { name: "tiny-project" } });
  });

  it("any bytes: a report or an InputError", () => {
    fc.assert(
      fc.property(bytes, (b) => returnsOrInputError(loadWith(b))),
      { numRuns: 150 },
    );
  });

  it("JSON-ish text: a report or an InputError", () => {
    fc.assert(
      fc.property(yamlish(reportWords), (text) => returnsOrInputError(loadWith(text))),
      { numRuns: 150 },
    );
  });

  it("a valid report with one value changed: a report or an InputError with every problem located", () => {
    const valid = JSON.parse(validReportJson) as unknown;
    fc.assert(
      fc.property(replacement, fc.boolean(), ([path, value], asYaml) => {
        const changed = replaced(valid, path, value);
        // JSON cannot hold NaN or ±Infinity; YAML can, and the loader reads YAML.
        returnsOrInputError(loadWith(asYaml ? stringify(changed) : (JSON.stringify(changed, null, 2) ?? "null")), { located: true });
      }),
      { numRuns: 150 },
    );
  });
});

describe("the history parser (parseHistory)", () => {
  const ENTRY = {
    date: "2026-02-01",
    commit: "0123456789abcdef0123456789abcdef01234567",
    branch: "main",
    rubric: { id: "tiny", version: "1", sha256: "ab" },
    sections: { data: 1 },
    final: 1,
    max: 1,
    band: "one",
    statuses: { "data-1": "automated" },
  };
  const FILE = ".mltest/history.jsonl";

  function expectParsed(text: string): void {
    const { entries, problems } = parseHistory(text, FILE);
    for (const e of entries) expect(historyEntrySchema().safeParse(e).success).toBe(true);
    const lines = text.split("\n");
    for (const p of problems) {
      expect(p.file).toBe(FILE);
      expect(p.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(p.line) && p.line! >= 1 && p.line! <= lines.length).toBe(true);
      expect(p.col).toBe(1);
      expect(lines[p.line! - 1]!.trim()).not.toBe("");
    }
    // Each non-blank line is an entry or a problem, never both, never neither.
    expect(entries.length + problems.length).toBe(lines.filter((l) => l.trim() !== "").length);
  }

  it("any text, and any bytes decoded leniently: entries and located problems, never a throw", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2048, unit: "binary" }), (text) => expectParsed(text)),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(bytes, (b) => expectParsed(Buffer.from(b).toString("utf8"))),
      { numRuns: 150 },
    );
  });

  it("valid lines with values changed, mixed with blank and broken lines", () => {
    const line = fc.oneof(
      fc.constant(JSON.stringify(ENTRY)),
      replacement.map(([path, value]) => JSON.stringify(replaced(ENTRY, path, value)) ?? "null"),
      fc.constantFrom("", "   ", "\r", "{", "[".repeat(5000), "NaN", '{"date":"2026-02-30"}', "null"),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.boolean(), (lines, windows) => expectParsed(lines.join(windows ? "\r\n" : "\n"))),
      { numRuns: 150 },
    );
  });
});
