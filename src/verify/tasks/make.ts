// Makefiles and justfiles, read line by line. Neither has a parser to borrow, so each reader keeps
// to what mltest needs: the targets or recipes, the lines they run and what they depend on.
// Variables are never expanded and conditionals never decided: every branch's lines are kept, as
// a CI step could take either.
import { emptyTaskFile, setTask, MAX_COMMANDS, type Task, type TaskFile } from "./task-file.js";

const SPECIAL = /^\.[A-Z_]+$/; // .PHONY, .SUFFIXES, .DEFAULT_GOAL: make's own, not tasks
const CONDITIONALS = new Set(["ifeq", "ifneq", "ifdef", "ifndef", "else", "endif"]);
/** Steps a Makefile may spend adding to targets already known (see makefile). */
const MAX_WORK = 2_000_000;
const DIRECTIVES = new Set(["include", "-include", "sinclude", "vpath", "unexport", "undefine", "export", "override", "private", "load"]);

/**
 * GNU make: rules `a b: prereqs` and `a:: prereqs` (order-only prerequisites after `|` count too;
 * a static pattern rule's prerequisites are those after its second colon), TAB-indented recipe
 * lines and `target: prereqs ; cmd`, backslash continuations, `@ - +` prefixes dropped. Skipped:
 * assignments (`.DEFAULT_GOAL` is read, as it names the default), target-specific variables,
 * `define … endef`, directives, comments, and lines that only expand a function (`$(eval …)`).
 * A later `:` rule's recipe replaces an earlier one's, as make does; `::` rules' recipes add up.
 */
export function makefile(text: string): TaskFile {
  const file = emptyTaskFile();
  const lines = text.split("\n");
  // A rule's targets share its recipe and prerequisite lists while reading (copied at the end), so
  // a rule of many targets costs one step a line; merging into known lists spends `budget`, which
  // bounds what a hostile file of rules repeating thousands of targets can cost.
  let rule: { tasks: Task[]; double: boolean; commands: string[] | undefined; line: number } | undefined;
  let budget = MAX_WORK;
  let defineDepth = 0;
  let firstTarget: string | undefined;
  let defaultGoal: string | undefined;
  const addCommand = (raw: string) => {
    const command = raw.replace(/^[\s@+-]+/, "");
    if (!rule || !command || command.startsWith("#")) return;
    if (rule.double) {
      budget -= rule.tasks.length; // `::` recipes add up, each to its target's own list
      for (const task of budget > 0 ? rule.tasks : []) if (task.commands.length < MAX_COMMANDS) task.commands.push(command);
      return;
    }
    if (!rule.commands) {
      rule.commands = []; // make runs the last rule's recipe, so the line is that rule's too
      for (const task of rule.tasks) Object.assign(task, { commands: rule.commands, line: rule.line });
    }
    if (rule.commands.length < MAX_COMMANDS) rule.commands.push(command);
  };
  for (let n = 0; n < lines.length; n++) {
    const lineNumber = n + 1;
    let line = lines[n]!.replace(/\r$/, "");
    if (defineDepth > 0) {
      if (firstWord(line) === "endef") defineDepth--;
      else if (startsDefine(line)) defineDepth++;
      continue;
    }
    if (rule && line.startsWith("\t")) {
      // The shell drops backslash-newline; make drops the continuation line's leading TAB.
      const parts = [line.slice(1)];
      while (parts[parts.length - 1]!.endsWith("\\") && n + 1 < lines.length) {
        parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
        const next = lines[++n]!.replace(/\r$/, "");
        parts.push(next.startsWith("\t") ? next.slice(1) : next);
      }
      addCommand(parts.join(""));
      continue;
    }
    // Outside recipes make joins a continued line with one space.
    const parts = [line];
    while (parts[parts.length - 1]!.endsWith("\\") && n + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1).trim();
      parts.push(lines[++n]!.replace(/\r$/, "").trim());
    }
    line = parts.join(" ");
    line = dropComment(line).trim();
    if (!line) continue; // blank and comment lines may sit among a recipe's lines
    const word = firstWord(line);
    if (CONDITIONALS.has(word)) continue;
    if (startsDefine(line)) {
      defineDepth = 1;
      rule = undefined;
      continue;
    }
    const split = topLevelSplit(line);
    if (split === undefined || split.assignment) {
      if (split?.assignment && split.name === ".DEFAULT_GOAL") defaultGoal = firstWord(line.slice(split.at).replace(/^[:=?+!]+/, "").trim()) || undefined;
      rule = undefined;
      continue;
    }
    if (DIRECTIVES.has(word)) {
      rule = undefined;
      continue;
    }
    let rest = line.slice(split.at + (split.double ? 2 : 1));
    const semicolon = rest.indexOf(";");
    const inline = semicolon < 0 ? undefined : rest.slice(semicolon + 1);
    if (semicolon >= 0) rest = rest.slice(0, semicolon);
    if (topLevelSplit(rest)?.assignment) {
      rule = undefined; // `target: VAR = value` sets a variable, it is no rule
      continue;
    }
    const lastColon = rest.lastIndexOf(":");
    const prereqs = [...new Set(words(lastColon < 0 ? rest : rest.slice(lastColon + 1)).filter((w) => w !== "|"))].slice(0, MAX_COMMANDS);
    rule = { tasks: [], double: split.double, commands: undefined, line: lineNumber };
    const seen = new Set<Task>();
    for (const name of words(line.slice(0, split.at))) {
      if (SPECIAL.test(name)) continue;
      if (firstTarget === undefined && !name.includes("%") && (!name.startsWith(".") || name.includes("/"))) firstTarget = name;
      const known = file.tasks.get(name);
      if (known && seen.has(known)) continue; // a target listed twice in one rule is one target
      if (!known) setTask(file, name, { commands: [], needs: prereqs, line: lineNumber });
      else if (prereqs.length && (budget -= known.needs.length + prereqs.length) > 0) known.needs = [...new Set([...known.needs, ...prereqs])].slice(0, MAX_COMMANDS);
      const task = file.tasks.get(name);
      if (task && (task !== known || budget > 0)) rule.tasks.push(task);
      if (task) seen.add(task);
    }
    if (inline !== undefined) addCommand(inline);
  }
  for (const task of file.tasks.values()) Object.assign(task, { commands: [...task.commands], needs: [...task.needs] });
  const goal = defaultGoal ?? firstTarget;
  file.defaults = goal === undefined ? [] : [goal];
  return file;
}

/** Where a make line splits: at its first `=` (an assignment) or `:` outside `$(…)`, and how. */
function topLevelSplit(line: string): { at: number; assignment: boolean; double: boolean; name: string } | undefined {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "$" && (line[i + 1] === "(" || line[i + 1] === "{")) {
      depth++;
      i++;
    } else if (depth > 0 && (c === "(" || c === "{")) depth++;
    else if (depth > 0 && (c === ")" || c === "}")) depth--;
    else if (depth === 0 && (c === "=" || c === ":")) {
      const name = line.slice(0, i).replace(/[?+!]$/, "").trim().split(/\s+/).pop() ?? "";
      if (c === "=") return { at: i, assignment: true, double: false, name };
      const colons = line[i + 1] === ":" ? (line[i + 2] === ":" ? 3 : 2) : 1;
      if (line[i + colons] === "=") return { at: i, assignment: true, double: false, name };
      return { at: i, assignment: false, double: colons >= 2, name };
    }
  }
  return undefined;
}

/** A make line without its comment: `#` starts one unless escaped as `\#`. */
function dropComment(line: string): string {
  for (let i = line.indexOf("#"); i >= 0; i = line.indexOf("#", i + 1)) if (line[i - 1] !== "\\") return line.slice(0, i);
  return line;
}

function startsDefine(line: string): boolean {
  const [first, second] = words(line.slice(0, 200));
  return first === "define" || ((first === "override" || first === "export") && second === "define");
}

function firstWord(line: string): string {
  return line.trimStart().split(/[\s]/, 1)[0] ?? "";
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

const JUST_SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh"]);
const JUST_SKIPPED = new Set(["set", "export", "unexport", "import", "import?", "mod", "mod?"]);

/**
 * just: recipes `name param*: deps && later-deps` at column 0 (`@name` is quiet; `[attributes]`
 * above them), whose body is the indented lines below, `@` and `-` prefixes dropped, shell
 * comments and blank lines left out, backslash-continued lines joined. Dependencies are `dep` or
 * `(dep "arg" …)`; both kinds are needs, in order. `alias a := b` makes a need b. A shebang recipe
 * runs its body as one script: with a shell interpreter each line is a command, with another (a
 * Python script) the whole body is one command. Skipped: settings, variables, imports, modules.
 * The default is the recipe marked `[default]`, else the first recipe, as just runs it.
 */
export function justfile(text: string): TaskFile {
  const file = emptyTaskFile();
  const lines = text.split("\n");
  let recipe: { name: string; body: string[] } | undefined;
  let first: string | undefined;
  let marked: string | undefined;
  let attributes: string[] = [];
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
      continue;
    }
    const lineAttributes = attributes;
    attributes = [];
    const [word = "", second = "", third = "", target = ""] = words(trimmed.slice(0, 500));
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
  }
  finish();
  const goal = marked ?? first;
  file.defaults = goal === undefined ? [] : [goal];
  return file;
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
