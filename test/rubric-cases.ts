// Scoring cases written short, for the tests of rubrics (extends, the shipped editions, gate
// presets): evidence as one letter per test, projects in case folders, reports scored in process,
// and the located errors a bad file gives.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { stringify } from "yaml";
import { loadProject, type ProjectOptions, scoreProject } from "../src/project.js";
import type { Report } from "../src/schema/report.js";
import type { Thresholds } from "../src/score/gate.js";
import { InputError, type Problem } from "../src/util/errors.js";
import { AS_OF, caseFolders, ROOT, type Run } from "./run.js";

export const RUBRICS = join(ROOT, "rubrics");
export const R2017 = join(RUBRICS, "ml-test-score-2017.yaml");
export const R2016 = join(RUBRICS, "ml-test-score-2016.yaml");
export const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/**
 * Case folders for one test file (caseFolders): `dirWith` holds the given files (names may contain
 * "/"); `project` is one whose mltest.yaml is `evidence`, plus other files (rubrics, docs).
 */
export function projectFolders(prefix: string) {
  const dirWith = caseFolders(prefix);
  const project = (evidence: Record<string, unknown>, files: Record<string, string> = {}): string =>
    dirWith({ ...files, "mltest.yaml": stringify(evidence) });
  return { dirWith, project };
}

/** Runs `fn`, which must throw an InputError, and returns its problems. */
export function inputProblems(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    return problems;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** 1-based line and column of the first occurrence of `needle` in the file. */
export function pos(file: string, needle: string): { line: number; col: number } {
  const text = readFileSync(file, "utf8");
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in ${file}`);
  const before = text.slice(0, index);
  return { line: before.split("\n").length, col: index - before.lastIndexOf("\n") };
}

/** A - none, M manual, A automated, N not-applicable; one letter per test of the section. */
function codes(section: string, letters: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  [...letters].forEach((letter, i) => {
    const id = `${section}-${i + 1}`;
    if (letter === "A") out[id] = { status: "automated" };
    else if (letter === "M") out[id] = { status: "manual" };
    else if (letter === "N") out[id] = { status: "not-applicable", reason: "does not apply to this system" };
    else if (letter !== "-") throw new Error(`unknown code ${letter}`);
  });
  return out;
}

/** Evidence for the four paper sections, given as code strings. */
export function four(data: string, model: string, infra: string, monitor: string): Record<string, unknown> {
  return { ...codes("data", data), ...codes("model", model), ...codes("infra", infra), ...codes("monitor", monitor) };
}

export const ALL_A = "AAAAAAA";

export function scored(dir: string, thresholds: Thresholds = {}, options: ProjectOptions = {}, strict = false): Report {
  return scoreProject(loadProject(dir, options), { asOf: AS_OF, strict, thresholds });
}

export const sectionScores = (report: Report) => report.sections.map((s) => [s.id, s.score, s.max]);

/** A run's JSON report, after checking it said nothing on stderr. */
export function json(run: Run): Report {
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as Report;
}
