// Readers for the CI systems whose pipeline is one YAML file: CircleCI, Bitbucket Pipelines, Azure
// Pipelines, Google Cloud Build and AWS CodeBuild (Databricks asset bundle jobs and Dependabot's
// scheduled updates, read the same way, have files of their own). Each takes the parsed file and
// gives its jobs, by the name a pointer uses (FILE#JOB), with what they run and whether the file
// schedules them. Pure: data in, data out; nothing found here is ever executed.

import { isRecord } from "../../util/own.js";
import type { CiJob } from "../ci.js";

export interface Pipeline {
  jobs: Map<string, CiJob>;
  notes: string[];
  /** Set where the system keeps schedules outside the repository: `scheduled: true` is then unverifiable. */
  schedulesElsewhere?: string;
}

export type Doc = Record<string, unknown>;

/** Jobs beyond this many are not read (a file of generated jobs can multiply them). */
export const MAX_JOBS = 2_000;

/**
 * CircleCI (.circleci/config.yml): `jobs.<id>.steps`, where a step is a built-in or orb command
 * named by a string, or `run:` with a command line (a string, or `command:`). A job is scheduled
 * when a workflow with a `triggers: - schedule:` lists it, or a workflow runs only for scheduled
 * pipelines (`when` on `pipeline.trigger_source` being `scheduled_pipeline`).
 */
export function circleci(doc: Doc, source: string): Pipeline {
  const scheduled = new Set<string>();
  for (const workflow of Object.values(record(doc.workflows))) {
    if (!isRecord(workflow)) continue;
    const triggers = Array.isArray(workflow.triggers) ? workflow.triggers : [];
    const onSchedule =
      triggers.some((t) => isRecord(t) && isRecord(t.schedule)) || JSON.stringify(workflow.when ?? "").includes("scheduled_pipeline");
    if (!onSchedule) continue;
    for (const entry of Array.isArray(workflow.jobs) ? workflow.jobs : []) {
      if (typeof entry === "string") scheduled.add(entry);
      else if (isRecord(entry)) for (const id of Object.keys(entry)) scheduled.add(id);
    }
  }
  const jobs = new Map<string, CiJob>();
  for (const [id, job] of Object.entries(record(doc.jobs)).slice(0, MAX_JOBS)) {
    if (!isRecord(job)) continue;
    const commands = (Array.isArray(job.steps) ? job.steps : []).flatMap((step): string[] => {
      if (typeof step === "string") return [step];
      if (!isRecord(step)) return [];
      const [name, value] = Object.entries(step)[0] ?? [];
      if (name === "run")
        return typeof value === "string" ? [value] : isRecord(value) && typeof value.command === "string" ? [value.command] : [];
      return name === undefined ? [] : [name];
    });
    jobs.set(id, { commands, scheduled: scheduled.has(id), source });
  }
  return { jobs, notes: [] };
}

/**
 * Bitbucket Pipelines (bitbucket-pipelines.yml): each `step` of every pipeline (default, branches,
 * pull requests, tags, custom), inside `parallel` and `stage` blocks too, named by its `name:`; a
 * step with no name is `PIPELINE-N`, its place in that pipeline. A step that several pipelines
 * share under one name is one job, with every command of each. Bitbucket keeps schedules in its
 * repository settings, outside the file.
 */
export function bitbucket(doc: Doc, source: string): Pipeline {
  const jobs = new Map<string, CiJob>();
  const pipelines = record(doc.pipelines);
  const named: [string, unknown][] = [];
  for (const [kind, value] of Object.entries(pipelines)) {
    if (Array.isArray(value)) named.push([kind, value]);
    else for (const [pattern, items] of Object.entries(record(value))) named.push([`${kind}.${pattern}`, items]);
  }
  for (const [pipeline, items] of named) {
    let place = 0;
    const visit = (item: unknown, depth: number): void => {
      if (!isRecord(item) || depth > 10 || jobs.size >= MAX_JOBS) return;
      if (isRecord(item.step)) {
        place++;
        const step = item.step;
        const id = typeof step.name === "string" && step.name.trim() ? step.name : `${pipeline}-${place}`;
        // A script line is a command, or a pipe (`- pipe: atlassian/…`), named by its image.
        const lines = [step.script, step["after-script"]].flatMap((list) => (Array.isArray(list) ? list : []));
        const commands = lines.flatMap((line) => (isRecord(line) ? command(line.pipe) : command(line)));
        const known = jobs.get(id);
        jobs.set(id, { commands: [...(known?.commands ?? []), ...commands], scheduled: false, source });
      }
      const parallel = Array.isArray(item.parallel)
        ? item.parallel
        : isRecord(item.parallel) && Array.isArray(item.parallel.steps)
          ? item.parallel.steps
          : [];
      const stage = isRecord(item.stage) && Array.isArray(item.stage.steps) ? item.stage.steps : [];
      for (const inner of [...parallel, ...stage]) visit(inner, depth + 1);
    };
    for (const item of Array.isArray(items) ? items : []) visit(item, 0);
  }
  return {
    jobs,
    notes: [],
    schedulesElsewhere: "Bitbucket Pipelines keeps schedules in the repository's settings, not in bitbucket-pipelines.yml",
  };
}

/**
 * Azure Pipelines (azure-pipelines.yml): jobs under `stages[].jobs`, `jobs`, or a pipeline of bare
 * `steps`, which Azure runs as one job named `__default`. A job is named by its `job:` or
 * `deployment:` id, and also STAGE.JOB, as job ids need only be unique within a stage. Its commands
 * are its steps' `script`, `bash`, `pwsh`, `powershell`, `task` and `template` values (a task's
 * `inputs.script` too). The whole pipeline is scheduled when the file has `schedules:` with a cron.
 */
export function azure(doc: Doc, source: string): Pipeline {
  const scheduled = Array.isArray(doc.schedules) && doc.schedules.some((s) => isRecord(s) && typeof s.cron === "string");
  const jobs = new Map<string, CiJob>();
  const notes: string[] = [];
  const add = (id: string, job: Doc) => {
    if (jobs.size >= MAX_JOBS) return;
    const steps = Array.isArray(job.steps) ? job.steps : isRecord(job.strategy) ? deploymentSteps(job.strategy) : [];
    jobs.set(id, { commands: steps.flatMap(azureStep), scheduled, source });
  };
  const addJobs = (list: unknown, stage?: string) => {
    for (const job of Array.isArray(list) ? list : []) {
      if (!isRecord(job)) continue;
      const id = typeof job.job === "string" ? job.job : typeof job.deployment === "string" ? job.deployment : undefined;
      if (id === undefined) {
        if (typeof job.template === "string")
          notes.push(`job template ${job.template} not followed: jobs defined there cannot be verified`);
        continue;
      }
      add(id, job);
      if (stage !== undefined) add(`${stage}.${id}`, job);
    }
  };
  if (Array.isArray(doc.stages)) {
    for (const stage of doc.stages) {
      if (isRecord(stage) && typeof stage.stage === "string") addJobs(stage.jobs, stage.stage);
      else if (isRecord(stage) && typeof stage.template === "string")
        notes.push(`stage template ${stage.template} not followed: jobs defined there cannot be verified`);
    }
  } else if (Array.isArray(doc.jobs)) addJobs(doc.jobs);
  else if (Array.isArray(doc.steps)) add("__default", doc);
  return { jobs, notes };
}

/**
 * Google Cloud Build (cloudbuild.yaml): each of `steps`, named by its `id`, else `step-N` (its
 * place, from 1). What it runs: its `script`, and its entrypoint with `args` as one command line,
 * with the builder image it runs in. Builds are started by triggers and Cloud Scheduler, kept
 * outside the repository.
 */
export function cloudBuild(doc: Doc, source: string): Pipeline {
  const jobs = new Map<string, CiJob>();
  (Array.isArray(doc.steps) ? doc.steps : []).slice(0, MAX_JOBS).forEach((step, i) => {
    if (!isRecord(step)) return;
    const id = typeof step.id === "string" && step.id.trim() ? step.id : `step-${i + 1}`;
    const args = Array.isArray(step.args) ? step.args.filter((a): a is string => typeof a === "string") : [];
    const line = [...command(step.entrypoint), ...args].join(" ");
    jobs.set(id, { commands: [...command(step.script), ...(line ? [line] : []), ...command(step.name)], scheduled: false, source });
  });
  return { jobs, notes: [], schedulesElsewhere: "Cloud Build runs are scheduled by triggers and Cloud Scheduler, outside cloudbuild.yaml" };
}

/**
 * AWS CodeBuild (buildspec.yml): its phases, named `install`, `pre_build`, `build` and
 * `post_build`, each running its `commands` and `finally` lines. Builds are scheduled by
 * EventBridge or CodePipeline, outside the repository.
 */
export function codeBuild(doc: Doc, source: string): Pipeline {
  const jobs = new Map<string, CiJob>();
  for (const [phase, body] of Object.entries(record(doc.phases))) {
    if (!isRecord(body)) continue;
    const commands = [body.commands, body.finally].flatMap((list) => (Array.isArray(list) ? list : [])).flatMap(command);
    jobs.set(phase, { commands, scheduled: false, source });
  }
  return { jobs, notes: [], schedulesElsewhere: "CodeBuild runs are scheduled by EventBridge or CodePipeline, outside the buildspec" };
}

/** A deployment job's steps: those of each lifecycle hook of its strategy (runOnce, rolling, canary). */
function deploymentSteps(strategy: Doc): unknown[] {
  return Object.values(strategy).flatMap((kind) =>
    Object.values(record(kind)).flatMap((hook) => (isRecord(hook) && Array.isArray(hook.steps) ? hook.steps : [])),
  );
}

function azureStep(step: unknown): string[] {
  if (!isRecord(step)) return [];
  const found: string[] = [];
  for (const key of ["script", "bash", "pwsh", "powershell", "task", "template"]) found.push(...command(step[key]));
  // Script tasks (Bash@3, PowerShell@2, AzureCLI@2, PythonScript@0) hold their script inline or name its file.
  if (isRecord(step.inputs)) {
    for (const key of ["script", "inlineScript", "scriptPath", "filePath", "arguments"]) found.push(...command(step.inputs[key]));
  }
  return found;
}

/** A command line, as these files write one: a string (a multi-line block is one). */
export function command(value: unknown): string[] {
  return typeof value === "string" ? [value] : [];
}

/** A mapping as read, or an empty one where the file has something else. */
export function record(value: unknown): Doc {
  return isRecord(value) ? value : {};
}
