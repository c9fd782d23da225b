// Reads an earlier JSON report (a baseline, or a side of `mltest diff`). JSON is read with the
// YAML parser, a superset of JSON, so every problem is located as file:line:col.

import { type Report, reportSchema } from "../schema/report.js";
import { InputError } from "../util/errors.js";
import { parseYaml, readSource } from "./yaml.js";
import { validate } from "./yaml-validate.js";

export function loadReport(file: string): Report {
  const doc = parseYaml(file, readSource(file, "JSON report").text);
  const { value, problems } = validate(doc, reportSchema());
  if (!value)
    throw new InputError(
      problems.map((p) => ({ ...p, message: `${p.message} (is this a report written by mltest score --format json?)` })),
    );
  return value;
}
