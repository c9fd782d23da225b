// mise's tasks: mise.toml's [tasks], given as the parsed document.

import { isRecord } from "../../util/own.js";
import {
  type Doc,
  emptyTaskFile,
  firstWord,
  MAX_TASKS,
  own,
  relativeDir,
  setTask,
  shellLines,
  strings,
  type Task,
  type TaskFile,
} from "./task-file.js";

/**
 * mise.toml tasks: `[tasks.NAME]` with `run` (a string, one command a non-empty line, or an
 * array of them, where `{ task = "x" }` and `{ tasks = [...] }` items give needs) or `file` (a
 * script, run as the command), `depends` before and `depends_post` after as needs (by task name,
 * arguments dropped), and `dir` (relative to the config, or `{{config_root}}/x`) as dir;
 * or the shorthand `[tasks] NAME = "cmd"` (or an array of commands). Left out: file tasks in
 * mise-tasks/ directories, `wait_for`, platform-specific runs.
 */
export function mise(doc: Doc): TaskFile {
  const file = emptyTaskFile();
  const tasks = own(doc, "tasks");
  for (const [name, spec] of Object.entries(isRecord(tasks) ? tasks : {})) {
    const task: Task = { commands: [], needs: strings(own(spec, "depends")).map(firstWord), line: 1 };
    const run = isRecord(spec) ? spec.run : spec;
    for (const item of Array.isArray(run) ? run : [run]) {
      if (typeof item === "string") task.commands.push(...shellLines(item));
      else
        for (const ref of [...strings(own(item, "task")), ...strings(own(item, "tasks"))].slice(0, MAX_TASKS))
          task.needs.push(firstWord(ref));
    }
    const script = own(spec, "file");
    if (typeof script === "string") task.commands.push(script);
    for (const dep of strings(own(spec, "depends_post"))) task.needs.push(firstWord(dep));
    const dir = own(spec, "dir");
    const relative = typeof dir === "string" ? relativeDir(dir.replace(/^\{\{\s*config_root\s*\}\}(\/|$)/, "./")) : undefined;
    if (relative !== undefined) task.dir = relative;
    setTask(file, name, task);
  }
  return file;
}
