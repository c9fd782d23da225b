// tox's tasks: tox.ini (and setup.cfg's [tox:tox]) read with readIni, and tox.toml or pyproject's
// [tool.tox] as parsed TOML. Each env is a task; nothing is run.
import { readIni, type Ini, type IniSection } from "./ini.js";
import { emptyTaskFile, isRecord, own, setTask, shellLines, shellWord, strings, MAX_COMMANDS, MAX_TASKS, type Doc, type Task, type TaskFile } from "./task-file.js";

const TOX_KEYS = ["commands_pre", "commands", "commands_post"];
/** Brace groups in one env name beyond this many are left as written: each multiplies the names. */
const MAX_BRACE_GROUPS = 8;

/**
 * tox's INI form: `[testenv:NAME]` envs (generative names like `py{39,310}` expanded), each with
 * commands_pre, commands and commands_post, one command a line, taken from `[testenv]` when the
 * env has none of its own; envs named in `[tox] envlist`/`env_list` without a section run
 * `[testenv]`'s. A factor condition (`py38: pytest`, `!ci: …`) keeps its command, as some env
 * runs it; `{posargs:default}` becomes its default and `{posargs}` nothing; `{[section]key}` on a
 * line of its own is replaced by those lines; other substitutions (`{toxinidir}`) stay as written.
 * `depends` gives needs. Left out: `base`, `[testenv]` itself as an env, tox 3's `[]` posargs.
 */
export function toxIni(text: string): TaskFile {
  const ini = readIni(text);
  const file = emptyTaskFile();
  const tox = ini.get("tox") ?? ini.get("tox:tox");
  file.defaults = toxNames(tox?.get("env_list")?.value ?? tox?.get("envlist")?.value ?? "");
  const base = ini.get("testenv");
  const lines = toxLines(ini);
  // One section may name thousands of envs (`py{…}`): what it runs is read once for all of them.
  const read = (section: IniSection | undefined): Task => {
    const get = (key: string) => section?.get(key) ?? base?.get(key);
    const commands = TOX_KEYS.flatMap((key) => (get(key) ? lines(section?.get(key) ? section : base, key) : []));
    const line = section?.get("commands")?.line ?? section?.values().next().value?.line ?? 1;
    return { commands, needs: toxNames(get("depends")?.value ?? ""), line };
  };
  for (const [header, section] of ini) {
    if (!header.startsWith("testenv:") || file.tasks.size >= MAX_TASKS) continue;
    const task = read(section);
    for (const name of toxNames(header.slice("testenv:".length))) setTask(file, name, task);
  }
  const fallback = read(undefined);
  for (const name of file.defaults) if (!file.tasks.has(name)) setTask(file, name, fallback);
  if (base) file.fallback = fallback;
  return file;
}

/**
 * The commands of a section's key, `{[section]key}` lines replaced by what they name. Each key
 * is read once (a reference to one in progress, a cycle, reads as nothing; chains stop at 8),
 * so a file of many references costs no more than reading each key.
 */
function toxLines(ini: Ini): (section: IniSection | undefined, key: string) => string[] {
  const known = new Map<IniSection, Map<string, string[]>>();
  const lines = (section: IniSection | undefined, key: string, depth = 0): string[] => {
    const entry = section?.get(key);
    if (!section || !entry || depth > 8) return [];
    const done = known.get(section) ?? new Map<string, string[]>();
    known.set(section, done);
    const cached = done.get(key);
    if (cached) return cached;
    const found: string[] = [];
    done.set(key, found);
    for (const raw of shellLines(entry.value)) {
      if (found.length >= MAX_COMMANDS) break;
      const line = dropFactors(raw);
      const ref = /^\{\[([^\]]+)\]([\w-]+)\}$/.exec(line);
      const command = posargs(line).replace(/^[-!]\s*/, "").trim(); // `- cmd` ignores its exit code, `!` inverts it
      if (ref) for (const c of lines(ini.get(ref[1]!), ref[2]!, depth + 1).slice(0, MAX_COMMANDS - found.length)) found.push(c);
      else if (command) found.push(command);
    }
    return found;
  };
  return lines;
}

/** A command without its factor condition: `py38,py39: pytest` → `pytest`. */
function dropFactors(line: string): string {
  const colon = line.indexOf(":");
  if (colon <= 0 || (colon + 1 < line.length && !/\s/.test(line[colon + 1]!))) return line;
  return /^[\w.,!{}-]+$/.test(line.slice(0, colon)) ? line.slice(colon + 1).trim() : line;
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

/** Env names from a list split at commas and newlines outside braces, each brace-expanded. */
function toxNames(list: string): string[] {
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
    const options = word.slice(open + 1, close).split(",").map((o) => o.trim());
    const next: string[] = [];
    for (const r of results) for (const o of options.slice(0, MAX_TASKS - next.length)) next.push(r + literal + o);
    results = next;
    i = close + 1;
  }
  return results.map((r) => r + word.slice(i));
}

/**
 * tox's TOML form (tox.toml, or pyproject's `[tool.tox]`, given the whole document): `env_list`,
 * `env_run_base` and `env.NAME`, whose commands are arrays of words (joined, quoted where the
 * shell would split them). A `{replace = "posargs", default = [...]}` word becomes its default; a
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
      if (isRecord(item) && item.replace === "ref") found.push(...lines(strings(item.of).reduce<unknown>((at, key) => own(at, key), root), depth + 1));
    }
    found.splice(MAX_COMMANDS);
    reading.delete(value);
    known.set(value, found);
    return found;
  };
  const add = (name: string, env: unknown) => {
    const get = (key: string) => own(env, key) ?? own(base, key);
    setTask(file, name, { commands: TOX_KEYS.flatMap((key) => lines(get(key), 0)), needs: strings(get("depends")), line: 1 });
  };
  for (const [name, env] of Object.entries(isRecord(envs) ? envs : {})) add(name, env);
  for (const name of file.defaults) if (!file.tasks.has(name)) add(name, undefined);
  if (isRecord(base)) file.fallback = { commands: TOX_KEYS.flatMap((key) => lines(own(base, key), 0)), needs: [], line: 1 };
  return file;
}

function tomlWord(word: unknown): string[] {
  if (typeof word === "string") return [posargs(word)].filter(Boolean).map(shellWord);
  if (isRecord(word) && word.replace === "posargs") return strings(word.default).map(shellWord);
  return [];
}
