// Many projects in one repository: every mltest.yaml below a folder (as git sees the tree), each
// scored with its own rubric and gate. A project with bad input is reported as such and never
// hides the others' results.
import { dirname, join, relative, resolve } from "node:path";
import { scan } from "./detect/scan.js";
import { EVIDENCE_FILE } from "./load/evidence.js";
import type { LoadedRubric } from "./load/rubric.js";
import { loadProject, type ScoreOptions, scoreProject } from "./project.js";
import type { Report } from "./schema/report.js";
import { InputError, type Problem, UsageError } from "./util/errors.js";
import { ProjectFiles } from "./verify/files.js";

export type ProjectResult = { dir: string; report: Report } | { dir: string; problems: Problem[] };

/** Folders holding an mltest.yaml, relative to `root`, in path order. */
export function findProjects(root: string): string[] {
  const { files } = scan(new ProjectFiles(root));
  return files.filter((f) => f === EVIDENCE_FILE || f.endsWith(`/${EVIDENCE_FILE}`)).map((f) => dirname(f));
}

export function scoreAll(root: string, options: ScoreOptions): ProjectResult[] {
  const rubrics = new Map<string, LoadedRubric>(); // one load per rubric file, however many projects share it
  return findProjects(root).map((dir): ProjectResult => {
    const shown = relative(resolve("."), join(root, dir)).split("\\").join("/") || ".";
    try {
      return { dir: shown, report: scoreProject(loadProject(join(root, dir), { rubrics, repository: root }), options) };
    } catch (err) {
      if (err instanceof InputError) return { dir: shown, problems: err.problems };
      if (err instanceof UsageError) return { dir: shown, problems: [{ file: shown, message: err.message }] };
      throw err;
    }
  });
}

/** Worst first: broken projects, then failed gates, then by final score; ties by folder. */
export function worstFirst(results: ProjectResult[]): ProjectResult[] {
  const rank = (r: ProjectResult) => ("problems" in r ? [0, 0] : [r.report.gate.passed ? 2 : 1, r.report.final.score]);
  return [...results].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0]! - rb[0]! || ra[1]! - rb[1]! || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0);
  });
}
