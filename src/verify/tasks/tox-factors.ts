// tox's env names and factor conditions: a generative name stands for several envs
// (`py{39,310}-unit`), and a line under a condition (`py38,!ci: pytest`) holds for the envs whose
// name, split at `-`, matches it.
import { MAX_TASKS, shellLines } from "./task-file.js";

/** Brace groups in one env name beyond this many are left as written: each multiplies the names. */
const MAX_BRACE_GROUPS = 8;
/** Terms of one factor condition beyond this many are dropped (braces multiply them). */
const MAX_TERMS = 256;

/** A factor condition: an OR of terms, each an AND of factors, some negated (`!ci`). */
export type Condition = { factor: string; negate: boolean }[][];
/** A value's line with the conditions that must all hold for it (more than one through a reference). */
export interface Line {
  text: string;
  when: Condition[];
}

/** A value's lines, each without its factor condition (`py38,py39: pytest` → `pytest` when py38 or py39). */
export function conditional(value: string): Line[] {
  return shellLines(value).map((line) => {
    const m = /^([\w{}.!,-]+):\s+(\S.*)$/.exec(line);
    return m ? { text: m[2]!.trim(), when: [condition(m[1]!)] } : { text: line, when: [] };
  });
}

/** `py{310,311}-unit,!ci` → [[py310, unit], [py311, unit], [!ci]]. */
function condition(text: string): Condition {
  return toxNames(text)
    .slice(0, MAX_TERMS)
    .map((term) => term.split("-").map((f) => ({ factor: f.replace(/^!/, ""), negate: f.startsWith("!") })));
}

/** Whether an env of these factors matches: any term whose every factor is present (or, negated, absent). */
export function matches(condition: Condition, factors: Set<string>): boolean {
  return condition.some((term) => term.every((f) => factors.has(f.factor) !== f.negate));
}

/** Env names from a list split at commas and newlines outside braces, each brace-expanded. */
export function toxNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= list.length && names.length < MAX_TASKS; i++) {
    const c = list[i];
    if (c === "{") depth++;
    else if (c === "}") depth = Math.max(0, depth - 1);
    else if (i === list.length || ((c === "," || c === "\n") && depth === 0)) {
      names.push(...expandBraces(list.slice(start, i).trim()).filter(Boolean));
      start = i + 1;
    }
  }
  return names.slice(0, MAX_TASKS);
}

/** `py{39,310}-{unit,int}` → py39-unit, py39-int, py310-unit, py310-int. */
function expandBraces(word: string): string[] {
  let results = [""];
  let i = 0;
  for (let groups = 0; i < word.length; groups++) {
    const open = word.indexOf("{", i);
    const close = open < 0 ? -1 : word.indexOf("}", open);
    if (close < 0 || groups >= MAX_BRACE_GROUPS) break;
    const literal = word.slice(i, open);
    const options = word
      .slice(open + 1, close)
      .split(",")
      .map((o) => o.trim());
    const next: string[] = [];
    for (const r of results) for (const o of options.slice(0, MAX_TASKS - next.length)) next.push(r + literal + o);
    results = next;
    i = close + 1;
  }
  return results.map((r) => r + word.slice(i));
}
