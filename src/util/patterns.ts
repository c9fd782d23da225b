// Patterns meet repository text, and V8's backtracking engine can take hours on a 30-character
// pattern, or minutes on a harmless-looking one ("^\s*import" over a file of blank lines). So
// every rubric regular expression runs in RE2 (re2js), in time linear in the text, and a pattern
// that needs what RE2 lacks (look-ahead, back-references) is refused with a reason. Globs from a
// repository (evidence `path:` globs, a repository rubric's `files:`, GitLab include globs,
// .gitignore rules) run in RE2 too; the built-in rubrics' globs, matched against paths, run in
// picomatch as written.
import ignore from "ignore";
import picomatch from "picomatch";
import { RE2JS } from "re2js";

/** What mltest asks of a compiled pattern: the first match, its offset and text. */
export interface Pattern {
  test(text: string): boolean;
  exec(text: string): { index: number; 0: string } | null;
}

export type Compiled<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A regular expression in multi-line mode (^ and $ at line ends), run by RE2; look-behinds allowed (RE2JS runs them in linear time). */
export function safeRegex(source: string): Compiled<Pattern> {
  try {
    new RegExp(source, "m"); // compiling runs nothing: the syntax check users know
  } catch (err) {
    return { ok: false, reason: `not a valid regular expression: ${firstLine(err)}` };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.MULTILINE | RE2JS.LOOKBEHINDS);
  } catch (err) {
    return {
      ok: false,
      reason: `a regular expression mltest cannot run in linear time (no look-ahead, no back-references): ${firstLine(err)}`,
    };
  }
  return {
    ok: true,
    value: {
      test: (text) => re.test(text),
      // The DFA answers "is there a match" fast; the slower search for where runs only when there is one.
      exec: (text) => (re.test(text) ? (re.exec(text) as { index: number; 0: string } | null) : null),
    },
  };
}

/**
 * A glob as picomatch reads it (dotfiles match, no extglobs, no leading-! negation), matched by
 * RE2. picomatch guards each wildcard against matching "." and ".." path segments and the empty
 * string with look-aheads, which RE2 cannot run; the paths mltest matches are normalised,
 * relative and never empty, so those guards can never fire and are dropped. Any other look-around
 * left in picomatch's translation refuses the glob.
 */
export function safeGlob(glob: string): Compiled<(path: string) => boolean> {
  let source: string;
  try {
    source = picomatch.makeRe(glob, GLOB_OPTIONS).source;
  } catch (err) {
    return { ok: false, reason: `not a valid glob: ${firstLine(err)}` };
  }
  for (const guard of DOT_GUARDS) source = source.split(guard).join("");
  const compiled = safeRegex(source);
  if (!compiled.ok) return { ok: false, reason: `a glob mltest cannot match in linear time: ${glob}` };
  return { ok: true, value: withTail(glob, (path) => compiled.value.test(path)) };
}

/** The same, trusted: picomatch's own matcher, extglobs and all, for the built-in rubrics' globs. */
export function trustedGlob(glob: string): (path: string) => boolean {
  return withTail(glob, picomatch(glob, { dot: true }));
}

/**
 * A matcher that first checks the literal text every match must end with ("**\/*.py" → ".py",
 * "src/**\/train.py" → "train.py"): a string comparison turns most paths away before the pattern
 * runs. The tail is what follows the last special character of the last path segment.
 */
function withTail(glob: string, isMatch: (path: string) => boolean): (path: string) => boolean {
  const last = glob.slice(glob.lastIndexOf("/") + 1);
  let from = last.length;
  while (from > 0 && !"*?[]{}()!+@\\".includes(last[from - 1]!)) from--;
  const tail = last.slice(from);
  return tail === "" ? isMatch : (path) => path.endsWith(tail) && isMatch(path);
}

/**
 * Whether a .gitignore file's rules ignore a path (relative to the file's folder; a folder ends
 * in "/"). `ignore` reads the rules, with git's syntax and precedence (the last rule that matches
 * decides; "!" un-ignores), and translates each to a regular expression, which RE2 runs: one
 * pass of all the rules together answers most paths, and the rules one by one decide the rest.
 * `ignore` ends a rule with one look-ahead, "(?=$|\/$)", which at the end of a pattern tests the
 * same as matching it. A rule RE2 cannot run is left out, and counted in `skipped`.
 */
export function gitignoreRules(text: string): { ignores: (path: string) => boolean; skipped: number } {
  // `ignore` reads each line with backtracking expressions of its own: a rule longer than any
  // path could be (4 KiB) is left out before it is read, and so are the lines past the 2,000th
  // (real .gitignore files hold a few hundred).
  const lines = text.split(/\r?\n/);
  const kept = lines.slice(0, MAX_RULES).filter((line) => line.length <= MAX_RULE_LENGTH);
  const parsed = (ignore().add(kept) as unknown as { _rules: { _rules: { negative: boolean; regex: RegExp }[] } })._rules._rules;
  const rules: { negative: boolean; source: string; re: RE2JS }[] = [];
  let skipped = lines.length - kept.length;
  for (const rule of parsed) {
    try {
      const source = rule.regex.source.replace(/\(\?=\$\|\\\/\$\)$/, "(?:$|\\/$)");
      rules.push({ negative: rule.negative, source, re: RE2JS.compile(source, RE2JS.CASE_INSENSITIVE) });
    } catch {
      skipped++;
    }
  }
  if (rules.length === 0) return { ignores: () => false, skipped };
  let any: RE2JS | undefined;
  try {
    any = RE2JS.compile(rules.map((r) => `(?:${r.source})`).join("|"), RE2JS.CASE_INSENSITIVE);
  } catch {
    any = undefined; // too many rules for one program: each is tried in turn
  }
  const ignores = (path: string): boolean => {
    if (any && !any.test(path)) return false;
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i]!;
      if (rule.re.test(path)) return !rule.negative;
    }
    return false;
  };
  return { ignores, skipped };
}

const MAX_RULE_LENGTH = 4096;
const MAX_RULES = 2000;

const GLOB_OPTIONS = { dot: true, noextglob: true, nonegate: true, windows: false } as const;
const chars = picomatch.constants.globChars(false);
/** Longest first: NO_DOTS contains NO_DOTS_SLASH's text. */
const DOT_GUARDS = [chars.NO_DOTS, chars.NO_DOTS_SLASH, chars.NO_DOT_SLASH, chars.NO_DOT, chars.ONE_CHAR].sort(
  (a, b) => b.length - a.length,
);

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split("\n")[0]!;
}
