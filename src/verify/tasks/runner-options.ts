// How a runner's command line is read: the options that take a value (a folder, a file, task
// names), and those that make a runner list, describe or only pretend, running nothing.

/** What a runner's command line asks for: folder and file options, the task names (none: its default). */
export interface Parsed {
  dir?: string;
  file?: string;
  names: string[];
}

/** Options that make a runner list, describe or only pretend: it runs nothing. */
const NOT_RUNNING = new Set([
  "-n",
  "--dry-run",
  "--just-print",
  "--recon",
  "-q",
  "--question",
  "-p",
  "--print-data-base",
  "-l",
  "--list",
  "--show",
  "-s",
  "--summary",
  "--dump",
  "--evaluate",
  "--choose",
  "--dry",
  "--queue",
  "--help",
  "-h",
  "--version",
]);
/** Whether the words hold one of `flags`, the runner's own options that run nothing. */
export const runsNothing = (words: string[], flags: string[]) => words.some((w) => flags.includes(w) && NOT_RUNNING.has(w));

/**
 * Reads a runner's options: `values` names the options that take the next word (as the folder,
 * the file, or task names; "names+" takes every word up to the next option). Other words are task
 * names when `isName` says so. Undefined for an option without its value.
 */
export function options(
  words: string[],
  values: Record<string, string>,
  isName: (word: string) => boolean = () => true,
): Parsed | undefined {
  const parsed: Parsed = { names: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [option, inline] =
      word.startsWith("--") && word.includes("=")
        ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
        : [word, undefined];
    const role = values[option];
    if (role !== undefined) {
      const value = inline ?? words[++i];
      if (value === undefined) return undefined;
      if (role === "dir") parsed.dir = value;
      else if (role === "file") parsed.file = value;
      else if (role === "names") parsed.names.push(value);
      else if (role === "names+") {
        parsed.names.push(value);
        while (i + 1 < words.length && !words[i + 1]!.startsWith("-")) parsed.names.push(words[++i]!);
      }
    } else if (!word.startsWith("-") && isName(word)) parsed.names.push(word);
  }
  return parsed;
}
