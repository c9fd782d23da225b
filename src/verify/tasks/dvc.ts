// DVC's tasks: the stages of a dvc.yaml, given as text (read here) or a parsed document.
import { isMap, isPair, isScalar, LineCounter, parseDocument } from "yaml";
import { isRecord } from "../../util/own.js";
import {
  type Doc,
  emptyTaskFile,
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
 * Larger dvc.yaml text is not read: yaml is slow on megabytes of junk, and real pipelines are a
 * few kilobytes. Its duplicate-key check is quadratic, so off.
 */
export const MAX_DVC_YAML_CHARS = 256 * 1024;

/**
 * dvc.yaml: every stage under `stages`, its `cmd` a string (one command a non-empty line) or a
 * list; a `foreach`/`do` stage runs `do.cmd` per item (one task, by the stage's name). A stage
 * needs the stages whose `outs`, `metrics` or `plots` it lists in `deps` (the path or a folder
 * above it), as `dvc repro` runs those first; its `wdir` (relative to dvc.yaml), where they run,
 * is its dir (a templated one, `${item}`, is left out). `dvc repro` alone runs every stage: all are the
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
        if (isPair(pair) && isScalar(pair.key) && pair.key.range)
          lines.set(String(pair.key.value), counter.linePos(pair.key.range[0]).line);
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
    const task: Task = { commands, needs, line: lines.get(name) ?? 1 };
    const wdir = own(body, "wdir");
    const dir = typeof wdir === "string" ? relativeDir(wdir) : undefined;
    if (dir !== undefined) task.dir = dir;
    setTask(file, name, task);
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
