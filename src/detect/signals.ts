// Each detector's signal, once the pass has read what it needs: the first place it fires (the
// best-ranked file, a manifest's dependency, a CI job's command), with the pointer it proposes.
import type { Pointer } from "../schema/evidence.js";
import type { Detector } from "../schema/rubric.js";
import type { Pattern } from "../util/patterns.js";
import { type Hit, lineAt } from "./content-groups.js";
import type { Signal } from "./detect.js";
import { type Dependency, normalise } from "./manifests.js";
import type { Job, RunBy } from "./ran-by-ci.js";
import { rank } from "./rank.js";

export interface Sources {
  /** The files a glob matches, in file order. */
  matching(glob: string): number[];
  files: string[];
  /** Where each content detector fires, in the best-ranked file (rank.ts). */
  contents: Map<Detector, Hit>;
  manifests: string[];
  depsOf(file: string): Dependency[];
  jobs: Job[];
  ciText(file: string): string | undefined;
  ciPattern(source: string): Pattern;
}

/** The first place a detector fires, in file order, with the pointer it proposes. */
export function signalOf(detector: Detector, sources: Sources): Omit<Signal, "test" | "what" | "status"> | undefined {
  if (detector.files) {
    const best =
      detector.contains === undefined
        ? bestRanked(detector.files.flatMap((glob) => sources.matching(glob)).map((i) => sources.files[i]!))
        : undefined;
    const at =
      detector.contains === undefined ? (best === undefined ? undefined : { file: best, line: 1 }) : sources.contents.get(detector);
    if (!at) return undefined;
    return { ...at, pointer: (detector.pointer === "doc" ? { doc: at.file } : { path: at.file }) as Pointer };
  }
  if (detector.dependency) {
    const wanted = new Set(detector.dependency.map(normalise));
    for (const file of sources.manifests) {
      const dep = sources.depsOf(file).find((d) => wanted.has(d.name));
      if (dep) return { file, line: dep.line, pointer: { path: file } };
    }
    return undefined;
  }
  const pattern = sources.ciPattern(detector.ci!);
  // A job's own lines are looked at before what it reaches through runners and scripts.
  for (const direct of [true, false]) {
    for (const job of sources.jobs) {
      if (detector.scheduled && !job.scheduled) continue;
      for (const step of job.steps) {
        if ((step.via.length === 0) !== direct) continue;
        const runs = pattern.exec(step.command)?.[0].trim();
        // The proposed `runs:` is the very text that matched, so verification finds it again.
        if (!runs || runs.includes("\n")) continue;
        const where = step.at?.file ?? job.source;
        const source = sources.ciText(where) ?? "";
        const at = source.indexOf(runs);
        return {
          file: where,
          line: at < 0 ? (step.at?.line ?? 1) : lineAt(source, at),
          pointer: { ci: job.pointer, runs, ...(detector.scheduled ? { scheduled: true } : {}) },
          ...(step.via.length > 0 && { via: step.via }),
        };
      }
    }
  }
  return undefined;
}

/** The first file a file-only detector's globs match that a CI job runs. */
export function firstRan(globs: string[], sources: Sources, runBy: (file: string) => RunBy | undefined): Hit | undefined {
  const file = globs
    .flatMap((glob) => sources.matching(glob))
    .map((i) => sources.files[i]!)
    .find((f) => runBy(f) !== undefined);
  return file === undefined ? undefined : { file, line: 1 };
}

/** The best-ranked of some files (rank.ts), the first in file order among equals. */
function bestRanked(files: string[]): string | undefined {
  let best: string | undefined;
  for (const file of files) if (best === undefined || rank(file) < rank(best)) best = file;
  return best;
}
