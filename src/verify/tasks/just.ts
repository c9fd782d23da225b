// justfiles, read line by line. just has no parser to borrow, so this reader keeps to what mltest
// needs: the recipes, the lines they run and what they depend on. Nothing is run.
import { posix } from "node:path";
import { emptyTaskFile, MAX_COMMANDS, relativeDir, setTask, type TaskFile, words } from "./task-file.js";

const JUST_SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh"]);
const JUST_SKIPPED = new Set(["set", "export", "unexport", "import", "import?", "mod", "mod?"]);

/**
 * just: recipes `name param*: deps && later-deps` at column 0 (`@name` is quiet; `[attributes]`
 * above them), whose body is the indented lines below, `@` and `-` prefixes dropped, shell
 * comments and blank lines left out, backslash-continued lines joined. Dependencies are `dep` or
 * `(dep "arg" …)`; both kinds are needs, in order. `alias a := b` makes a need b. A shebang recipe
 * runs its body as one script: with a shell interpreter each line is a command, with another (a
 * Python script) the whole body is one command. `set working-directory := 'dir'` gives every
 * recipe its dir, and a `[working-directory('sub')]` attribute (or `[working-directory: 'sub']`)
 * one recipe's, below the setting's folder as just joins them. Skipped: other settings,
 * variables, imports, modules, `[no-cd]`. The default is the recipe marked `[default]`, else the
 * first recipe, as just runs it.
 */
export function justfile(text: string): TaskFile {
  const file = emptyTaskFile();
  const lines = text.split("\n");
  let recipe: { name: string; body: string[] } | undefined;
  let first: string | undefined;
  let marked: string | undefined;
  let attributes: string[] = [];
  let workingDirectory: string | undefined; // the recipe's attribute, while reading its header
  let setting: string | undefined;
  const recipeDirs = new Map<string, string>();
  const finish = () => {
    const task = recipe && file.tasks.get(recipe.name);
    if (recipe && task) task.commands = justBody(recipe.body);
    recipe = undefined;
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, "");
    if (recipe && (line.startsWith(" ") || line.startsWith("\t") || !line.trim())) {
      if (!line.trim()) continue;
      const parts = [line.trim()];
      while (parts[parts.length - 1]!.endsWith("\\") && n + 1 < lines.length) {
        parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1).trimEnd();
        parts.push(lines[++n]!.trim());
      }
      if (recipe.body.length < MAX_COMMANDS) recipe.body.push(parts.join(" "));
      continue;
    }
    finish();
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    if (trimmed.startsWith("[")) {
      for (const a of trimmed.slice(1, trimmed.lastIndexOf("]")).split(",", 100)) attributes.push(a.split(/[(:]/, 1)[0]!.trim());
      workingDirectory = justString(/working-directory\s*[(:]\s*(.*)$/.exec(trimmed.slice(0, 1_000))?.[1] ?? "") ?? workingDirectory;
      continue;
    }
    const lineAttributes = attributes;
    const lineDirectory = workingDirectory;
    attributes = [];
    workingDirectory = undefined;
    const [word = "", second = "", third = "", target = ""] = words(trimmed.slice(0, 500));
    if (word === "set" && second === "working-directory" && third === ":=")
      setting = justString(trimmed.slice(trimmed.indexOf(":=") + 2).trim());
    if (JUST_SKIPPED.has(word)) continue;
    if (word === "alias") {
      if (third === ":=" && target) setTask(file, second, { commands: [], needs: [target], line: n + 1 });
      continue;
    }
    const header = justHeader(trimmed);
    if (!header) continue;
    setTask(file, header.name, { commands: [], needs: header.needs, line: n + 1 });
    if (!file.tasks.has(header.name)) continue;
    recipe = { name: header.name, body: [] };
    first ??= header.name;
    if (lineAttributes.includes("default")) marked = header.name;
    if (lineDirectory !== undefined) recipeDirs.set(header.name, lineDirectory);
  }
  finish();
  // The setting holds for every recipe wherever it is written, so dirs are given at the end.
  for (const [name, task] of file.tasks) {
    const own = recipeDirs.get(name);
    const dir = relativeDir(own === undefined ? (setting ?? "") : own.startsWith("/") ? own : posix.join(setting ?? ".", own));
    if (dir !== undefined) task.dir = dir;
  }
  const goal = marked ?? first;
  file.defaults = goal === undefined ? [] : [goal];
  return file;
}

/** The string literal a just value starts with (`'dir'`, `"dir"`); undefined for any other expression. */
function justString(value: string): string | undefined {
  const quote = value[0];
  if (quote !== "'" && quote !== '"') return undefined;
  const close = value.indexOf(quote, 1);
  return close < 0 ? undefined : value.slice(1, close);
}

/** A recipe header's name and dependencies; undefined for any other line (an assignment `x := 1`). */
function justHeader(line: string): { name: string; needs: string[] } | undefined {
  const name = /^@?([A-Za-z_][\w-]*)/.exec(line)?.[1];
  if (name === undefined) return undefined;
  // The header ends at the first `:` outside quotes and parentheses (parameter defaults may hold one).
  let colon = -1;
  for (let i = line.indexOf(name) + name.length, depth = 0, quote = ""; i < line.length && colon < 0; i++) {
    const c = line[i]!;
    if (quote) quote = c === quote ? "" : quote;
    else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === ":" && depth === 0) {
      if (line[i + 1] === "=") return undefined;
      colon = i;
    }
  }
  if (colon < 0) return undefined;
  const needs: string[] = [];
  const deps = line.slice(colon + 1);
  for (let i = 0; i < deps.length && needs.length < MAX_COMMANDS; ) {
    const c = deps[i]!;
    if (c === "#") break;
    if (c === "(") {
      const dep = /^\(\s*([A-Za-z_][\w-]*)/.exec(deps.slice(i, i + 200))?.[1];
      if (dep) needs.push(dep);
      i = skipGroup(deps, i);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < deps.length && /[\w-]/.test(deps[j]!)) j++;
      needs.push(deps.slice(i, j));
      i = j;
    } else i++;
  }
  return { name, needs };
}

/** The index just past the parenthesised group starting at i, skipping quoted strings. */
function skipGroup(text: string, i: number): number {
  let depth = 0;
  let quote = "";
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quote) quote = c === quote ? "" : quote;
    else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i + 1;
  }
  return i;
}

function justBody(body: string[]): string[] {
  if (body[0]?.startsWith("#!")) {
    const interpreter = words(body[0].slice(2)).find((w) => !w.endsWith("/env") && !w.startsWith("-")) ?? "";
    if (!JUST_SHELLS.has(interpreter.split("/").pop() ?? "")) return [body.join("\n")];
    body = body.slice(1);
  }
  return body.map((line) => line.replace(/^[@-]+/, "").trim()).filter((line) => line && !line.startsWith("#"));
}
