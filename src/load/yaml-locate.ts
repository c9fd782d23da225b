// Where a key path is in a parsed YAML file, so that a problem found in the plain value (by a
// schema, or a later cross-check) is reported at the line a person has to change.
import { type Document, isMap, isScalar, type Node, type Pair, type YAMLMap } from "yaml";

export type KeyPath = readonly (string | number)[];

/** The plain value at a key path, or undefined. */
export function valueAt(raw: unknown, path: KeyPath): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** Offset of the key at `path` (or of its nearest ancestor that exists). */
export function findOffset(doc: Document, path: KeyPath, value = false): number | undefined {
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
