// Databricks asset bundles: not CI, but the same kind of proof, jobs the platform runs on a
// schedule the repository sets.
import { isRecord } from "../../util/own.js";
import type { CiJob } from "../ci.js";
import { command, type Doc, MAX_JOBS, type Pipeline, record } from "./yaml-systems.js";

/**
 * Databricks asset bundles (databricks.yml, and the resources files it includes): each job under
 * `resources.jobs`, and each quality monitor under `resources.quality_monitors`, by its key. What it runs: every task's notebook path, Python file, wheel entry
 * point, dbt commands and parameters. A job is scheduled by `schedule` with a Quartz cron (not
 * paused) or a periodic `trigger`.
 */
export function databricks(doc: Doc, source: string): Pipeline {
  const jobs = new Map<string, CiJob>();
  for (const [id, job] of Object.entries(record(record(doc.resources).jobs)).slice(0, MAX_JOBS)) {
    if (!isRecord(job)) continue;
    const schedule = record(job.schedule);
    const scheduled =
      (typeof schedule.quartz_cron_expression === "string" && schedule.pause_status !== "PAUSED") || isRecord(record(job.trigger).periodic);
    const commands = (Array.isArray(job.tasks) ? job.tasks : []).flatMap((task) => (isRecord(task) ? databricksTask(task) : []));
    // With no schedule, trigger or continuous run, a job runs when someone (or something outside the bundle) starts it.
    const started = scheduled || isRecord(job.trigger) || isRecord(job.continuous);
    const why =
      typeof schedule.quartz_cron_expression === "string"
        ? "its schedule is paused and it has no trigger or continuous run"
        : "it has no schedule, trigger or continuous run in the bundle";
    jobs.set(id, { commands, scheduled, source, ...(!started && { manualOnly: `the job runs only when started: ${why}` }) });
  }
  // A Lakehouse quality monitor is a scheduled job too: what it runs reads `quality_monitor TABLE`,
  // with the analysis it computes (inference_log, time_series, snapshot) and its baseline.
  for (const [id, monitor] of Object.entries(record(record(doc.resources).quality_monitors)).slice(0, MAX_JOBS)) {
    if (!isRecord(monitor) || jobs.has(id)) continue;
    const schedule = record(monitor.schedule);
    const analyses = ["inference_log", "time_series", "snapshot"].filter((key) => key in monitor);
    const baseline = typeof monitor.baseline_table_name === "string" ? ["baseline"] : [];
    const line = ["quality_monitor", String(monitor.table_name ?? id), ...analyses, ...baseline].join(" ");
    jobs.set(id, {
      commands: [line],
      scheduled: typeof schedule.quartz_cron_expression === "string" && schedule.pause_status !== "PAUSED",
      source,
    });
  }
  return { jobs, notes: [] };
}

function databricksTask(task: Doc): string[] {
  const found: string[] = [];
  const notebook = record(task.notebook_task);
  const python = record(task.spark_python_task);
  const wheel = record(task.python_wheel_task);
  found.push(...command(notebook.notebook_path), ...command(python.python_file));
  if (typeof wheel.package_name === "string")
    found.push([wheel.package_name, wheel.entry_point].filter((p) => typeof p === "string").join(" "));
  for (const params of [python.parameters, wheel.parameters, record(task.spark_submit_task).parameters]) {
    if (Array.isArray(params)) found.push(params.filter((p) => typeof p === "string").join(" "));
  }
  const dbt = record(task.dbt_task).commands;
  if (Array.isArray(dbt)) found.push(...dbt.flatMap(command));
  return found;
}
