// A parsed YAML file checked against a zod schema: each zod issue becomes a located problem said
// in the file's terms (an unknown key with the key it may have meant, a pointer that matches no
// kind with the kinds there are).
import type * as z from "zod";
import type { Problem } from "../util/errors.js";
import { didYouMean } from "./suggest.js";
import type { YamlDoc } from "./yaml.js";
import { missingSpaceMessage } from "./yaml-errors.js";
import { type KeyPath, valueAt } from "./yaml-locate.js";

/** Checks a parsed document against its schema; every problem, located. */
export function validate<S extends z.ZodType>(doc: YamlDoc, schema: S): { value?: z.output<S>; problems: Problem[] } {
  const parsed = schema.safeParse(doc.raw);
  if (parsed.success) return { value: parsed.data, problems: [] };
  return { problems: parsed.error.issues.flatMap((issue) => issueProblems(issue, doc, schema)) };
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
