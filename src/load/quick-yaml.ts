// The quick reading of a YAML file. yaml's Document API costs ~25 ms on a cold start for a 6 KB
// evidence file, the largest part of a `mltest score` run; js-yaml reads the same file, with the
// offsets of its keys (its event stream), in ~7 ms. Where the two libraries could disagree the
// quick reading steps aside and yaml (load/yaml.ts) answers: it declines a file with any error,
// anchor or alias, explicit tag, tab, bare CR line end, directive, null key, implicit key over
// 1024 characters, number too large for a double, escaped line break in a double-quoted scalar,
// a root that is not a collection, or several documents; and it locates only keys and items it
// finds exactly, leaving the rest (block scalars, empty values, keys that read as another value,
// a path that stops short) to yaml. test/quick-yaml.test.ts holds the two readings to agree.
import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event, type ScalarEvent } from "js-yaml";
import type { KeyPath } from "./yaml.js";

export interface QuickYaml {
  value: unknown;
  /** Offset of the key or item at `path`; undefined when only yaml can say exactly where it is. */
  offsetOf(path: KeyPath): number | undefined;
}

/** A node with where it starts (undefined: not known exactly) and where its children are. */
interface Located {
  start: number | undefined;
  keys?: Map<string, { keyStart: number | undefined; value: Located }>;
  items?: Located[];
}

/** Plain scalars that the core schema reads as null: a key written so reads differently in yaml. */
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
/** Plain words the core schema reads as something other than the word itself. */
const NOT_WORDS = new Set([...NULLS, "true", "True", "TRUE", "false", "False", "FALSE"]);

/** The file's value and key offsets, or undefined when only the full reading can answer. */
export function quickParse(text: string): QuickYaml | undefined {
  // Tabs are where the two libraries' lexers differ most, and yaml does not end lines at a bare CR.
  if (text.includes("\t") || bareCarriageReturn(text)) return undefined;
  try {
    const events = parseEvents(text, {});
    // maxAliases 0: aliases go the full way, where yaml counts their expansion.
    const documents = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
    const root = documents.length === 1 ? locatedTree(events, text) : undefined;
    if (!root) return undefined;
    return { value: documents[0], offsetOf: (path) => offsetIn(root, path) };
  } catch {
    return undefined;
  }
}

function offsetIn(root: Located, path: KeyPath): number | undefined {
  if (path.length === 0) return undefined;
  let node = root;
  let offset: number | undefined;
  for (const key of path) {
    if (node.keys) {
      const entry = node.keys.get(String(key));
      if (!entry) return undefined;
      offset = entry.keyStart;
      node = entry.value;
    } else if (node.items) {
      const item = typeof key === "number" ? node.items[key] : undefined;
      if (!item) return undefined;
      offset = item.start;
      node = item;
    } else {
      return undefined;
    }
  }
  return offset;
}

/** The document's nodes with their offsets; undefined for a file the quick reading declines. */
function locatedTree(events: Event[], text: string): Located | undefined {
  let i = 0;
  let declined = false;
  const next = (): Located => {
    const event = events[i++]!;
    if ("tagStart" in event && (event.tagStart !== -1 || event.anchorStart !== -1)) declined = true;
    switch (event.type) {
      case EVENT_ID.MAPPING: {
        const keys = new Map<string, { keyStart: number | undefined; value: Located }>();
        while (events[i]!.type !== EVENT_ID.POP) {
          const keyEvent = events[i]!;
          const key = next();
          const value = next();
          if (keyEvent.type !== EVENT_ID.SCALAR) continue;
          const name = getScalarValue(text, keyEvent);
          const plain = keyEvent.style === SCALAR_STYLE.PLAIN;
          if (plain && NULLS.has(name)) declined = true;
          // yaml refuses an implicit key longer than 1024 characters, as the YAML spec says.
          if (keyEvent.valueEnd - keyEvent.valueStart > 1024) declined = true;
          // A plain key that may read as a number or a boolean is left for yaml to find.
          if (plain && !readsAsItself(name)) continue;
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
      case EVENT_ID.SCALAR:
        // yaml and js-yaml join an escaped line break and the lines after it differently.
        if (event.style === SCALAR_STYLE.DOUBLE_QUOTED && escapedBreak(text, event)) declined = true;
        // A number beyond a double (1e400) is Infinity to yaml and a string to js-yaml.
        if (event.style === SCALAR_STYLE.PLAIN && overflows(text, event)) declined = true;
        return { start: scalarStart(event) };
      default:
        return { start: undefined };
    }
  };
  const document = events[i++];
  // A %YAML 1.1 directive switches yaml to the 1.1 schema (yes, 0777, 1_000); js-yaml ignores it.
  if (document?.type !== EVENT_ID.DOCUMENT || document.directives.length > 0) return undefined;
  const first = events[i];
  if (first?.type !== EVENT_ID.MAPPING && first?.type !== EVENT_ID.SEQUENCE) return undefined;
  const root = next();
  return declined ? undefined : root;
}

/** A plain key that is a word (starts with a letter) and not true/false/null: a string as written. */
function readsAsItself(name: string): boolean {
  const first = name.charCodeAt(0);
  const letter = (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a);
  return letter && !NOT_WORDS.has(name);
}

/** A CR not followed by LF: a line end to js-yaml, not to yaml. */
function bareCarriageReturn(text: string): boolean {
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) {
    if (text[i + 1] !== "\n") return true;
  }
  return false;
}

/** A plain scalar written as a number (it starts with a digit, or a sign and a digit) beyond a double. */
function overflows(text: string, event: ScalarEvent): boolean {
  const first = text.charCodeAt(event.valueStart);
  const numeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
  return numeric && Math.abs(Number(getScalarValue(text, event))) === Infinity;
}

function escapedBreak(text: string, event: ScalarEvent): boolean {
  const source = text.slice(event.valueStart, event.valueEnd);
  return source.includes("\\\n") || source.includes("\\\r");
}

/** Where yaml says a scalar starts, when the event shows it exactly. */
function scalarStart(event: ScalarEvent): number | undefined {
  // An empty value has no text; a block scalar starts at its | or >, which the event omits.
  if (event.valueStart < 0 || event.valueEnd <= event.valueStart) return undefined;
  if (event.style === SCALAR_STYLE.PLAIN) return event.valueStart;
  // yaml counts a quoted scalar from its opening quote; js-yaml from the text inside.
  if (event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) return event.valueStart - 1;
  return undefined;
}
