// CI files read as data: which jobs exist, what they run, whether they run on a schedule.
// GitHub Actions (.github/workflows/*.yml), GitLab CI (.gitlab-ci.yml with its local includes),
// Jenkins (ci/jenkinsfile.ts), and the one-file YAML systems of ci/yaml-systems.ts are understood;
// anything else is named as unsupported. Nothing found here is ever executed.
import { type CollectionTag, parseDocument, YAMLSeq } from "yaml";
import { duplicateKeys, MAX_ALIAS_COUNT } from "../load/yaml.js";
import { isRecord } from "../util/own.js";
import { runsOnScheduleEvent } from "./ci/github-if.js";
import { jenkinsfile } from "./ci/jenkinsfile.js";
import { azure, bitbucket, circleci, cloudBuild, codeBuild, databricks, dependabot, type Pipeline } from "./ci/yaml-systems.js";
import type { ProjectReader } from "./files.js";
import { templatedPath } from "./template-path.js";

export interface CiJob {
  /** Everything the job runs: shell lines, and actions or templates it uses. */
  commands: string[];
  scheduled: boolean;
  /** The file the job is defined in (a GitLab job may come from an included file). */
  source: string;
  /** The folder each command runs in, by its index in `commands`, where the file sets one (GitHub's working-directory). */
  workingDirectories?: (string | undefined)[];
  /** Why a job of a scheduled workflow does not count as scheduled, or may not: its `if:`, quoted. */
  schedule?: { excludedBy: string } | { undecidedBy: string };
  /** Set when the job runs only when a person (or something outside the repository) starts it, saying how; reports say so. */
  manualOnly?: string;
}

export type CiFile =
  | {
      ok: true;
      system: string;
      jobs: Map<string, CiJob>;
      notes: string[];
      /** Set where the system keeps schedules outside the repository: `scheduled: true` cannot be checked. */
      schedulesElsewhere?: string;
    }
  | { ok: false; reason: string; unsupported?: boolean };

/** The systems whose pipeline is one YAML file, by where that file is. */
const ONE_FILE_SYSTEMS: { system: string; path: RegExp; read: (doc: Record<string, unknown>, source: string) => Pipeline }[] = [
  { system: "CircleCI", path: /(^|\/)\.circleci\/config\.ya?ml$/, read: circleci },
  { system: "Bitbucket Pipelines", path: /(^|\/)bitbucket-pipelines\.ya?ml$/, read: bitbucket },
  { system: "Azure Pipelines", path: /(^|\/)azure-pipelines\.ya?ml$|^\.azure-pipelines\/[^/]+\.ya?ml$/, read: azure },
  { system: "Google Cloud Build", path: /(^|\/)cloudbuild[^/]*\.ya?ml$/, read: cloudBuild },
  { system: "AWS CodeBuild", path: /(^|\/)buildspec[^/]*\.ya?ml$/, read: codeBuild },
  // A bundle's root file, and the resources files it includes (resources/*.yml, the templates' layout).
  { system: "Databricks asset bundle", path: /(^|\/)databricks\.ya?ml$|(^|\/)resources\/[^/]+\.ya?ml$/, read: databricks },
  // Not CI, but the same kind of proof: updates GitHub runs on a schedule the repository sets.
  { system: "Dependabot", path: /^\.github\/dependabot\.ya?ml$/, read: dependabot },
];

/** Jenkins pipelines: Groovy, read by ci/jenkinsfile.ts. */
const JENKINSFILE = /(^|\/)(Jenkinsfile(\.[^/]+)?|[^/]+\.[Jj]enkinsfile)$/;

const UNSUPPORTED: [RegExp, string][] = [
  [/(^|\/)\.travis\.ya?ml$/, "Travis CI"],
  [/(^|\/)\.buildkite\//, "Buildkite"],
  [/(^|\/)\.drone\.ya?ml$/, "Drone"],
];

/** The CI files `mltest detect` reads: GitHub workflows, the GitLab pipeline at the root, and the one-file systems. */
export function isCiFile(file: string): boolean {
  const rel = templatedPath(file);
  return (
    /^\.github\/workflows\/[^/]+\.ya?ml$/.test(rel) ||
    /^\.gitlab-ci\.ya?ml$/.test(rel) ||
    JENKINSFILE.test(rel) ||
    ONE_FILE_SYSTEMS.some((s) => s.path.test(rel))
  );
}

export function readCi(files: ProjectReader, path: string): CiFile {
  const rel = path.replace(/\\/g, "/").replace(/^\.\//, "");
  // A template's CI file is read as the file it stands for (template-path.ts).
  const as = templatedPath(rel);
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(as)) return github(files, rel);
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(as)) return gitlab(files, rel);
  if (JENKINSFILE.test(as)) {
    const read = files.read(rel, MAX_CI_BYTES);
    if (!read.ok) return read;
    return { ok: true, system: "Jenkins", ...jenkinsfile(read.text, rel) };
  }
  const oneFile = ONE_FILE_SYSTEMS.find((s) => s.path.test(as));
  if (oneFile) {
    const loaded = load(files, rel);
    if (!loaded.ok) return loaded;
    return { ok: true, system: oneFile.system, ...oneFile.read(loaded.doc, rel) };
  }
  const system = UNSUPPORTED.find(([pattern]) => pattern.test(as))?.[1];
  const supported =
    "mltest verifies GitHub Actions workflows (.github/workflows/*.yml), GitLab CI (.gitlab-ci.yml), Jenkins (Jenkinsfile), CircleCI (.circleci/config.yml), " +
    "Bitbucket Pipelines (bitbucket-pipelines.yml), Azure Pipelines (azure-pipelines.yml), Google Cloud Build (cloudbuild.yaml), " +
    "AWS CodeBuild (buildspec.yml), Databricks asset bundle jobs (databricks.yml, resources/*.yml) and Dependabot's updates (.github/dependabot.yml)";
  return {
    ok: false,
    unsupported: true,
    reason: system ? `${system} is not supported; ${supported}` : `${rel} is not a CI file mltest understands; ${supported}`,
  };
}

/** GitLab's `!reference [.job, key]`, kept as data and resolved against the jobs once all are read. */
const referenceTag: CollectionTag = {
  tag: "!reference",
  collection: "seq",
  identify: () => false,
  resolve(seq) {
    const reference = new YAMLSeq();
    reference.items = (seq as YAMLSeq).items;
    const path = reference.items.map((item) => String((item as { value?: unknown }).value ?? item));
    Object.assign(reference, { toJSON: () => ({ $reference: path }) });
    return reference;
  },
};

/**
 * Larger CI files are not read: parsed YAML costs some 70 times its size in memory, and real
 * workflow and pipeline files are a few kilobytes.
 */
export const MAX_CI_BYTES = 1024 * 1024;
/** A job's commands beyond this many are not collected (a pipeline of references can multiply them). */
const MAX_COMMANDS = 10_000;

function load(files: ProjectReader, rel: string): { ok: true; doc: Record<string, unknown>; id: string } | { ok: false; reason: string } {
  const read = files.read(rel, MAX_CI_BYTES);
  if (!read.ok) return read;
  try {
    const doc: unknown = parseFull(read.text);
    if (!isRecord(doc)) return { ok: false, reason: "not a CI configuration: the YAML holds no mapping" };
    return { ok: true, doc, id: read.id };
  } catch (err) {
    return { ok: false, reason: `not valid YAML: ${(err as Error).message.split("\n")[0]}` };
  }
}

/**
 * yaml's reading, with GitLab's !reference tag and a cap on alias expansion. yaml's own
 * duplicate-key check is quadratic in a map's size, so it is off and load/yaml.ts's linear one
 * runs instead: CI systems refuse a key given twice, and so does mltest.
 */
function parseFull(text: string): unknown {
  const doc = parseDocument(text, { customTags: [referenceTag], logLevel: "error", uniqueKeys: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  const duplicate = duplicateKeys(doc)[0];
  if (duplicate) throw new Error(`Map keys must be unique: "${duplicate.path[duplicate.path.length - 1]}" is given twice`);
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

function github(files: ProjectReader, rel: string): CiFile {
  const loaded = load(files, rel);
  if (!loaded.ok) return loaded;
  const on = loaded.doc.on;
  const schedule = isRecord(on) ? on.schedule : undefined;
  const crons = (Array.isArray(schedule) ? schedule : []).flatMap((entry) =>
    isRecord(entry) && typeof entry.cron === "string" ? [entry.cron] : [],
  );
  const scheduled = crons.length > 0;
  const jobs = new Map<string, CiJob>();
  const folder = (defaults: unknown): string | undefined => {
    const run = isRecord(defaults) ? defaults.run : undefined;
    return isRecord(run) && typeof run["working-directory"] === "string" ? run["working-directory"] : undefined;
  };
  const workflowFolder = folder(loaded.doc.defaults);
  // A workflow started only by hand (`on: workflow_dispatch`) automates nothing.
  const triggers = typeof on === "string" ? [on] : Array.isArray(on) ? on.map(String) : isRecord(on) ? Object.keys(on) : [];
  const manualOnly =
    triggers.length > 0 && triggers.every((t) => t === "workflow_dispatch")
      ? "the workflow runs only when started by hand (on: workflow_dispatch)"
      : undefined;
  for (const [id, job] of Object.entries(isRecord(loaded.doc.jobs) ? loaded.doc.jobs : {})) {
    if (!isRecord(job)) continue;
    const steps = Array.isArray(job.steps) ? job.steps.filter(isRecord) : [];
    const jobFolder = folder(job.defaults) ?? workflowFolder;
    const commands: string[] = typeof job.uses === "string" ? [job.uses] : []; // a reusable workflow
    const workingDirectories: (string | undefined)[] = commands.map(() => undefined);
    for (const step of steps) {
      for (const command of [step.run, step.uses]) {
        if (typeof command !== "string") continue;
        commands.push(command);
        // Only a run step runs in a folder; its own working-directory wins over the defaults.
        workingDirectories.push(
          command === step.run ? (typeof step["working-directory"] === "string" ? step["working-directory"] : jobFolder) : undefined,
        );
      }
    }
    // The job's own `if:` may keep it off the schedule (`github.event_name != 'schedule'`).
    const condition = job.if === undefined ? undefined : String(job.if);
    const onSchedule = condition === undefined ? true : runsOnScheduleEvent(condition, crons);
    const schedule =
      !scheduled || onSchedule === true ? undefined : onSchedule === false ? { excludedBy: condition! } : { undecidedBy: condition! };
    jobs.set(id, {
      commands,
      scheduled: scheduled && onSchedule === true,
      source: rel,
      ...(schedule && { schedule }),
      ...(workingDirectories.some((d) => d !== undefined) && { workingDirectories }),
      ...(manualOnly && { manualOnly }),
    });
  }
  return { ok: true, system: "GitHub Actions", jobs, notes: [] };
}

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

function gitlab(files: ProjectReader, rel: string): CiFile {
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
    const loaded = load(files, file);
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
