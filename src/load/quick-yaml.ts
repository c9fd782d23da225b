// The quick reading of a YAML file. yaml's Document API costs ~25 ms on a cold start for a 6 KB
// evidence file, the largest part of a `mltest score` run; js-yaml reads the same file, with the
// offsets of its keys, in ~7 ms. yaml (load/yaml.ts) still reads every file js-yaml's reading
// could differ on: any error, any alias (yaml bounds their expansion), more than one document.
import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event } from "js-yaml";
import type { KeyPath } from "./yaml.js";

export interface QuickYaml {
  value: unknown;
  /** Offset of the key at `path`, or of its nearest ancestor that exists (as yaml.ts locates). */
  offsetOf(path: KeyPath): number | undefined;
}

/** A node's start and, for collections, where its children are. */
interface Located {
  start: number;
  keys?: Map<string, { keyStart: number; value: Located }>;
  items?: Located[];
}

/** The file's value and key offsets, or undefined when only the full reading can answer. */
export function quickParse(text: string): QuickYaml | undefined {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, {});
    // maxAliases 0: aliases go the full way, where yaml counts their expansion.
    documents = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  if (documents.length > 1) return undefined;
  let tree: Located | undefined;
  return {
    value: documents[0],
    offsetOf: (path) => {
      tree ??= locatedTree(events, text);
      return tree && offsetIn(tree, path);
    },
  };
}

function offsetIn(root: Located, path: KeyPath): number {
  let node = root;
  let offset = root.start;
  for (const key of path) {
    if (node.keys) {
      const entry = node.keys.get(String(key));
      if (!entry) break;
      offset = entry.keyStart;
      node = entry.value;
    } else if (node.items) {
      const item = typeof key === "number" ? node.items[key] : undefined;
      if (!item) break;
      offset = item.start;
      node = item;
    } else {
      // A scalar where a map was expected: point at the scalar itself.
      offset = node.start;
      break;
    }
  }
  return offset;
}

/** The document's nodes with their offsets, from js-yaml's flat event stream. */
function locatedTree(events: Event[], text: string): Located | undefined {
  let i = 0;
  const next = (): Located => {
    const event = events[i++]!;
    switch (event.type) {
      case EVENT_ID.MAPPING: {
        const keys = new Map<string, { keyStart: number; value: Located }>();
        while (events[i]!.type !== EVENT_ID.POP) {
          const keyEvent = events[i]!;
          const key = next();
          const value = next();
          if (keyEvent.type !== EVENT_ID.SCALAR) continue;
          const name = getScalarValue(text, keyEvent);
          if (!keys.has(name)) keys.set(name, { keyStart: key.start, value });
        }
        i++;
        return { start: event.start, keys };
      }
      case EVENT_ID.SEQUENCE: {
        const items: Located[] = [];
        while (events[i]!.type !== EVENT_ID.POP) items.push(next());
        i++;
        return { start: event.start, items };
      }
      case EVENT_ID.SCALAR: {
        // yaml counts a quoted scalar from its opening quote; js-yaml from the text inside.
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        return { start: event.valueStart - (quoted ? 1 : 0) };
      }
      case EVENT_ID.ALIAS:
        return { start: event.anchorStart - 1 };
      default:
        return { start: 0 };
    }
  };
  if (events[i]?.type !== EVENT_ID.DOCUMENT) return undefined;
  i++;
  return events[i]?.type === EVENT_ID.POP ? undefined : next();
}
