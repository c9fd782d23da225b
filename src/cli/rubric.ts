// rubric, describe, schema and validate: the rubric and file formats themselves.
import { jsonSchema, type SchemaName } from "../schema/json-schema.js";
import { loadProject } from "../project.js";
import { describeTest, formatRubric } from "../format/rubric.js";
import { loadRubric, resolveRubric } from "../load/rubric.js";
import { confinement } from "../paths.js";
import { type ProjectFlags, print, useColor } from "./io.js";

export function runRubric(ref: string, flags: { format: "table" | "json" | "markdown"; color: boolean }): number | void {
  const loaded = loadRubric(resolveRubric(ref, "."), { roots: confinement() });
  print(formatRubric(loaded.rubric, flags.format, { color: useColor(flags.color) }), flags.format === "json" ? "json" : "text");
}

export function runDescribe(id: string, flags: { rubric: string; color: boolean }): number | void {
  const { rubric } = loadRubric(resolveRubric(flags.rubric, "."), { roots: confinement() });
  print(describeTest(rubric, id, { color: useColor(flags.color) }));
}

export function runSchema(name: SchemaName): number | void {
  print(jsonSchema(name), "json");
}

export function runValidate(dir: string, flags: ProjectFlags): number | void {
  const { rubric, evidence } = loadProject(dir, flags);
  const total = rubric.rubric.sections.reduce((n, s) => n + s.tests.length, 0);
  const declared = Object.keys(evidence.evidence.tests).length;
  print(
    `${evidence.doc.file}: valid against ${rubric.rubric.id} (${declared} of ${total} tests declared; the rest count as none)\n`,
  );
}
