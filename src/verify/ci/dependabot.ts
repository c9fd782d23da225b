// Dependabot: not CI, but the same kind of proof, updates GitHub runs on a schedule the
// repository sets.
import { isRecord } from "../../util/own.js";
import type { CiJob } from "../ci.js";
import { type Doc, MAX_JOBS, type Pipeline, record } from "./yaml-systems.js";

/**
 * Dependabot (.github/dependabot.yml): each entry of `updates` is a job that GitHub runs on the
 * entry's `schedule.interval`, named by its `package-ecosystem` (with ` DIRECTORY` and any
 * ` TARGET-BRANCH` added when one ecosystem has several entries, and ` (N)` if still alike). What it runs reads `dependabot update ECOSYSTEM DIRECTORY`.
 */
export function dependabot(doc: Doc, source: string): Pipeline {
  const updates = (Array.isArray(doc.updates) ? doc.updates : []).filter(isRecord).slice(0, MAX_JOBS);
  const ecosystems = updates.map((u) => String(u["package-ecosystem"] ?? ""));
  const jobs = new Map<string, CiJob>();
  updates.forEach((update, i) => {
    const ecosystem = ecosystems[i]!;
    const directory =
      typeof update.directory === "string" ? update.directory : Array.isArray(update.directories) ? update.directories.join(",") : "/";
    if (!ecosystem) return;
    const branch = typeof update["target-branch"] === "string" ? ` ${update["target-branch"]}` : "";
    let id = ecosystems.indexOf(ecosystem) === ecosystems.lastIndexOf(ecosystem) ? ecosystem : `${ecosystem} ${directory}${branch}`;
    // Entries alike in all three still each get a name of their own.
    for (let n = 2; jobs.has(id); n++) id = `${ecosystem} ${directory}${branch} (${n})`;
    const interval = record(update.schedule).interval;
    jobs.set(id, {
      commands: [`dependabot update ${ecosystem} ${directory}`],
      scheduled: typeof interval === "string" && interval !== "",
      source,
    });
  });
  return { jobs, notes: [] };
}
