// Reads a YAML file and checks it against a zod schema, turning every problem into a
// `file:line:col path: message` record. Keeps the parsed document so that later checks can
// locate the keys they complain about.

import { isAbsolute, relative } from "node:path";
import { type Document, isMap, isPair, isScalar, LineCounter, type Node, type Pair, parseDocument, visit, type YAMLMap } from "yaml";
import type * as z from "zod";
import { exactlyHeld } from "../score/exact.js";
import { InputError, type Problem } from "../util/errors.js";
import { readRegular } from "../util/read.js";
import { decodeText } from "../util/utf8.js";
import { didYouMean } from "./suggest.js";
import { explainYamlErrors, missingSpaceMessage } from "./yaml-errors.js";

/** Larger files are refused before parsing: no rubric or evidence file comes near this. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** yaml's guard against alias bombs ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

export type KeyPath = readonly (string | number)[];

/** A parsed YAML file, before schema checks: the plain value and a way to locate its keys. */
export interface YamlDoc {
  /** File as shown to the user. */
  file: string;
  raw: unknown;
  /** Where a key path is in the file; falls back to its nearest existing ancestor. */
  locate(path: KeyPath, message: string): Problem;
  /** Where the value at a key path begins (a key's value rather than the key); else as locate. */
  locateValue(path: KeyPath, message: string): Problem;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : file;
}

/** Reads a text file within the size limit, counted in bytes read; `bytes` are what a hash must cover. */
export function readSource(file: string, what: string): { bytes: Buffer; text: string } {
  const fail = (message: string) => new InputError([{ file: displayPath(file), message }]);
  const read = readRegular(file, MAX_YAML_BYTES);
  if (!read.ok) {
    if (read.tooLarge) throw fail(`${what} is larger than the limit of ${MAX_YAML_BYTES} bytes`);
    if (read.reason === "a folder, not a file" || read.reason === "not a regular file") throw fail(`${what} is not a file`);
    throw fail(`cannot read ${what}: ${read.reason}`);
  }
  const decoded = decodeText(read.bytes);
  if ("refused" in decoded) throw fail(decoded.refused === "binary" ? `${what} is binary, not YAML` : `${what} is not valid UTF-8`);
  return { bytes: read.bytes, text: decoded.text };
}

/**
 * Parses YAML into yaml's Document, which knows where every key is; syntax errors, duplicate keys
 * and alias bombs are thrown, located, all at once.
 */
export function parseYaml(file: string, text: string): YamlDoc {
  const shown = displayPath(file);
  const lineCounter = new LineCounter();
  // Errors are collected and located below; warnings are not printed by yaml itself.
  // Duplicate keys are found by duplicateKeys() below: yaml's own check is quadratic in a map's size.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, logLevel: "error" });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const errors = [
    // The parser's own words name its grammar; the common mistakes are said as what to change.
    ...explainYamlErrors(text, doc.errors).map(({ offset, message }) => ({ offset, problem: { file: shown, ...at(offset), message } })),
    ...duplicateKeys(doc).map(({ offset, first, path }) => ({
      offset,
      problem: {
        file: shown,
        ...at(offset),
        path: path.join("."),
        message:
          `duplicate key "${path[path.length - 1]}": it is already on line ${at(first).line}, and a key may appear once in its mapping; ` +
          "merge the two into one entry, or delete one",
      },
    })),
    ...inexactNumbers(doc).map(({ offset, text }) => ({
      offset,
      problem: {
        file: shown,
        ...at(offset),
        message: `${text} has more digits than mltest can compute with exactly; write it with at most 15 significant digits`,
      },
    })),
  ];
  if (errors.length > 0) throw new InputError(errors.sort((a, b) => a.offset - b.offset).map((e) => e.problem));
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (err) {
    throw new InputError([{ file: shown, message: `cannot expand the YAML: ${(err as Error).message}` }]);
  }
  const locator =
    (value: boolean) =>
    (path: KeyPath, message: string): Problem => ({
      file: shown,
      ...at(findOffset(doc, path, value)),
      ...(path.length > 0 ? { path: path.join(".") } : {}),
      message,
    });
  return { file: shown, raw, locate: locator(false), locateValue: locator(true) };
}

/** Checks a parsed document against its schema; every problem, located. */
export function validate<S extends z.ZodType>(doc: YamlDoc, schema: S): { value?: z.output<S>; problems: Problem[] } {
  const parsed = schema.safeParse(doc.raw);
  if (parsed.success) return { value: parsed.data, problems: [] };
  return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, doc, schema)) };
}

/** Problems in the order they appear in the file. */
export function byPosition(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function issueProblems(issue: z.core.$ZodIssue, doc: YamlDoc, schema: z.ZodType): Problem[] {
  const { locate } = doc;
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  // `path:README.md` where a mapping belongs: YAML read one text, for want of a space after the colon.
  const raw = valueAt(doc.raw, path);
  if (
    (issue.code === "invalid_union" || (issue.code === "invalid_type" && issue.expected === "object")) &&
    typeof raw === "string" &&
    SPACELESS.test(raw)
  ) {
    return [doc.locateValue(path, missingSpaceMessage(raw))];
  }
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => locate([...path, key], `unknown key "${key}"${didYouMean(key, known)}`));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    // A pointer that matches no kind: say which kinds exist rather than every branch's complaint.
    return [locate(path, `not a valid entry here; ${describeUnion(issue)}`)];
  }
  return [locate(path, issue.message)];
}

/** A key, a colon and a value with no space between: one text to YAML. */
const SPACELESS = /^[A-Za-z_][\w.-]*:[^\s:]\S*$/;

/** The plain value at a key path, or undefined. */
export function valueAt(raw: unknown, path: KeyPath): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  const keys = issue.errors
    .map((branch) => branch.find((i) => i.code === "invalid_type" && i.path.length === 1)?.path[0])
    .filter((k): k is string => typeof k === "string");
  return keys.length > 0 ? `expected exactly one of: ${keys.join(", ")}` : issue.message;
}

/** The keys an object schema allows at `path`, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: KeyPath): string[] {
  let node: z.core.$ZodType | undefined = schema;
  for (const key of [...path, null]) {
    // Look through wrappers (optional, default, transforms) to the object, record or array inside;
    // a pipe from a preprocess step (schema/record.ts) holds it on its far side.
    for (let guard = 0; node && guard < 10; guard++) {
      const def = node._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
      const pipeIn = def.type === "pipe" ? (def.in as z.core.$ZodType) : undefined;
      const inner = def.innerType ?? (pipeIn?._zod.def.type === "transform" ? def.out : pipeIn);
      if (!inner) break;
      node = inner as z.core.$ZodType;
    }
    if (!node) return [];
    const def = node._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
    if (key === null) return def.type === "object" ? Object.keys(def.shape as object) : [];
    if (def.type === "object") node = (def.shape as Record<string, z.core.$ZodType>)[String(key)];
    else if (def.type === "record") node = def.valueType as z.core.$ZodType;
    else if (def.type === "array") node = def.element as z.core.$ZodType;
    else return [];
  }
  return [];
}

/** Offset of the key at `path` (or of its nearest ancestor that exists). */
function findOffset(doc: Document, path: KeyPath, value = false): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(key));
      if (!pair) break;
      const start = value && i === path.length - 1 ? (pair.value as Node | null)?.range?.[0] : undefined;
      offset = start ?? (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (node && typeof node === "object" && "items" in node && Array.isArray(node.items)) {
      const item = typeof key === "number" ? (node.items[key] as Node | undefined) : undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      // A scalar where a map was expected: point at the scalar itself.
      offset = (node as Node | null)?.range?.[0] ?? offset;
      break;
    }
  }
  return offset;
}

/** Each map's pairs by key, built on first use: a file can have thousands of problems to locate. */
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, pair as Pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

/**
 * Numbers whose written digits a double cannot hold. The scorer computes exactly on the decimal a
 * number was written as (score/exact.ts), so a weight of 0.12345678901234567891 is refused rather
 * than silently scored as a slightly different one.
 */
function inexactNumbers(doc: Document): { offset: number; text: string }[] {
  const found: { offset: number; text: string }[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "number" && node.source !== undefined && !exactlyHeld(node.source, node.value)) {
        const text = node.source.length > 40 ? `the number ${node.source.slice(0, 40)}…` : node.source;
        found.push({ offset: node.range?.[0] ?? 0, text });
      }
    },
  });
  return found;
}

/** Every key that repeats one earlier in its map, with the key path that leads to it. */
export function duplicateKeys(doc: Document): { offset: number; first: number; path: string[] }[] {
  const found: { offset: number; first: number; path: string[] }[] = [];
  visit(doc, {
    Map(_, map, ancestors) {
      const seen = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, pair.key.range?.[0] ?? 0);
          continue;
        }
        const above = ancestors.filter(isPair).map((p) => String(isScalar(p.key) ? p.key.value : p.key));
        found.push({ offset: pair.key.range?.[0] ?? 0, first, path: [...above, String(key)] });
      }
    },
  });
  return found;
}
