// GitHub Actions workflows (.github/workflows/*.yml): each job with the steps it runs, where it
// runs them, and whether the workflow's schedule reaches it.
import { isRecord } from "../../util/own.js";
import type { CiFile, CiJob } from "../ci.js";
import type { ProjectReader } from "../files.js";
import { runsOnScheduleEvent } from "./github-if.js";
import { loadCiYaml } from "./read-yaml.js";

export function github(files: ProjectReader, rel: string): CiFile {
  const loaded = loadCiYaml(files, rel);
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
