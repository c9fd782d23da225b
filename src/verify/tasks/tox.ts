// tox's tasks: tox.ini (or setup.cfg's [tox:tox], which the reader takes too though the resolver
// hands it only tox.ini, tox.toml and pyproject.toml) read with readIni, and tox.toml or
// pyproject's [tool.tox] as parsed TOML. Each env is a task; nothing is run.

import { isRecord } from "../../util/own.js";
import { type Ini, type IniSection, readIni } from "./ini.js";
import {
  type Doc,
  emptyTaskFile,
  MAX_COMMANDS,
  MAX_TASKS,
  own,
  relativeDir,
  setTask,
  shellWord,
  strings,
  type Task,
  type TaskFile,
} from "./task-file.js";
import { conditional, type Line, matches, toxNames } from "./tox-factors.js";

const TOX_KEYS = ["commands_pre", "commands", "commands_post"];
/** Term checks one file may spend on factor conditions; past it, envs get only the unconditional lines. */
const MAX_WORK = 5_000_000;

/**
 * tox's INI form: `[testenv:NAME]` envs (generative names like `py{39,310}` expanded), each with
 * commands_pre, commands and commands_post, one command a line, taken from `[testenv]` when the
 * env has none of its own; envs named in `[tox] envlist`/`env_list` without a section run
 * `[testenv]`'s. A line under a factor condition (`py38: pytest`, `!lint: …`, `py311-unit: …`)
 * is kept for the envs whose name, split at `-`, matches it, as tox filters it, and `fallback`
 * filters [testenv] so for an env the file does not name. `{posargs:default}` becomes its default and `{posargs}` nothing;
 * `{[section]key}` on a line of its own is replaced by those lines (filtered for the env too);
 * other substitutions (`{envpython}`) stay as written. `depends` gives needs; `changedir`
 * (`{toxinidir}/x`, or relative to tox.ini) gives dir. Left out: `base`, `[testenv]` itself as
 * an env, tox 3's `[]` posargs.
 */
export function toxIni(text: string): TaskFile {
  const ini = readIni(text);
  const file = emptyTaskFile();
  const tox = ini.get("tox") ?? ini.get("tox:tox");
  file.defaults = toxNames(tox?.get("env_list")?.value ?? tox?.get("envlist")?.value ?? "");
  const base = ini.get("testenv");
  const lines = toxLines(ini);
  let budget = MAX_WORK;
  // One section may name thousands of envs (`py{…}`): its lines are read once, and filtered once
  // for each set of the factors its conditions name.
  const reader = (section: IniSection | undefined) => {
    const from = (key: string) => (section?.get(key) ? section : base);
    const dirKey = from("changedir")?.get("changedir") ? "changedir" : "change_dir";
    const commands = TOX_KEYS.flatMap((key) => lines(from(key), key));
    const depends = conditional(from("depends")?.get("depends")?.value ?? "");
    const dirs = conditional(from(dirKey)?.get(dirKey)?.value ?? "");
    const all = [...commands, ...depends, ...dirs];
    const named = new Set(all.flatMap((l) => l.when.flat(2).map((f) => f.factor)));
    const cost = all.reduce((sum, l) => sum + 1 + l.when.reduce((terms, c) => terms + c.length, 0), 0);
    const line = section?.get("commands")?.line ?? section?.values().next().value?.line ?? 1;
    const known = new Map<string, Task>();
    return (name: string | undefined): Task => {
      const factors = new Set(name === undefined ? [] : name.split("-").filter((f) => named.has(f)));
      const key = [...factors].sort().join("\0");
      const cached = known.get(name === undefined ? "\0fallback" : key);
      if (cached) return cached;
      budget -= name === undefined ? 0 : cost;
      const keep = (l: Line) => (name === undefined || budget < 0 ? l.when.length === 0 : l.when.every((c) => matches(c, factors)));
      const dir = relativeDir(toxRoot(dirs.find(keep)?.text ?? ""));
      const task: Task = {
        commands: commands.filter(keep).map((l) => l.text),
        needs: toxNames(
          depends
            .filter(keep)
            .map((l) => l.text)
            .join("\n"),
        ),
        line,
      };
      if (dir !== undefined) task.dir = dir;
      if (budget >= 0 || name === undefined) known.set(name === undefined ? "\0fallback" : key, task);
      return task;
    };
  };
  for (const [header, section] of ini) {
    if (!header.startsWith("testenv:") || file.tasks.size >= MAX_TASKS) continue;
    const read = reader(section);
    for (const name of toxNames(header.slice("testenv:".length))) setTask(file, name, read(name));
  }
  const readBase = reader(undefined);
  for (const name of file.defaults) if (!file.tasks.has(name)) setTask(file, name, readBase(name));
  if (base) file.fallback = (name) => readBase(name);
  return file;
}

/**
 * The lines of a section's command key, `{[section]key}` lines replaced by what they name. Each
 * key is read once (a reference to one in progress, a cycle, reads as nothing; chains stop at 8),
 * so a file of many references costs no more than reading each key.
 */
function toxLines(ini: Ini): (section: IniSection | undefined, key: string) => Line[] {
  const known = new Map<IniSection, Map<string, Line[]>>();
  const lines = (section: IniSection | undefined, key: string, depth = 0): Line[] => {
    const entry = section?.get(key);
    if (!section || !entry || depth > 8) return [];
    const done = known.get(section) ?? new Map<string, Line[]>();
    known.set(section, done);
    const cached = done.get(key);
    if (cached) return cached;
    const found: Line[] = [];
    done.set(key, found);
    for (const { text: line, when } of conditional(entry.value)) {
      if (found.length >= MAX_COMMANDS) break;
      const ref = /^\{\[([^\]]+)\]([\w-]+)\}$/.exec(line);
      const command = posargs(line)
        .replace(/^[-!]\s*/, "")
        .trim(); // `- cmd` ignores its exit code, `!` inverts it
      if (ref) {
        for (const l of lines(ini.get(ref[1]!), ref[2]!, depth + 1).slice(0, MAX_COMMANDS - found.length))
          found.push(when.length ? { text: l.text, when: [...when, ...l.when] } : l);
      } else if (command) found.push({ text: command, when });
    }
    return found;
  };
  return lines;
}

/** `{posargs}` removed, `{posargs:words}` replaced by its words (which may hold braces themselves). */
function posargs(line: string): string {
  let out = "";
  let from = 0;
  for (let at = line.indexOf("{posargs", from); at >= 0; at = line.indexOf("{posargs", from)) {
    const after = line[at + 8];
    if (after !== "}" && after !== ":") {
      out += line.slice(from, at + 8);
      from = at + 8;
      continue;
    }
    let end = at + 1;
    for (let depth = 1; end < line.length && depth > 0; end++) depth += line[end] === "{" ? 1 : line[end] === "}" ? -1 : 0;
    out += line.slice(from, at) + (after === ":" ? line.slice(at + 9, end - 1) : "");
    from = end;
  }
  return out + line.slice(from);
}

/**
 * tox's TOML form (tox.toml, or pyproject's `[tool.tox]`, given the whole document): `env_list`,
 * `env_run_base` and `env.NAME`, whose commands are arrays of words (joined, quoted where the
 * shell would split them), and `change_dir` a string giving dir. A `{replace = "posargs", default = [...]}` word becomes its default; a
 * `{replace = "ref", of = [...]}` command list is followed. `legacy_tox_ini` is read as tox.ini.
 */
export function toxToml(doc: Doc): TaskFile {
  const root = isRecord(own(own(doc, "tool"), "tox")) ? (own(own(doc, "tool"), "tox") as Doc) : doc;
  const legacy = own(root, "legacy_tox_ini");
  if (typeof legacy === "string") return toxIni(legacy);
  const file = emptyTaskFile();
  file.defaults = strings(own(root, "env_list")).slice(0, MAX_TASKS);
  const base = own(root, "env_run_base");
  const envs = own(root, "env");
  // Each command list is read once (one in progress, a cycle, reads as nothing): a list of
  // references to lists of references would otherwise fan out.
  const known = new Map<unknown[], string[]>();
  const reading = new Set<unknown[]>();
  const lines = (value: unknown, depth: number): string[] => {
    if (!Array.isArray(value) || depth > 8 || reading.has(value)) return [];
    const cached = known.get(value);
    if (cached) return cached;
    const found: string[] = [];
    reading.add(value);
    for (const item of value) {
      if (found.length >= MAX_COMMANDS) break;
      if (typeof item === "string" && item) found.push(item);
      const words = Array.isArray(item) ? item.flatMap(tomlWord).join(" ") : "";
      if (words) found.push(words);
      if (isRecord(item) && item.replace === "ref")
        found.push(
          ...lines(
            strings(item.of).reduce<unknown>((at, key) => own(at, key), root),
            depth + 1,
          ),
        );
    }
    found.splice(MAX_COMMANDS);
    reading.delete(value);
    known.set(value, found);
    return found;
  };
  const read = (env: unknown): Task => {
    const get = (key: string) => own(env, key) ?? own(base, key);
    const task: Task = { commands: TOX_KEYS.flatMap((key) => lines(get(key), 0)), needs: strings(get("depends")), line: 1 };
    const dir = get("change_dir");
    const relative = typeof dir === "string" ? relativeDir(toxRoot(dir)) : undefined;
    if (relative !== undefined) task.dir = relative;
    return task;
  };
  for (const [name, env] of Object.entries(isRecord(envs) ? envs : {})) setTask(file, name, read(env));
  for (const name of file.defaults) if (!file.tasks.has(name)) setTask(file, name, read(undefined));
  // TOML conditions are not factors: every env the file does not name runs the base as it is.
  const fallback = read(undefined);
  if (isRecord(base)) file.fallback = () => fallback;
  return file;
}

/** A path with tox's root written out (`{toxinidir}/docs`) as one relative to the tox file (`./docs`). */
function toxRoot(path: string): string {
  return path.replace(/^\{(toxinidir|tox_root)\}(\/|$)/, "./");
}

function tomlWord(word: unknown): string[] {
  if (typeof word === "string") return [posargs(word)].filter(Boolean).map(shellWord);
  if (isRecord(word) && word.replace === "posargs") return strings(word.default).map(shellWord);
  return [];
}
