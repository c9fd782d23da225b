// Script tables in TOML: poe's tasks, hatch's env scripts and PDM's scripts, from pyproject.toml
// or the tools' own files, each given as the parsed document.

import { isRecord } from "../../util/own.js";
import {
  type Doc,
  emptyTaskFile,
  firstWord,
  MAX_COMMANDS,
  MAX_TASKS,
  own,
  setTask,
  shellLines,
  shellWord,
  strings,
  type Task,
  type TaskFile,
} from "./task-file.js";

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
  if (typeof spec.cmd === "string")
    task.commands.push(
      spec.cmd
        .split("\n")
        .map((l) => l.trim())
        .join(" ")
        .trim(),
    );
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
    const inherited =
      env !== "default" && typeof template === "string" && template && template !== env && depth < 8
        ? scripts(template, depth + 1)
        : new Map<string, string[]>();
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

function record(value: unknown): Doc {
  return isRecord(value) ? value : {};
}
