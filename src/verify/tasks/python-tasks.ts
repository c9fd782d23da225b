// The Python task runners: tox (tox.ini, setup.cfg, tox.toml, pyproject [tool.tox]), nox
// (noxfile.py), poe, hatch and pdm scripts (pyproject.toml and their own TOML files). INI is read
// with readIni, TOML arrives parsed; noxfile.py is read by a small tokenizer, never run.
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

const SESSION_CALLS = new Set(["run", "run_always"]);

/**
 * noxfile.py: each function decorated with `@nox.session`, `@session` or `@nox.session(…)` is a
 * session named by its `name="…"` or else the function's name. Its commands are its
 * `session.run(…)` and `session.run_always(…)` calls (through whatever the function names its
 * parameter), each the string literals among the arguments as shell words; other arguments
 * (`*args`, f-strings, keywords) are left out. `session.notify("x")` gives needs. The defaults are
 * `nox.options.sessions = […]`, else every session not marked `default=False`. A function's body
 * ends at the next statement at column 0. Left out: parametrized names (`tests-3.11`), `install`.
 */
export function noxfile(text: string): TaskFile {
  const file = emptyTaskFile();
  const t = pyTokens(text);
  const at = (i: number) => tokenText(text, t, i);
  const closeOf = (i: number) => (i < t.size && t.close[i]! > 0 ? t.close[i]! : -1);
  let pending: { name?: string; isDefault: boolean } | undefined;
  let chosen: string[] | undefined;
  const everyDefault: string[] = [];
  for (let i = 0; i < t.size; i++) {
    if (!t.top[i]) continue;
    const word = at(i);
    if (word === "@") {
      const dotted = at(i + 1) === "nox" && at(i + 2) === "." ? `nox.${at(i + 3)}` : at(i + 1);
      if (dotted === "nox.session" || dotted === "session") {
        pending = { isDefault: true };
        const paren = dotted === "session" ? i + 2 : i + 4;
        for (let j = paren + 1; at(paren) === "(" && j < closeOf(paren); j++) {
          if (at(j + 1) !== "=") continue;
          if (at(j) === "name" && t.kind[j + 2] === STRING) pending.name = at(j + 2);
          if (at(j) === "default" && at(j + 2) === "False") pending.isDefault = false;
        }
      }
      continue;
    }
    if (word === "nox" && at(i + 2) === "options" && at(i + 4) === "sessions" && at(i + 5) === "=") {
      chosen = [];
      for (let j = i + 7; j < closeOf(i + 6) && chosen.length < MAX_TASKS; j++) if (t.kind[j] === STRING) chosen.push(at(j)!);
    }
    if (word !== "def" || !pending) {
      pending = undefined;
      continue;
    }
    const name = pending.name ?? at(i + 1) ?? "";
    const param = at(i + 2) === "(" && t.kind[i + 3] === NAME ? at(i + 3) : "session";
    const task: Task = { commands: [], needs: [], line: t.line[i]! };
    let j = i + 1;
    for (; j < t.size && !t.top[j]; j++) {
      if (t.kind[j] !== NAME || at(j + 1) !== "." || at(j + 3) !== "(" || at(j) !== param) continue;
      const call = at(j + 2) ?? "";
      const close = closeOf(j + 3);
      const args = literalArgs(text, t, j + 4, close < 0 ? j + 4 : close);
      if (SESSION_CALLS.has(call) && args.length && task.commands.length < MAX_COMMANDS) task.commands.push(args.map(shellWord).join(" "));
      if (call === "notify" && args[0] !== undefined) task.needs.push(args[0]);
      if (close > j) j = close; // calls nested in the arguments are not read: each token is read once
    }
    setTask(file, name, task);
    if (pending.isDefault) everyDefault.push(name);
    pending = undefined;
    i = j - 1;
  }
  file.defaults = (chosen ?? everyDefault).slice(0, MAX_TASKS);
  return file;
}

/** The arguments between two tokens that are string literals (adjacent literals concatenated). */
function literalArgs(text: string, t: PyTokens, from: number, to: number): string[] {
  const found: string[] = [];
  let parts: string[] = [];
  let literal = true;
  for (let i = from, depth = 0; i <= to && i < t.size && found.length < MAX_COMMANDS; i++) {
    const op = t.kind[i] === OP ? text[t.start[i]!] : "";
    if (i === to || (depth === 0 && op === ",")) {
      if (literal && parts.length) found.push(parts.join(""));
      parts = [];
      literal = true;
      continue;
    }
    if (op === "(" || op === "[" || op === "{") depth++;
    if (op === ")" || op === "]" || op === "}") depth--;
    if (t.kind[i] === STRING) parts.push(tokenText(text, t, i)!);
    else literal = false;
  }
  return found;
}

const NAME = 1;
const STRING = 2;
const FSTRING = 3;
const OP = 4;
/** Tokens of one noxfile beyond this many are not read. */
const MAX_TOKENS = 2_000_000;

/**
 * Python's tokens in parallel arrays (a noxfile of millions of tokens would be millions of
 * objects): kind, the text's range (a string's contents, without prefix and quotes), line, whether
 * it starts a statement at column 0, whether a string is raw, and where a bracket closes.
 */
interface PyTokens {
  size: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  line: Int32Array;
  top: Uint8Array;
  raw: Uint8Array;
  close: Int32Array;
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'", '"': '"', "\n": "" };

function tokenText(text: string, t: PyTokens, i: number): string | undefined {
  if (i >= t.size) return undefined;
  const value = text.slice(t.start[i], t.end[i]);
  if (t.kind[i] === NAME || t.kind[i] === OP || t.raw[i]) return value;
  return value.replace(/\\([\s\S])/g, (escape, ch: string) => ESCAPES[ch] ?? escape);
}

/** Names, strings (all quotings and prefixes) and one-character operators; comments dropped. */
function pyTokens(text: string): PyTokens {
  const capacity = Math.min(text.length, MAX_TOKENS) + 1;
  const t: PyTokens = { size: 0, kind: new Uint8Array(capacity), start: new Int32Array(capacity), end: new Int32Array(capacity), line: new Int32Array(capacity), top: new Uint8Array(capacity), raw: new Uint8Array(capacity), close: new Int32Array(capacity) };
  const open: number[] = [];
  let line = 1;
  let atColumn0 = true;
  for (let i = 0; i < text.length && t.size < MAX_TOKENS; ) {
    const c = text[i]!;
    if (c === "\n") {
      line++;
      i++;
      atColumn0 = open.length === 0 && text[text[i - 2] === "\r" ? i - 3 : i - 2] !== "\\"; // a backslash continues the line
      continue;
    }
    if (c === "#") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\\" || c === "\f") {
      atColumn0 = false;
      i++;
      continue;
    }
    const n = t.size++;
    t.line[n] = line;
    t.top[n] = atColumn0 ? 1 : 0;
    atColumn0 = false;
    let j = i + 1;
    let kind = OP;
    if (isWordCode(text.charCodeAt(i))) {
      while (j < text.length && isWordCode(text.charCodeAt(j))) j++;
      kind = NAME;
    }
    const quote = kind === NAME ? text[j] : c;
    const prefix = kind === NAME && j - i <= 2 ? text.slice(i, j).toLowerCase() : "";
    if ((c === "'" || c === '"' || (/^[rbuf]{1,2}$/.test(prefix) && (quote === "'" || quote === '"'))) && quote !== undefined) {
      const from = kind === NAME ? j : i;
      const delimiter = text.startsWith(quote.repeat(3), from) ? quote.repeat(3) : quote;
      let end = from + delimiter.length;
      for (; end < text.length; end++) {
        const ch = text[end];
        if (ch === "\\") end++;
        else if ((ch === quote && text.startsWith(delimiter, end)) || (ch === "\n" && delimiter.length === 1)) break;
        else if (ch === "\n") line++;
      }
      end = Math.min(end, text.length);
      kind = prefix.includes("f") ? FSTRING : STRING;
      t.raw[n] = prefix.includes("r") ? 1 : 0;
      t.start[n] = from + delimiter.length;
      t.end[n] = end;
      j = text.startsWith(delimiter, end) ? end + delimiter.length : end; // unterminated: up to the line's end
    } else {
      t.start[n] = i;
      t.end[n] = j;
    }
    t.kind[n] = kind;
    if (kind === OP && (c === "(" || c === "[" || c === "{")) open.push(n);
    if (kind === OP && (c === ")" || c === "]" || c === "}") && open.length) t.close[open.pop()!] = n;
    i = j;
  }
  return t;
}

/** [A-Za-z0-9_] and any non-ASCII character (Python names may be Unicode). */
function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}

/**
 * poethepoet: pyproject's `[tool.poe.tasks]` (or a poe_tasks.toml's top-level `tasks`, given the
 * whole document). A string or `cmd` task is one command, `shell` one a non-empty line, `script`
 * the command `poe-script pkg.mod:fn`; `ref` and `deps` (and `uses`) give needs by task name; a
 * sequence's strings are refs (commands when its `default_item_type` is cmd or shell) and its
 * tables are tasks read inline. Needs and commands each keep their order, not their interleaving.
 * Left out: `expr` and `switch` tasks, arguments, environment.
 */
export function poe(doc: Doc): TaskFile {
  const root = isRecord(own(own(doc, "tool"), "poe")) ? own(own(doc, "tool"), "poe") : doc;
  const file = emptyTaskFile();
  for (const [name, spec] of Object.entries(record(own(root, "tasks")))) {
    const task: Task = { commands: [], needs: [], line: 1 };
    poeTask(spec, task, 0);
    setTask(file, name, task);
  }
  return file;
}

function poeTask(spec: unknown, task: Task, depth: number): void {
  if (depth > 8 || task.commands.length >= MAX_COMMANDS) return;
  if (typeof spec === "string") task.commands.push(spec.trim());
  if (Array.isArray(spec)) poeTask({ sequence: spec }, task, depth + 1);
  if (!isRecord(spec)) return;
  for (const dep of [...strings(spec.deps), ...Object.values(record(spec.uses)).flatMap(strings)]) task.needs.push(firstWord(dep));
  if (typeof spec.cmd === "string") task.commands.push(spec.cmd.split("\n").map((l) => l.trim()).join(" ").trim());
  task.commands.push(...shellLines(typeof spec.shell === "string" ? spec.shell : ""));
  if (typeof spec.script === "string") task.commands.push(`poe-script ${spec.script}`);
  if (typeof spec.ref === "string") task.needs.push(firstWord(spec.ref));
  const itemType = spec.default_item_type;
  for (const item of Array.isArray(spec.sequence) ? spec.sequence : []) {
    if (typeof item !== "string") poeTask(item, task, depth + 1);
    else if (itemType === "cmd" || itemType === "shell") poeTask({ [itemType]: item }, task, depth + 1);
    else task.needs.push(firstWord(item));
  }
}

/**
 * Hatch scripts: pyproject's `[tool.hatch.envs.ENV.scripts]` or hatch.toml's `[envs.ENV.scripts]`
 * (given the whole document), a string or an array of strings each. A task is `ENV:name`, and
 * `name` for the `default` env. An env inherits its template's scripts (`default` unless its
 * `template` says otherwise), as hatch does. A command naming another script of the env is a need
 * instead; the `- ` that ignores a command's exit code is dropped. Left out: matrices, arguments.
 */
export function hatch(doc: Doc): TaskFile {
  const root = isRecord(own(own(doc, "tool"), "hatch")) ? own(own(doc, "tool"), "hatch") : doc;
  const envs = record(own(root, "envs"));
  const scripts = (env: string, depth: number): Map<string, string[]> => {
    const template = own(own(envs, env), "template") ?? "default";
    const inherited = env !== "default" && typeof template === "string" && template && template !== env && depth < 8 ? scripts(template, depth + 1) : new Map<string, string[]>();
    for (const [name, value] of Object.entries(record(own(own(envs, env), "scripts")))) inherited.set(name, strings(value));
    return inherited;
  };
  const file = emptyTaskFile();
  for (const env of Object.keys(envs)) {
    if (file.tasks.size >= MAX_TASKS) break; // each env's tasks are new names, so this bounds the inherited copies
    const envScripts = scripts(env, 0);
    const taskName = (script: string) => (env === "default" ? script : `${env}:${script}`);
    for (const [name, lines] of envScripts) {
      const task: Task = { commands: [], needs: [], line: 1 };
      for (const line of lines.map((l) => l.replace(/^-\s+/, "").trim())) {
        if (envScripts.has(firstWord(line)) && firstWord(line) !== name) task.needs.push(taskName(firstWord(line)));
        else if (line) task.commands.push(line);
      }
      setTask(file, taskName(name), task);
    }
  }
  return file;
}

/**
 * PDM scripts, `[tool.pdm.scripts]`: a string or `cmd` (a string, or an array of words quoted
 * back into a line), `shell` (one command a non-empty line), `call` (the command `pdm-call
 * pkg:fn`) and `composite`, whose items naming a script are needs and the rest commands. PDM's
 * `pre_NAME` and `post_NAME` hooks are needs before and after. The `_` settings key is no script.
 */
export function pdm(doc: Doc): TaskFile {
  const scripts = record(own(own(own(doc, "tool"), "pdm"), "scripts"));
  const names = new Set(Object.keys(scripts).filter((k) => k !== "_"));
  const file = emptyTaskFile();
  for (const name of names) {
    const spec = scripts[name];
    const task: Task = { commands: [], needs: names.has(`pre_${name}`) ? [`pre_${name}`] : [], line: 1 };
    const cmd = typeof spec === "string" ? spec : own(spec, "cmd");
    if (typeof cmd === "string") task.commands.push(cmd.trim());
    if (Array.isArray(cmd)) task.commands.push(strings(cmd).map(shellWord).join(" "));
    const shell = own(spec, "shell");
    if (typeof shell === "string") task.commands.push(...shellLines(shell));
    const call = own(spec, "call");
    if (typeof call === "string") task.commands.push(`pdm-call ${call}`);
    for (const item of strings(own(spec, "composite"))) {
      if (names.has(firstWord(item))) task.needs.push(firstWord(item));
      else task.commands.push(item);
    }
    if (names.has(`post_${name}`)) task.needs.push(`post_${name}`);
    setTask(file, name, task);
  }
  return file;
}

function firstWord(text: string): string {
  return text.trim().split(/\s/, 1)[0] ?? "";
}

function record(value: unknown): Doc {
  return isRecord(value) ? value : {};
}
