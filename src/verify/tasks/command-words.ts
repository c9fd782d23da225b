// What mltest reads from one command's words before following it: the folder a `cd` moves to,
// the settings written before the command, whether it runs pytest, and its first line.
import { posix } from "node:path";
import type { SimpleCommand } from "./shell.js";

/** pytest options that make it list or describe rather than run tests. */
const PYTEST_NOT_RUNNING = new Set([
  "--version",
  "-V",
  "-h",
  "--help",
  "--co",
  "--collect-only",
  "--fixtures",
  "--markers",
  "--setup-plan",
]);

/**
 * A `cd` target whose start mltest knows: a path, the checkout root named by a CI variable or
 * `$(git rev-parse --show-toplevel)`, or a script's own folder (`$(dirname "$0")`, as scripts
 * write to reach the repository from wherever they are called). `from` replaces the current folder.
 */
export function knownFolder(word: string, root: string, scriptDir: string | undefined): { path: string; from?: string } | undefined {
  const starts: [RegExp, string | undefined][] = [
    [/^\$\(git rev-parse --show-toplevel\)/, root],
    [/^\$\((cd "?)?dirname "?(\$0|\$\{?BASH_SOURCE(\[0\])?\}?)"?\)/, scriptDir],
    [
      /^\$\{?(GITHUB_WORKSPACE|CI_PROJECT_DIR|BITBUCKET_CLONE_DIR|CODEBUILD_SRC_DIR|CIRCLE_WORKING_DIRECTORY|WORKSPACE|BUILD_SOURCESDIRECTORY)\}?|^\$\(Build\.SourcesDirectory\)/,
      root,
    ],
  ];
  for (const [pattern, from] of starts) {
    const match = pattern.exec(word);
    if (match) return from === undefined ? undefined : { path: word.slice(match[0].length).replace(/^\//, "") || ".", from };
  }
  return { path: word };
}

/** A command's words without its leading `NAME=value` settings. */
export function withoutSettings(words: string[]): string[] {
  const first = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return first < 0 ? [] : words.slice(first);
}

/** A pytest run that runs tests (not one that only lists or describes them). */
export function runsPytest(words: string[]): boolean {
  return isPytest(words) && !words.some((w) => PYTEST_NOT_RUNNING.has(w));
}

function isPytest(words: string[]): boolean {
  const head = posix.basename(words[0] ?? "");
  return head === "pytest" || head === "py.test" || (head === "hatch" && words[1] === "test");
}

/** A command's first line, without a continuation backslash: a `runs:` is one line. */
export function firstLine(command: SimpleCommand): string {
  return command.text
    .split("\n")[0]!
    .replace(/\s*\\$/, "")
    .trim();
}
