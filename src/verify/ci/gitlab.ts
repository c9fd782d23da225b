// GitLab CI (.gitlab-ci.yml with its local includes): jobs with their `extends:` templates merged
// in and their `!reference` tags resolved, what they run, and whether a schedule or a person
// starts them.
import { isRecord } from "../../util/own.js";
import type { CiFile, CiJob } from "../ci.js";
import type { ProjectReader } from "../files.js";
import { loadCiYaml } from "./read-yaml.js";

/** A job's commands beyond this many are not collected (a pipeline of references can multiply them). */
const MAX_COMMANDS = 10_000;

/** Keys of a GitLab CI file that are settings, not jobs. */
const GITLAB_KEYWORDS = new Set([
  "default",
  "include",
  "stages",
  "variables",
  "workflow",
  "image",
  "services",
  "cache",
  "before_script",
  "after_script",
  "types",
  "spec",
]);
const MAX_INCLUDES = 50;

export function gitlab(files: ProjectReader, rel: string): CiFile {
  const definitions = new Map<string, Record<string, unknown>>();
  const sources = new Map<string, string>();
  const notes: string[] = [];
  const seen = new Set<string>();
  let defaults: Record<string, unknown> = {};

  // The root file and its local includes, breadth first; later definitions override earlier ones.
  // Each file is read once, however many names (includes, globs, hard links) reach it.
  const queue = [rel];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.size >= MAX_INCLUDES) {
      notes.push(`stopped after ${MAX_INCLUDES} included files`);
      break;
    }
    const identity = files.identity(file) ?? `path ${file}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const loaded = loadCiYaml(files, file);
    if (!loaded.ok) {
      if (file === rel) return loaded;
      notes.push(`include ${file}: ${loaded.reason}`);
      continue;
    }
    const enqueue = (next: string) => {
      if (!queued.has(next)) queue.push(next);
      queued.add(next);
    };
    for (const include of includes(loaded.doc.include)) {
      if (include.local === undefined) {
        notes.push(`${include.kind} include not followed: jobs defined there cannot be verified`);
        continue;
      }
      const local = include.local.replace(/^\/+/, ""); // "/ci/x.yml" is relative to the project root
      if (/[*?[{]/.test(local)) {
        const found = files.glob(local, MAX_INCLUDES);
        if (found.ok) found.matches.forEach(enqueue);
        else notes.push(`include ${include.local}: ${found.reason}`);
      } else enqueue(local);
    }
    // The including file wins over what it includes: files come breadth first from the root, so
    // what is already known takes precedence, key by key (GitLab merges job definitions).
    if (isRecord(loaded.doc.default)) defaults = { ...loaded.doc.default, ...defaults };
    for (const [id, job] of Object.entries(loaded.doc)) {
      if (GITLAB_KEYWORDS.has(id) || !isRecord(job)) continue;
      definitions.set(id, { ...job, ...definitions.get(id) });
      if (!sources.has(id)) sources.set(id, file);
    }
  }

  const jobs = new Map<string, CiJob>();
  const extended = resolveExtends(definitions);
  const script = scriptLines(definitions);
  for (const id of definitions.keys()) {
    if (id.startsWith(".")) continue; // hidden jobs are templates
    const merged = extended(id);
    const commands = script(
      ["before_script", "script", "after_script"].map((key) => merged[key] ?? (key === "script" ? undefined : defaults[key])),
    );
    if (typeof merged.trigger === "string") commands.push(merged.trigger);
    if (commands.length >= MAX_COMMANDS) notes.push(`job "${id}": only its first ${MAX_COMMANDS} commands were read`);
    jobs.set(id, {
      commands,
      scheduled: runsOnSchedule(merged),
      source: sources.get(id)!,
      ...(startedByHand(merged) && { manualOnly: "the job runs only when started by hand (when: manual)" }),
    });
  }
  return { ok: true, system: "GitLab CI", jobs, notes };
}

function includes(value: unknown): { kind: string; local?: string }[] {
  const entries = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return entries.map((entry) => {
    if (typeof entry === "string") return /^https?:\/\//.test(entry) ? { kind: "remote" } : { kind: "local", local: entry };
    if (isRecord(entry) && typeof entry.local === "string") return { kind: "local", local: entry.local };
    const kind = isRecord(entry) ? (["remote", "template", "project", "component"].find((k) => k in entry) ?? "unknown") : "unknown";
    return { kind };
  });
}

/**
 * Each job with its `extends:` templates merged in, nearest last (GitLab's order). Every
 * definition is resolved once and remembered, so templates that name each other over and over
 * cost one merge each; a cycle (which GitLab refuses) stops where it closes.
 */
function resolveExtends(all: Map<string, Record<string, unknown>>): (id: string) => Record<string, unknown> {
  const resolved = new Map<string, Record<string, unknown>>();
  const resolving = new Set<string>();
  const resolve = (id: string, depth: number): Record<string, unknown> => {
    const job = all.get(id)!;
    const done = resolved.get(id);
    if (done) return done;
    // GitLab allows eleven levels; deeper, or round in a circle, the job stands as written.
    if (resolving.has(id) || depth > 10) return job;
    resolving.add(id);
    const parents =
      typeof job.extends === "string" ? [job.extends] : Array.isArray(job.extends) ? job.extends.filter((p) => typeof p === "string") : [];
    let merged: Record<string, unknown> = {};
    for (const parent of new Set(parents)) {
      if (all.has(parent)) merged = { ...merged, ...resolve(parent, depth + 1) };
    }
    resolving.delete(id);
    const result = { ...merged, ...job };
    resolved.set(id, result);
    return result;
  };
  return (id) => resolve(id, 0);
}

/** `when: manual`, or rules that each end in `when: manual` (or never). */
function startedByHand(job: Record<string, unknown>): boolean {
  if (job.when === "manual") return true;
  const rules = Array.isArray(job.rules) ? job.rules.filter(isRecord) : [];
  return (
    rules.length > 0 &&
    rules.every((rule) => rule.when === "manual" || rule.when === "never") &&
    rules.some((rule) => rule.when === "manual")
  );
}

/** `only: [schedules]`, `only: { refs: [schedules] }`, or a rule on the pipeline source "schedule". */
function runsOnSchedule(job: Record<string, unknown>): boolean {
  const only = job.only;
  const refs = Array.isArray(only) ? only : isRecord(only) && Array.isArray(only.refs) ? only.refs : [];
  if (refs.includes("schedules")) return true;
  const rules = Array.isArray(job.rules) ? job.rules.filter(isRecord) : [];
  // GitLab's rule expressions have no parser to borrow; the one form that means "on schedules" is
  // an equality (==) between the pipeline source and "schedule", in either order.
  const onSchedule = /\$CI_PIPELINE_SOURCE\s*==\s*["']schedule["']|["']schedule["']\s*==\s*\$CI_PIPELINE_SOURCE/;
  return rules.some((rule) => typeof rule.if === "string" && onSchedule.test(rule.if) && rule.when !== "never");
}

/**
 * Shell lines from script values: strings, nested lists and `!reference` tags, each distinct line
 * once. A list reached again (a YAML alias, a reference made twice) adds nothing new and is not
 * walked again, so fan-out costs one visit per list, not one per path to it.
 */
function scriptLines(definitions: Map<string, Record<string, unknown>>): (values: unknown[]) => string[] {
  return (values) => {
    const found = new Set<string>();
    const visited = new Set<unknown>();
    // GitLab follows references ten deep; lists nest as deep as the YAML does, within reason.
    const walk = (value: unknown, references: number, depth: number): void => {
      if (found.size >= MAX_COMMANDS || references > 10 || depth > 100) return;
      if (typeof value === "string") found.add(value);
      else if (Array.isArray(value)) {
        if (visited.has(value)) return;
        visited.add(value);
        for (const item of value) walk(item, references, depth + 1);
      } else if (isRecord(value) && Array.isArray(value.$reference)) {
        const key = value.$reference.map(String).join("\0");
        if (visited.has(key)) return;
        visited.add(key);
        const [job, ...keys] = value.$reference.map(String);
        let target: unknown = definitions.get(job ?? "");
        for (const k of keys) target = isRecord(target) ? target[k] : undefined;
        walk(target, references + 1, depth + 1);
      }
    };
    for (const value of values) walk(value, 0, 0);
    return [...found];
  };
}
