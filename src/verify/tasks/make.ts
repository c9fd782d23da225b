// Makefiles, read line by line. make has no parser to borrow, so this reader keeps to what mltest
// needs: the targets, the lines they run and what they depend on.
// Variables are never expanded and conditionals never decided: every branch's lines are kept, as
// a CI step could take either.
import { emptyTaskFile, firstWord, MAX_COMMANDS, setTask, type Task, type TaskFile, words } from "./task-file.js";

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
      if (split?.assignment && split.name === ".DEFAULT_GOAL")
        defaultGoal =
          firstWord(
            line
              .slice(split.at)
              .replace(/^[:=?+!]+/, "")
              .trim(),
          ) || undefined;
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
      else if (prereqs.length) {
        budget -= known.needs.length + prereqs.length;
        if (budget > 0) known.needs = [...new Set([...known.needs, ...prereqs])].slice(0, MAX_COMMANDS);
      }
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
      const name =
        line
          .slice(0, i)
          .replace(/[?+!]$/, "")
          .trim()
          .split(/\s+/)
          .pop() ?? "";
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
