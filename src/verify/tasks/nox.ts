// nox's tasks: the sessions of a noxfile.py, read by a small tokenizer of Python's strings,
// names and brackets that keeps to what mltest needs. The file is never run.
import { emptyTaskFile, MAX_COMMANDS, MAX_TASKS, setTask, shellWord, type Task, type TaskFile } from "./task-file.js";

const SESSION_CALLS = new Set(["run", "run_always"]);

/**
 * noxfile.py: each function decorated with `@nox.session`, `@session` or `@nox.session(…)` is a
 * session named by its `name="…"` or else the function's name. Its commands are its
 * `session.run(…)` and `session.run_always(…)` calls (through whatever the function names its
 * parameter), each the string literals among the arguments as shell words; other arguments
 * (`*args`, f-strings, keywords) are left out. `session.notify("x")` gives needs. The defaults are
 * `nox.options.sessions = […]`, else every session not marked `default=False`. A function's body
 * ends at the next statement at column 0. A session runs as `tests-3.11` or `tests(django='4')`
 * when parametrized: taskNamed finds it by its own name. Left out: `install`, `session.chdir`.
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
  return value.replace(/\\([\s\S])/g, (sequence, ch: string) => ESCAPES[ch] ?? sequence);
}

/** Names, strings (all quotings and prefixes) and one-character operators; comments dropped. */
function pyTokens(text: string): PyTokens {
  const capacity = Math.min(text.length, MAX_TOKENS) + 1;
  const t: PyTokens = {
    size: 0,
    kind: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    line: new Int32Array(capacity),
    top: new Uint8Array(capacity),
    raw: new Uint8Array(capacity),
    close: new Int32Array(capacity),
  };
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
