// rubric, describe, schema and validate: the rubric and file formats themselves.

import { describeTest, RUBRIC_CI_SAFE_STYLE, RUBRIC_FORMATS, type RubricFormat } from "../format/rubric.js";
import { loadRubric, resolveRubric } from "../load/rubric.js";
import { didYouMean } from "../load/suggest.js";
import { brokenEvidence, loadProject } from "../project.js";
import { jsonSchema, type SchemaName } from "../schema/json-schema.js";
import { UsageError } from "../util/errors.js";
import { confinement } from "../util/paths.js";
import { EXIT, type ProjectFlags, print, today, useColor } from "./io.js";

export function runRubric(ref: string, flags: { format: RubricFormat; color: boolean }): number {
  const loaded = loadRubric(resolveRubric(ref, "."), { roots: confinement() });
  print(RUBRIC_FORMATS[flags.format](loaded.rubric, { color: useColor(flags.color) }), RUBRIC_CI_SAFE_STYLE[flags.format]);
  return EXIT.ok;
}

/** One test, looked up here: an id the rubric does not have is a usage error, with the nearest id it has. */
export function runDescribe(id: string, flags: { rubric: string; color: boolean }): number {
  const { rubric } = loadRubric(resolveRubric(flags.rubric, "."), { roots: confinement() });
  const section = rubric.sections.find((s) => s.tests.some((t) => t.id === id));
  const test = section?.tests.find((t) => t.id === id);
  if (!section || !test) {
    const ids = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
    throw new UsageError(`no test "${id}" in rubric ${rubric.id}${didYouMean(id, ids)}`);
  }
  print(describeTest(rubric, { section, test }, { color: useColor(flags.color) }));
  return EXIT.ok;
}

export function runSchema(name: SchemaName): number {
  print(jsonSchema(name), "json");
  return EXIT.ok;
}

/**
 * The files' syntax and meaning, then (unless --syntax-only) every pointer, as score checks them:
 * exit 1 when evidence is broken, so CI catches a pointer to a job that does not exist.
 */
export function runValidate(dir: string, flags: ProjectFlags & { syntaxOnly?: boolean }): number | undefined {
  const project = loadProject(dir, flags);
  const { rubric, evidence } = project;
  const total = rubric.rubric.sections.reduce((n, s) => n + s.tests.length, 0);
  const declared = Object.keys(evidence.evidence.tests).length;
  const valid = `${evidence.doc.file}: valid against ${rubric.rubric.id} (${declared} of ${total} tests declared; the rest count as none)`;
  if (flags.syntaxOnly) {
    print(`${valid}\n`);
    return;
  }
  const broken = brokenEvidence(project, flags.asOf ?? today());
  if (broken.length === 0) {
    print(`${valid}; every pointer resolves\n`);
    return;
  }
  const lines = broken.map((b) => `  ${b.test}: ${b.pointer}: ${b.message}`);
  print(
    `${valid}, but ${broken.length === 1 ? "1 pointer is" : `${broken.length} pointers are`} broken (they score 0):\n${lines.join("\n")}\n`,
  );
  return EXIT.gateFailed;
}
