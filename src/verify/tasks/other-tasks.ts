// Task files outside Python's: package.json scripts (npm), mise.toml tasks and DVC pipelines
// (dvc.yaml). package.json and dvc.yaml may come as text, read here (undefined when unparsable);
// mise.toml arrives parsed.
import { isMap, isPair, isScalar, LineCounter, parseDocument } from "yaml";
import { emptyTaskFile, isRecord, own, setTask, shellLines, strings, MAX_TASKS, type Doc, type Task, type TaskFile } from "./task-file.js";

/**
 * package.json `scripts`: each a command line. npm runs `preNAME` before and `postNAME` after a
 * script, so those are its needs when they exist (pnpm and yarn 2+ do not, but needs only say
 * what may run). No defaults: `npm run` alone lists scripts. Undefined when the text is not a
 * JSON object.
 */
export function packageScripts(text: string): TaskFile | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text); // npm reads past a byte-order mark
  } catch {
    return undefined;
  }
  if (!isRecord(doc)) return undefined;
  const scripts = isRecord(own(doc, "scripts")) ? (own(doc, "scripts") as Doc) : {};
  const file = emptyTaskFile();
  for (const [name, value] of Object.entries(scripts)) {
    if (typeof value !== "string") continue;
    const needs = [`pre${name}`, `post${name}`].filter((hook) => typeof own(scripts, hook) === "string");
    setTask(file, name, { commands: value.trim() ? [value.trim()] : [], needs, line: 1 });
  }
  return file;
}

/**
 * mise.toml tasks: `[tasks.NAME]` with `run` (a string, one command a non-empty line, or an
 * array of them, where `{ task = "x" }` and `{ tasks = [...] }` items give needs) or `file` (a
 * script, run as the command), `depends` before and `depends_post` after as needs (by task name,
 * arguments dropped);
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
      else for (const ref of [...strings(own(item, "task")), ...strings(own(item, "tasks"))].slice(0, MAX_TASKS)) task.needs.push(firstWord(ref));
    }
    const script = own(spec, "file");
    if (typeof script === "string") task.commands.push(script);
    for (const dep of strings(own(spec, "depends_post"))) task.needs.push(firstWord(dep));
    setTask(file, name, task);
  }
  return file;
}

/**
 * Larger dvc.yaml text is not read: yaml reads about a megabyte a second here (5 MB of junk took
 * seconds), and real pipelines are a few kilobytes. Its duplicate-key check is quadratic, so off.
 */
export const MAX_DVC_YAML_CHARS = 256 * 1024;

/**
 * dvc.yaml: every stage under `stages`, its `cmd` a string (one command a non-empty line) or a
 * list; a `foreach`/`do` stage runs `do.cmd` per item (one task, by the stage's name). A stage
 * needs the stages whose `outs`, `metrics` or `plots` it lists in `deps` (the path or a folder
 * above it), as `dvc repro` runs those first. `dvc repro` alone runs every stage: all are the
 * defaults, in order. Given text, lines come from the YAML document, and text unparsable or
 * over MAX_DVC_YAML_CHARS gives undefined; given a parsed document, every line is 1.
 */
export function dvcYaml(doc: Doc): TaskFile;
export function dvcYaml(text: string): TaskFile | undefined;
export function dvcYaml(source: string | Doc): TaskFile | undefined {
  const lines = new Map<string, number>();
  let doc: unknown = source;
  if (typeof source === "string") {
    if (source.length > MAX_DVC_YAML_CHARS) return undefined;
    try {
      const counter = new LineCounter();
      const parsed = parseDocument(source, { lineCounter: counter, uniqueKeys: false, prettyErrors: false });
      if (parsed.errors.length) return undefined;
      doc = parsed.toJS({ maxAliasCount: 100 });
      const stages = isMap(parsed.contents) ? parsed.contents.get("stages", true) : undefined;
      for (const pair of isMap(stages) ? stages.items : []) {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), counter.linePos(pair.key.range[0]).line);
      }
    } catch {
      return undefined; // too many aliases, or a document too deep to convert
    }
  }
  const stages = own(doc, "stages");
  const file = emptyTaskFile();
  const producers = new Map<string, string>();
  const entries = Object.entries(isRecord(stages) ? stages : {}).slice(0, MAX_TASKS);
  for (const [name, stage] of entries) {
    const body = own(stage, "do") ?? stage;
    for (const key of ["outs", "metrics", "plots"]) for (const out of paths(own(body, key))) producers.set(out, name);
  }
  for (const [name, stage] of entries) {
    const body = own(stage, "do") ?? stage;
    const cmd = own(body, "cmd");
    const commands = (Array.isArray(cmd) ? strings(cmd) : strings(cmd).flatMap(shellLines)).map((c) => c.trim()).filter(Boolean);
    const needs: string[] = [];
    for (const dep of paths(own(body, "deps"))) {
      const producer = producerOf(dep, producers);
      if (producer !== undefined && producer !== name && !needs.includes(producer)) needs.push(producer);
    }
    setTask(file, name, { commands, needs, line: lines.get(name) ?? 1 });
  }
  file.defaults = [...file.tasks.keys()];
  return file;
}

/** The stage that writes a path, or a folder above it (`data/` holds `data/raw.csv`). */
function producerOf(path: string, producers: Map<string, string>): string | undefined {
  let at = path;
  for (let i = 0; i < 64 && at; i++) {
    const producer = producers.get(at);
    if (producer !== undefined) return producer;
    const slash = at.lastIndexOf("/");
    at = slash < 0 ? "" : at.slice(0, slash);
  }
  return undefined;
}

/** dvc lists paths as strings or one-key tables (`- model.pkl: {cache: false}`). */
function paths(value: unknown): string[] {
  return (Array.isArray(value) ? value : [])
    .flatMap((item) => (typeof item === "string" ? [item] : isRecord(item) ? Object.keys(item) : []))
    .map(normalPath);
}

/** `./data/` → `data`: a path as dvc.yaml's deps and outs both may write it. */
function normalPath(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--; // a loop: a `\/+$` regex is quadratic on a run of slashes
  return path.slice(path.startsWith("./") ? 2 : 0, end);
}

function firstWord(text: string): string {
  return text.trim().split(/\s/, 1)[0] ?? "";
}
