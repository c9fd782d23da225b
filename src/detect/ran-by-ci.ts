// Which files a CI job runs, so that a practice written in them counts as automated by that job:
// a test file that a job's pytest collects (pytest-coverage.ts), and a program a job runs by
// name (a script, a Python file or module, a Databricks notebook). Each comes with the pointer
// that proves it, `ci: FILE#JOB` and the command as `runs:`, which verification finds again.
import type { Pointer } from "../schema/evidence.js";
import type { CiFile } from "../verify/ci.js";
import type { ProjectReader } from "../verify/files.js";
import { Expander, type Expansion } from "../verify/tasks/expand.js";
import { templatedPath } from "../verify/template-path.js";
import { collected, isCollected, isTestFile } from "./pytest-coverage.js";

/** A CI job with everything it runs, through runners and scripts (verify/tasks/expand.ts). */
export interface Job extends Expansion {
  pointer: string;
  scheduled: boolean;
  source: string;
}

export interface RunBy {
  pointer: Pointer;
  /** How the job reaches the file, through runners and scripts. */
  via: string[];
  /** Said after a detector's own words: "in tests that … runs". */
  how: string;
}

/** Files a job reads as configuration are not larger than this. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Every job of every CI file the scan kept, expanded. */
export function ciJobs(ci: Map<string, CiFile>, project: ProjectReader, seen: Set<string>): Job[] {
  const expander = new Expander(project);
  const jobs: Job[] = [];
  for (const [file, parsed] of ci) {
    if (!parsed.ok) continue;
    for (const [id, job] of parsed.jobs) {
      // An ignored file's jobs are not evidence.
      if (seen.has(job.source))
        jobs.push({ pointer: `${file}#${id}`, scheduled: job.scheduled, source: job.source, ...expander.job(file, job) });
    }
  }
  return jobs;
}

/** Which CI job runs a file, if any: undefined when no job runs pytest or a program at all. */
export function ranByCi(jobs: Job[], project: ProjectReader): ((file: string) => RunBy | undefined) | undefined {
  const programs = new Map<string, RunBy>();
  for (const job of jobs) {
    for (const ran of job.ran) {
      if (!programs.has(ran.file))
        programs.set(ran.file, { pointer: { ci: job.pointer, runs: ran.text }, via: ran.via, how: `in a file that ${job.pointer} runs` });
    }
  }
  // Each configuration file is read once, however many pytest runs look at it.
  const configs = new Map<string, string | undefined>();
  const readConfig = (path: string) => {
    if (!configs.has(path)) {
      const read = project.read(path, MAX_CONFIG_BYTES);
      configs.set(path, read.ok ? read.text : undefined);
    }
    return configs.get(path);
  };
  const seenCalls = new Set<string>();
  const pytest = jobs.flatMap((job) =>
    job.pytest.flatMap((call) => {
      const key = `${job.pointer}\0${call.dir}\0${call.args.join("\0")}`;
      if (seenCalls.has(key)) return [];
      seenCalls.add(key);
      return [
        {
          paths: collected(call, readConfig),
          by: { pointer: { ci: job.pointer, runs: call.text }, via: call.via, how: `in tests that ${job.pointer} runs` },
        },
      ];
    }),
  );
  if (programs.size === 0 && pytest.length === 0) return undefined;
  // A template's test file counts as the file it stands for (`test_model.py.jinja`).
  return (file) =>
    programs.get(file) ?? (isTestFile(templatedPath(file)) ? pytest.find((run) => isCollected(file, run.paths))?.by : undefined);
}
