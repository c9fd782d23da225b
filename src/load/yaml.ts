// Reads a YAML file into a value checked by a zod schema, turning every problem into a
// `file:line:col path: message` record. Keeps the parsed document so later checks can locate
// the keys they complain about.
import { readFileSync, statSync } from "node:fs";
import { relative, isAbsolute } from "node:path";
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type * as z from "zod";
import { InputError, type Problem } from "../errors.js";

/** Larger files are refused before parsing: no rubric or evidence file comes near this. */
export const MAX_YAML_BYTES = 1024 * 1024;
/** yaml's guard against alias bombs ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

export type KeyPath = readonly (string | number)[];

export interface YamlSource<T> {
  value: T;
  /** File as shown to the user. */
  file: string;
  text: string;
  /** Where a key path is in the file; falls back to its nearest existing ancestor. */
  locate(path: KeyPath, message: string): Problem;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : file;
}

export function readText(file: string, what: string): string {
  const shown = displayPath(file);
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new InputError([{ file: shown, message: `${what} is not a file` }]);
    size = stat.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([{ file: shown, message: `cannot read ${what}: ${(err as Error).message}` }]);
  }
  if (size > MAX_YAML_BYTES) {
    throw new InputError([
      { file: shown, message: `${what} is ${size} bytes; the limit is ${MAX_YAML_BYTES} bytes` },
    ]);
  }
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new InputError([{ file: shown, message: `${what} is binary, not YAML` }]);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD")) {
    throw new InputError([{ file: shown, message: `${what} is not valid UTF-8` }]);
  }
  return text.replace(/^\uFEFF/, "");
}

export function parseYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): YamlSource<z.output<S>> {
  const shown = displayPath(file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({
    file: shown,
    ...at(e.pos[0]),
    message: firstLine(e.message),
  }));
  if (doc.errors.length > 0) throw new InputError(syntax);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw new InputError([{ file: shown, message: `cannot expand the YAML: ${(err as Error).message}` }]);
  }

  const locate = (path: KeyPath, message: string): Problem => ({
    file: shown,
    ...at(findOffset(doc, path)),
    ...(path.length > 0 ? { path: path.join(".") } : {}),
    message,
  });

  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.flatMap((issue) => issueProblems(issue, locate)));
  }
  return { value: parsed.data, file: shown, text, locate };
}

function issueProblems(issue: z.core.$ZodIssue, locate: YamlSource<unknown>["locate"]): Problem[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => locate([...path, key], `unknown key "${key}"`));
  }
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    // A pointer that matches no kind: say which kinds exist rather than every branch's complaint.
    return [locate(path, "not a valid entry here; " + describeUnion(issue))];
  }
  return [locate(path, issue.message)];
}

function describeUnion(issue: z.core.$ZodIssueInvalidUnion): string {
  const keys = issue.errors
    .map((branch) => branch.find((i) => i.code === "invalid_type" && i.path.length === 1)?.path[0])
    .filter((k): k is string => typeof k === "string");
  return keys.length > 0 ? `expected exactly one of: ${keys.join(", ")}` : issue.message;
}

/** Offset of the key at `path` (or of its nearest ancestor that exists). */
function findOffset(doc: Document, path: KeyPath): number | undefined {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
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

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
