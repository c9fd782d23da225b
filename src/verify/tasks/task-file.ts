// What a task runner's file declares: its tasks, each with the shell lines it runs and the tasks
// it brings along, and the tasks the runner picks when CI names none. The readers beside this file
// fill it from one file each; they never run anything they read.
import { parse as parseToml } from "smol-toml";
import { isRecord } from "../../util/own.js";

export interface Task {
  /** Shell command lines the task runs, in order, as written (continuation lines joined, make's @ - + prefixes dropped). */
  commands: string[];
  /** Other tasks of the same file that run with it, in order (make prerequisites, just dependencies, poe/pdm sequences and refs, mise depends, npm pre/post scripts, nox session.notify). */
  needs: string[];
  /** 1-based line where the task is defined (1 when unknown). */
  line: number;
  /** The folder the commands run in, relative to the task file's folder, when the file sets one (just's working-directory, tox's changedir, dvc's wdir, mise's dir). */
  dir?: string;
}
export interface TaskFile {
  tasks: Map<string, Task>;
  /** The tasks the runner runs when none is named: make's first ordinary target, just's `default` recipe or first recipe, tox's env_list/envlist, nox's nox.options.sessions or else every session, every dvc stage. Empty when none. */
  defaults: string[];
  /** What runs for a task the file does not name: tox runs `[testenv]` for any env (`tox -e py`), its factor conditions decided by the env's name. */
  fallback?: (name: string) => Task;
}

/** Tasks beyond this many are not read: generated files can multiply them. */
export const MAX_TASKS = 10_000;
/** Commands of one task beyond this many are dropped. */
export const MAX_COMMANDS = 1_000;

export type Doc = Record<string, unknown>;

/** Turns a task file's text into tasks; undefined when the text is not what it reads. */
export type Reader = (text: string) => TaskFile | undefined;

export function emptyTaskFile(): TaskFile {
  return { tasks: new Map(), defaults: [] };
}

/** Adds or replaces a task within the caps; a new task past MAX_TASKS is dropped. */
export function setTask(file: TaskFile, name: string, task: Task): void {
  if (!file.tasks.has(name) && file.tasks.size >= MAX_TASKS) return;
  const copy: Task = { commands: task.commands.slice(0, MAX_COMMANDS), needs: task.needs.slice(0, MAX_COMMANDS), line: task.line };
  if (task.dir !== undefined) copy.dir = task.dir;
  file.tasks.set(name, copy);
}

/**
 * The task a runner's command names: `name` itself, else, as nox names a session's runs, `name`
 * without a `(…)` parameter suffix (`tests(django='4')`) or a `-3.11` python suffix (`tests-3.11`),
 * or both. Only a name the file lacks is shortened, so a task named so exactly is still found.
 */
export function taskNamed(file: TaskFile, name: string): Task | undefined {
  const exact = file.tasks.get(name);
  if (exact) return exact;
  const unparametrized = name.endsWith(")") && name.indexOf("(") > 0 ? name.slice(0, name.indexOf("(")) : name;
  for (const candidate of [unparametrized, unparametrized.replace(/-(?:pypy-?)?\d+(?:\.\d+)*t?$/, "")]) {
    const found = candidate && candidate !== name ? file.tasks.get(candidate) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** A folder as a task file writes it, relative to the file: `./ci/` → `ci`; undefined for the file's own folder, an absolute path or one still holding a substitution. */
export function relativeDir(path: string): string | undefined {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  let dir = path.slice(0, end).trim();
  while (dir.startsWith("./")) dir = dir.slice(2);
  if (!dir || dir === "." || dir.startsWith("/") || /^[A-Za-z]:[\\/]/.test(dir) || /[{}$]/.test(dir)) return undefined;
  return dir;
}

/** A line's first whitespace-separated word (linear even on a long line). */
export function firstWord(text: string): string {
  return /^\s*(\S*)/.exec(text)?.[1] ?? "";
}

/** Whitespace-separated words. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The command lines of a script block: one a line, backslash-continued lines joined, blank lines dropped. */
export function shellLines(text: string): string[] {
  const found: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    const whole = (pending + line).trim();
    pending = "";
    if (whole) found.push(whole);
    if (found.length >= MAX_COMMANDS) return found;
  }
  if (pending.trim()) found.push(pending.trim());
  return found;
}

/** A word as a POSIX shell reads it back: quoted in single quotes when it holds spaces or specials. */
export function shellWord(word: string): string {
  if (word !== "" && /^[\w@%+=:,./{}-]+$/.test(word)) return word;
  return `'${word.split("'").join(`'\\''`)}'`;
}

/** A value that may be one string or a list of them (TOML and YAML write both). */
export function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** A table's own entry: names come from the file, so `constructor` must not reach Object.prototype. */
export function own(table: unknown, key: string): unknown {
  return isRecord(table) && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A TOML document, or undefined for text that is not TOML. */
const toml = (text: string): Record<string, unknown> | undefined => {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** A pyproject.toml's tasks for one tool, read only when it has the tool's table (else the runner looks further). */
export const pyproject = (tool: string, read: (doc: Record<string, unknown>) => TaskFile) => (text: string) => {
  const doc = toml(text);
  const tools = doc?.tool;
  return doc && isRecord(tools) && isRecord(tools[tool]) ? read(doc) : undefined;
};

/** A reader of a TOML file, given its parsed document; undefined for text that is not TOML. */
export const tomlFile = (read: (doc: Record<string, unknown>) => TaskFile) => (text: string) => {
  const doc = toml(text);
  return doc ? read(doc) : undefined;
};
