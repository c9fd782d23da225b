// Reads a YAML file, turning every problem into a `file:line:col path: message` record: syntax
// errors (said in plain words by yaml-errors.ts), duplicate keys, alias bombs, numbers with more
// digits than mltest computes with. Keeps the parsed document so that later checks can locate the
// keys they complain about (yaml-locate.ts); yaml-validate.ts checks it against a zod schema.

import { isAbsolute, relative } from "node:path";
import { type Document, isPair, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { exactlyHeld } from "../score/exact.js";
import { InputError, type Problem } from "../util/errors.js";
import { readRegular } from "../util/read.js";
import { decodeText } from "../util/utf8.js";
import { explainYamlErrors } from "./yaml-errors.js";
import { findOffset, type KeyPath } from "./yaml-locate.js";

/** Larger files are refused before parsing: no rubric or evidence file comes near this. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** yaml's guard against alias bombs ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;

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

/** Problems in the order they appear in the file. */
export function byPosition(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
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
