// The shape every report-like output shares: a registry of formats, each a pure function from one
// kind of input (a report, a comparison, recorded runs, a rubric…) and a context to text, and a
// record of how each format's text is kept from forming CI log commands. The CLI's --format
// choices are a registry's keys, so adding a format is one function and one line in its registry.
import type { CiSafeStyle } from "./escape.js";

export type Formats<Input, Context> = Record<string, (input: Input, context: Context) => string>;

/** How each format's text is kept from forming CI log commands (escape.ts ciSafe); "own": it encodes what it carries itself. */
export type CiSafeStyles<Registry> = Record<keyof Registry, CiSafeStyle | "own">;

/** Only colour, decided by the CLI: formatters never sniff the terminal. */
export interface ColorContext {
  color: boolean;
}

/** Whether `name` is one of the registry's formats. */
export function isFormatOf<Registry extends object>(registry: Registry, name: string): name is Extract<keyof Registry, string> {
  return Object.hasOwn(registry, name);
}
