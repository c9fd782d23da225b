// A CI file in YAML, read as data: parsed with the limits every reader here shares.
import { type CollectionTag, parseDocument, YAMLSeq } from "yaml";
import { duplicateKeys, MAX_ALIAS_COUNT } from "../../load/yaml.js";
import { isRecord } from "../../util/own.js";
import type { ProjectReader } from "../files.js";

/** GitLab's `!reference [.job, key]`, kept as data and resolved against the jobs once all are read. */
const referenceTag: CollectionTag = {
  tag: "!reference",
  collection: "seq",
  identify: () => false,
  resolve(seq) {
    const reference = new YAMLSeq();
    reference.items = (seq as YAMLSeq).items;
    const path = reference.items.map((item) => String((item as { value?: unknown }).value ?? item));
    Object.assign(reference, { toJSON: () => ({ $reference: path }) });
    return reference;
  },
};

/**
 * Larger CI files are not read: parsed YAML costs some 70 times its size in memory, and real
 * workflow and pipeline files are a few kilobytes.
 */
export const MAX_CI_BYTES = 1024 * 1024;

/** A CI file parsed to a mapping, or why it cannot be read (too large, not YAML, not a mapping). */
export function loadCiYaml(
  files: ProjectReader,
  rel: string,
): { ok: true; doc: Record<string, unknown>; id: string } | { ok: false; reason: string } {
  const read = files.read(rel, MAX_CI_BYTES);
  if (!read.ok) return read;
  try {
    const doc: unknown = parseFull(read.text);
    if (!isRecord(doc)) return { ok: false, reason: "not a CI configuration: the YAML holds no mapping" };
    return { ok: true, doc, id: read.id };
  } catch (err) {
    return { ok: false, reason: `not valid YAML: ${(err as Error).message.split("\n")[0]}` };
  }
}

/**
 * yaml's reading, with GitLab's !reference tag and a cap on alias expansion. yaml's own
 * duplicate-key check is quadratic in a map's size, so it is off and load/yaml.ts's linear one
 * runs instead: CI systems refuse a key given twice, and so does mltest.
 */
function parseFull(text: string): unknown {
  const doc = parseDocument(text, { customTags: [referenceTag], logLevel: "error", uniqueKeys: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  const duplicate = duplicateKeys(doc)[0];
  if (duplicate) throw new Error(`Map keys must be unique: "${duplicate.path[duplicate.path.length - 1]}" is given twice`);
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}
