// The quick reading of YAML (src/load/quick-yaml.ts, js-yaml) against the full one (fullParse in
// src/load/yaml.ts, yaml's Document API), which is the reference. Whenever quickParse accepts a
// text, parseYaml must answer exactly as fullParse would have: the same value, fullParse would
// not have thrown, and every key path (present, missing, or going through a scalar) is located
// at the same line and column. Texts come from yaml's own stringify of generated values (under
// several styles), from every YAML file in the repository, and from hand-written edge cases.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { stringify, type ToStringOptions, type CreateNodeOptions, type DocumentOptions, type SchemaOptions } from "yaml";
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { quickParse } from "../src/load/quick-yaml.js";
import { fullParse, MAX_YAML_BYTES, parseYaml, readSource, type KeyPath, type YamlDoc } from "../src/load/yaml.js";

const ROOT = join(import.meta.dirname, "..");
const FILE = "t.yaml";
/** As in test/properties.test.ts: fixed seed, bounded runs. */
const RUNS = { seed: 42, numRuns: 300 } as const;

// ---------------------------------------------------------------------------------------------
// The contract

/** Every key path worth locating in a value: each key and item, plus paths that miss. */
function pathsOf(value: unknown, limit = 4000): KeyPath[] {
  const paths: KeyPath[] = [[], ["no-such-key"], [0], ["no-such-key", "deeper"]];
  const walk = (node: unknown, path: KeyPath): void => {
    if (paths.length >= limit) return;
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        paths.push([...path, i]);
        walk(item, [...path, i]);
      });
      // Past the end, and a key where an index was expected.
      paths.push([...path, node.length], [...path, "x"], [...path, node.length, "deeper"]);
    } else if (node !== null && typeof node === "object") {
      for (const key of Object.keys(node)) {
        paths.push([...path, key]);
        walk((node as Record<string, unknown>)[key], [...path, key]);
      }
      // An unknown key under an existing map (what a schema's "unknown key" problem locates).
      paths.push([...path, "no-such-key"], [...path, "no-such-key", "deeper"], [...path, 0]);
    } else if (path.length > 0) {
      // A path that goes through a scalar.
      paths.push([...path, "deeper"], [...path, 0, "deeper"]);
    }
  };
  walk(value, []);
  return paths;
}

/** The reference reading; fails the test (with yaml's problems) when yaml refuses the text. */
function reference(text: string): YamlDoc {
  try {
    return fullParse(FILE, text);
  } catch (err) {
    const problems = err instanceof InputError ? JSON.stringify(err.problems) : String(err);
    throw new Error(`quickParse accepted a text that yaml refuses: ${problems}\n${JSON.stringify(text)}`);
  }
}

/**
 * Checks the contract on `text`; "declined" when quickParse leaves the text to yaml. Returns the
 * number of key paths checked otherwise.
 */
function checkContract(text: string): "declined" | number {
  const quick = quickParse(text);
  if (!quick) return "declined";
  const full = reference(text);
  const doc = parseYaml(FILE, text);
  // NaN equals NaN under toStrictEqual; -0 and 0 do not; key order is not compared.
  expect(doc.raw, `value of ${JSON.stringify(text)}`).toStrictEqual(full.raw);
  expect(Object.keys(doc.raw as object), `key order of ${JSON.stringify(text)}`).toStrictEqual(Object.keys(full.raw as object));
  const paths = pathsOf(full.raw);
  for (const path of paths) {
    expect(doc.locate(path, "m"), `locate ${JSON.stringify(path)} in ${JSON.stringify(text)}`).toStrictEqual(full.locate(path, "m"));
  }
  return paths.length;
}

/** What each reading gives, for the comments on a disagreement. */
function readings(text: string): { quick: unknown; full: unknown } {
  const quick = quickParse(text);
  let full: unknown;
  try {
    full = fullParse(FILE, text).raw;
  } catch (err) {
    full = err instanceof InputError ? { problems: err.problems } : err;
  }
  return { quick: quick ? (quick.value ?? {}) : "declined", full };
}

// ---------------------------------------------------------------------------------------------
// Generated values rendered by yaml's stringify

/** Keys that look like other scalars, need quoting, or are not ASCII. */
const KEYS = [
  "a", "b", "key", "id", "tests", "data-1",
  "1", "0", "-1", "010", "1.5", "1e3", "0x1F", "0o17", "1_000", "+1",
  "true", "false", "True", "yes", "no", "on", "off", "null", "Null", "~", "",
  ".inf", "-.inf", ".nan", "2026-02-30",
  "a b", " lead", "trail ", "a: b", "a:b", "a #b", "#c", "-", "- x", "?", "? q", ":",
  "'q'", '"dq"', "it's", "[x]", "{x}", "x,y", "*a", "&a", "!t", "%p", "@a", "`b", "|", ">",
  "é", "日本語", "😀", "a\tb", "<<", "__proto__", "constructor", "---", "...",
];

const STRINGS = [
  "", " ", "  lead", "trail  ", " both ", "a: b", "a #b", "#c", "- x", "x:", "{a: 1}", "[1, 2]",
  "*a", "&a", "!t", "%p", "@a", "`b", "'", '"', "it's", "1", "1.0", "1e3", "-0", "0x1F", "0o17",
  "010", "+1", "1_000", ".inf", ".nan", "true", "yes", "no", "on", "off", "null", "~", "2026-02-30",
  "2026-02-28T10:00:00Z", "line1\nline2", "line1\nline2\n", "line1\n\n\nline2", "\nleading newline",
  "trailing newlines\n\n", "  indented first\nsecond", "tab\there", "\ttab first", "back\\slash",
  "é", "日本語", "😀", "\u00a0nbsp", "x\r\ny", "---", "...", "--- x", "a\u2028b", "ends with space\n ",
];

const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) });

/** Strings from pieces that matter to YAML (indicators, spaces, breaks, quotes, non-ASCII). */
const pieceString = fc
  .array(fc.constantFrom("a", "b", "z", " ", "  ", "\n", "\t", ":", ": ", "#", " #", "-", "'", '"', "\\", "é", "😀", "1", ".", ","), {
    maxLength: 12,
  })
  .map((parts) => parts.join(""));

const stringArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STRINGS) },
  { weight: 3, arbitrary: pieceString },
  { weight: 1, arbitrary: fc.string({ maxLength: 10, unit: "grapheme" }) },
);

const numberArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e3, 1e21, -1e-7, 0.1, -2.5, 1.5e300, 5e-324, Number.MAX_SAFE_INTEGER, Infinity, -Infinity, NaN),
  fc.double({ min: -1e6, max: 1e6 }),
  fc.double(),
);

const scalarArb = fc.oneof(
  { weight: 4, arbitrary: stringArb },
  { weight: 2, arbitrary: numberArb },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const valueArb = fc.letrec<{ value: unknown; map: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 3, arbitrary: scalarArb },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    { weight: 1, arbitrary: tie("map") },
  ),
  map: fc.dictionary(keyArb, tie("value"), { maxKeys: 5 }),
}));

/** Mostly maps at the root (as every mltest input is), sometimes a list or a scalar. */
const rootArb = fc.oneof({ weight: 6, arbitrary: valueArb.map }, { weight: 2, arbitrary: valueArb.value }, { weight: 1, arbitrary: scalarArb });

type Options = DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions;
const optionsArb: fc.Arbitrary<Options> = fc.record({
  collectionStyle: fc.constantFrom("any", "block", "flow"),
  defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED"),
  defaultKeyType: fc.constantFrom(null, "PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
  lineWidth: fc.constantFrom(0, 20, 80),
  minContentWidth: fc.constantFrom(0, 20),
  flowCollectionPadding: fc.boolean(),
  doubleQuotedAsJSON: fc.boolean(),
}) as fc.Arbitrary<Options>;

/** What a hand-edited file adds around the rendered value. */
type Wrap = "none" | "crlf" | "doc-start" | "doc-end" | "comments" | "no-final-newline";
const wrapArb = fc.constantFrom<Wrap>("none", "none", "crlf", "doc-start", "doc-end", "comments", "no-final-newline");

function render(value: unknown, options: Options, wrap: Wrap): string {
  const text = stringify(value, options);
  switch (wrap) {
    case "none":
      return text;
    case "crlf":
      return text.replace(/\n/g, "\r\n");
    case "doc-start":
      return `---\n${text}`;
    case "doc-end":
      return `${text}...\n`;
    case "comments":
      return `# leading comment\n\n${text}# trailing comment\n`;
    case "no-final-newline":
      return text.replace(/\n$/, "");
  }
}

describe("quickParse agrees with yaml on generated documents", () => {
  it("gives yaml's value and yaml's locations whenever it accepts a rendered value", () => {
    let accepted = 0;
    let declined = 0;
    let located = 0;
    fc.assert(
      fc.property(rootArb, optionsArb, wrapArb, (value, options, wrap) => {
        const text = render(value, options, wrap);
        const result = checkContract(text);
        if (result === "declined") declined++;
        else {
          accepted++;
          located += result;
        }
      }),
      RUNS,
    );
    // Only texts js-yaml cannot read alone are declined: these renderings have none of them.
    expect(accepted + declined).toBeGreaterThanOrEqual(RUNS.numRuns);
    expect(accepted / (accepted + declined)).toBeGreaterThan(0.8);
    expect(located).toBeGreaterThan(RUNS.numRuns);
  });

  it("agrees on block documents with plain strings (the style of hand-written files)", () => {
    let accepted = 0;
    let declined = 0;
    fc.assert(
      fc.property(valueArb.map, fc.constantFrom(2, 4), fc.boolean(), (value, indent, indentSeq) => {
        const text = stringify(value, { indent, indentSeq, collectionStyle: "block", defaultStringType: "PLAIN" });
        if (checkContract(text) === "declined") declined++;
        else accepted++;
      }),
      RUNS,
    );
    expect(accepted / (accepted + declined)).toBeGreaterThan(0.8);
  });
});

// ---------------------------------------------------------------------------------------------
// The repository's own YAML files

const DIRS = ["examples", "rubrics", "test/fixtures"];

function yamlFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...yamlFiles(path));
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && statSync(path).size <= MAX_YAML_BYTES) found.push(path);
  }
  return found;
}

const FILES = DIRS.flatMap((dir) => yamlFiles(join(ROOT, dir))).sort();

describe("quickParse agrees with yaml on the repository's YAML files", () => {
  it("finds the files", () => {
    expect(FILES.length).toBeGreaterThan(50);
  });

  it.each(FILES.map((file) => [relative(ROOT, file).split("\\").join("/"), file]))("%s", (_, file) => {
    let text: string;
    try {
      ({ text } = readSource(file, "file"));
    } catch {
      return; // Not UTF-8 or binary: mltest refuses it before any YAML reading.
    }
    const result = checkContract(text);
    if (result === "declined") {
      // A decline is always safe; it is only expected of the files that need yaml.
      expect(file).toMatch(/hostile|bad|alias|duplicate|syntax/);
    }
  });

  it("accepts nearly all of them", () => {
    const texts = FILES.map((file) => readSource(file, "file").text);
    const accepted = texts.filter((text) => quickParse(text) !== undefined).length;
    expect(accepted / texts.length).toBeGreaterThan(0.8);
  });
});

// ---------------------------------------------------------------------------------------------
// Edge cases

describe("quickParse agrees with yaml on edge cases", () => {
  const accepted: [string, string][] = [
    ["CRLF line endings", "a: 1\r\nb:\r\n  c: two\r\n  d: [1, 2]\r\n  e:\r\n    - x\r\n    - y: z\r\n"],
    ["CRLF with a block scalar", "a: |\r\n  one\r\n  two\r\nb: 'x\r\n  y'\r\n"],
    ["comments", "# header\na: 1 # trailing\n# between\nb:\n  # inside\n  - x # item\n  - y\n\n# footer\n"],
    ["quoted keys", "\"a b\": 1\n'c:d': 2\n\"1\": x\n'true': y\n\"\\u00e9\": z\n\"it's\": 'q'\n'say \"hi\"': w\n"],
    ["anchors without aliases", "a: &x 1\nb: &y\n  c: 2\nd: &z [1, 2]\n"],
    ["anchor and tag on a key", "&k a: 1\n!!str b: 2\n"],
    ["empty file", ""],
    ["blank lines only", "\n\n  \n"],
    ["only a comment", "# just a comment\n"],
    ["only comments and blank lines", "# one\n\n   # two\n"],
    ["block scalars", "key: |\n  line1\n  line2\nnext: >-\n  folded\n  text\n\n  para\nkeep: |+\n  x\n\nstrip: |-\n  y\nindent: |2\n    four\nlast: 1\n"],
    ["block scalar as the last value", "a: |\n  text\n"],
    ["flow map", "{a: 1}"],
    ["flow map, nested", "{a: 1, b: [x, y], c: {d: e}, 'f g': \"h\"}\n"],
    ["flow map under a key", "a: {b: 1, c: [2, 3]}\nd: []\ne: {}\n"],
    ["flow sequence over several lines", "a: [\n  1,\n  two,\n  {c: d}\n]\n"],
    ["document start", "---\na: 1\n"],
    ["document start and end", "---\na: 1\n...\n"],
    ["directive", "%YAML 1.2\n---\na: 1\n"],
    ["document start with a value on its line", "--- {a: 1}\n"],
    ["tabs inside values", "a:\t1\nb: \"x\ty\"\nc: x\ty\n"],
    ["tab after a sequence indicator", "a:\n  -\tx\n"],
    ["explicit keys", "? a\n: 1\n? b\n: [2]\n"],
    ["null values", "a:\nb: ~\nc: null\nd: Null\ne: NULL\n"],
    ["empty key", "'': 1\n\"\": 2\n"],
    ["sequence at the root", "- a\n- b: 1\n  c: 2\n- [x]\n-\n"],
    ["scalar at the root", "just text\n"],
    ["quoted scalar at the root", "'quoted'\n"],
    ["nested sequences", "a:\n- - 1\n  - 2\n- - 3\n"],
    ["multi-line plain scalar", "a: one\n  two\n\n  three\nb: 1\n"],
    ["multi-line quoted scalars", "a: \"one\n  two\\\n  three\"\nb: 'x\n\n  y'\n"],
    ["unicode keys and values", "é: ü\n日本語: 😀\n\"\\U0001F600\": x\n"],
    ["__proto__ key", "__proto__: 7\nb:\n  __proto__: {c: 1}\n"],
    ["keys that look like numbers, booleans, null (quoted)", "'1': a\n'true': b\n'~': c\n'null': d\n'1.0': e\n"],
  ];

  it.each(accepted)("%s", (_, text) => {
    expect(quickParse(text), "quickParse should accept this text").toBeDefined();
    expect(checkContract(text)).toBeTypeOf("number");
  });

  const declined: [string, string][] = [
    ["duplicate keys", "a: 1\na: 2\n"],
    ["duplicate keys in a nested map", "a:\n  b: 1\n  c: 2\n  b: 3\n"],
    ["duplicate keys in a flow map", "a: {b: 1, b: 2}\n"],
    ["duplicate keys, one quoted", "a: 1\n'a': 2\n"],
    ["an alias", "a: &x 1\nb: *x\n"],
    ["an alias to a map", "base: &b {x: 1}\nother: *b\n"],
    ["a merge key", "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n"],
    ["two documents", "a: 1\n---\nb: 2\n"],
    ["two documents, the second empty", "a: 1\n---\n"],
    ["a custom tag", "a: !reference [a, b]\n"],
    ["a custom tag on a scalar", "a: !Ref name\n"],
    ["a syntax error", "a: [1, 2\n"],
    ["a tab used as indentation", "a:\n\tb: 1\n"],
    ["a bad indentation", "a:\n  b: 1\n c: 2\n"],
  ];

  it.each(declined)("declines %s", (_, text) => {
    expect(quickParse(text)).toBeUndefined();
    // parseYaml then answers exactly as fullParse does (value or error).
    expect(readingOf(() => parseYaml(FILE, text))).toStrictEqual(readingOf(() => fullParse(FILE, text)));
  });

  it("yaml refuses the duplicate keys, the syntax errors and the tab indentation", () => {
    for (const [name, text] of declined) {
      if (/duplicate|syntax|tab|indentation/.test(name)) expect(() => fullParse(FILE, text), name).toThrow(InputError);
    }
  });

  // YAML 1.2 core schema readings, which both must give.
  const scalars: [string, unknown][] = [
    ["0x1F", 31],
    ["0o17", 15],
    [".inf", Infinity],
    ["-.inf", -Infinity],
    ["+.inf", Infinity],
    [".Inf", Infinity],
    [".nan", NaN],
    [".NaN", NaN],
    ["1_000", "1_000"],
    ["+1", 1],
    ["-1", -1],
    ["010", 10],
    ["1e3", 1000],
    ["1E3", 1000],
    ["-1.5e-3", -0.0015],
    ["1.", 1],
    [".5", 0.5],
    ["-0", -0],
    ["0.0", 0],
    ["yes", "yes"],
    ["no", "no"],
    ["on", "on"],
    ["off", "off"],
    ["Yes", "Yes"],
    ["y", "y"],
    ["true", true],
    ["True", true],
    ["TRUE", true],
    ["tRUE", "tRUE"],
    ["~", null],
    ["null", null],
    ["2026-02-30", "2026-02-30"],
    ["2026-02-28", "2026-02-28"],
    ["2026-02-28T10:00:00Z", "2026-02-28T10:00:00Z"],
    ["0b101", "0b101"],
    ["0o19", "0o19"],
    ["12:30", "12:30"],
    ["1,000", "1,000"],
    ["'0x1F'", "0x1F"],
    ['"1e3"', "1e3"],
    ["!!str 1", "1"],
    ["!!int '7'", 7],
    ["!!float 1", 1],
  ];

  it.each(scalars)("reads %s the same way in both", (scalar, expected) => {
    const text = `v: ${scalar}\n`;
    expect(checkContract(text)).toBeTypeOf("number");
    expect(fullParse(FILE, text).raw).toStrictEqual({ v: expected });
  });

  // Plain keys that the core schema reads as something other than their text: the value's key
  // is String(that reading), and both must locate it.
  const scalarKeys: [string, string][] = [
    ["plain key 1", "1: a\nb: 2\n"],
    ["plain key true", "true: a\nb: 2\n"],
  ];

  it.each(scalarKeys)("%s", (_, text) => {
    expect(checkContract(text)).toBeTypeOf("number");
  });
});

function readingOf(read: () => YamlDoc): unknown {
  try {
    const doc = read();
    return { raw: doc.raw, root: doc.locate([], "m"), missing: doc.locate(["no-such-key"], "m") };
  } catch (err) {
    return err instanceof InputError ? { problems: err.problems } : { error: String(err) };
  }
}

// Kept for the comments on disagreements below (and handy when one is found).
void readings;
