// Finds and parses a project's evidence file, then checks it against the rubric it is scored with.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { InputError, UsageError, type Problem } from "../errors.js";
import { evidenceSchema, type Evidence } from "../schema/evidence.js";
import type { Rubric } from "../schema/rubric.js";
import { maxFinal, sectionMax } from "../score/score.js";
import { didYouMean } from "./suggest.js";
import { displayPath, parseYaml, readText, type YamlSource } from "./yaml.js";

export const EVIDENCE_FILE = "mltest.yaml";

export interface LoadedEvidence {
  evidence: Evidence;
  source: YamlSource<Evidence>;
  /** Absolute path of the project root: every evidence pointer is relative to it. */
  projectDir: string;
  projectName: string;
  /** Absolute path of the evidence file. */
  file: string;
}

export function findEvidence(dir: string, evidenceOption?: string): { projectDir: string; file: string } {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new UsageError(`no such project directory: ${dir}`);
  }
  const file = evidenceOption ? resolve(evidenceOption) : join(projectDir, EVIDENCE_FILE);
  if (!existsSync(file)) {
    throw new InputError([
      {
        file: displayPath(file),
        message:
          `no evidence file here. Create ${EVIDENCE_FILE} at the project root with a "tests:" map that gives ` +
          `each rubric test (data-1 … monitor-7) a status: none, manual, automated or not-applicable, ` +
          `with evidence pointers; "mltest rubric" lists the tests`,
      },
    ]);
  }
  return { projectDir, file };
}

export function parseEvidence(file: string, projectDir: string): LoadedEvidence {
  const source = parseYaml(file, readText(file, "evidence file"), evidenceSchema);
  return {
    evidence: source.value,
    source,
    projectDir,
    projectName: source.value.project ?? basename(projectDir),
    file,
  };
}

/** Directory that a relative `rubric:` in the evidence file is resolved against. */
export function evidenceDir(loaded: LoadedEvidence): string {
  return dirname(loaded.file);
}

/** Checks that need the rubric: test and section ids, reasons, reachable thresholds. */
export function checkEvidence(loaded: LoadedEvidence, rubric: Rubric): void {
  const { evidence, source } = loaded;
  const problems: Problem[] = [];
  const testIds = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
  const sectionIds = rubric.sections.map((s) => s.id);

  for (const [id, test] of Object.entries(evidence.tests)) {
    if (!testIds.includes(id)) {
      problems.push(source.locate(["tests", id], `unknown test id "${id}" in rubric ${rubric.id}${didYouMean(id, testIds)}`));
    }
    if (test.status === "not-applicable" && !test.reason) {
      problems.push(source.locate(["tests", id, "status"], 'not-applicable needs a "reason" saying why the test does not apply'));
    }
  }
  for (const section of rubric.sections) {
    const allWaived = section.tests.every((t) => evidence.tests[t.id]?.status === "not-applicable");
    if (allWaived) {
      problems.push(
        source.locate(["tests"], `every test of section "${section.id}" is not-applicable; a section needs at least one applicable test to be scored`),
      );
    }
  }

  const gate = evidence.gate;
  if (gate?.minScore !== undefined && gate.minScore > maxFinal(rubric)) {
    problems.push(source.locate(["gate", "minScore"], `${gate.minScore} can never be reached; the final score's maximum is ${maxFinal(rubric)}`));
  }
  for (const [id, floor] of Object.entries(gate?.minSection ?? {})) {
    const section = rubric.sections.find((s) => s.id === id);
    if (!section) {
      problems.push(source.locate(["gate", "minSection", id], `unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`));
    } else if (floor > sectionMax(rubric, section)) {
      problems.push(source.locate(["gate", "minSection", id], `${floor} can never be reached; section "${id}" scores at most ${sectionMax(rubric, section)}`));
    }
  }
  if (problems.length > 0) throw new InputError(problems);
}
