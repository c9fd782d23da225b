// The two sides of a PR delta as files, head.json and base.json, for a later workflow to publish
// (mode: comment) without checking out the pull request's code. Each is in the shape
// `mltest score --recursive --format json` writes: { schemaVersion, tool, asOf, projects: [{ dir,
// report } | { dir, errors }] }; a project with no base is an entry whose errors say why. Reading
// also takes a plain report (`mltest score --format json`) for either side. Every report is checked
// against the report schema: these files come from a job that read the pull request's files.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { parseYaml, readSource } from "../load/yaml.js";
import { validate } from "../load/yaml-validate.js";
import { TOOL } from "../report.js";
import { type Report, reportSchema } from "../schema/report.js";
import { InputError } from "../util/errors.js";
import { lexists } from "../util/paths.js";
import type { ProjectDelta } from "./delta.js";

type Entry = { dir: string; report: Report } | { dir: string; errors: string[] };

function sideFile(asOf: string, entries: Entry[]): string {
  return `${JSON.stringify({ schemaVersion: 1, tool: TOOL, asOf, projects: entries }, null, 2)}\n`;
}

/** Writes out/head.json and out/base.json; returns their paths. */
export function writeSides(out: string, deltas: ProjectDelta[], asOf: string): { head: string; base: string } {
  const head = deltas.map((d): Entry => (d.head ? { dir: d.dir, report: d.head } : { dir: d.dir, errors: [d.headError ?? "not scored"] }));
  const base = deltas.map((d): Entry => (d.base ? { dir: d.dir, report: d.base } : { dir: d.dir, errors: [d.noBase ?? "not scored"] }));
  const files = { head: join(out, "head.json"), base: join(out, "base.json") };
  writeFileSync(files.head, sideFile(asOf, head));
  writeFileSync(files.base, sideFile(asOf, base));
  return files;
}

const projectsSchema = () =>
  z.object({
    projects: z
      .array(
        z.union([
          z.strictObject({ dir: z.string(), report: reportSchema() }),
          z.strictObject({ dir: z.string(), errors: z.array(z.string()) }),
        ]),
      )
      .max(1000),
  });

/** mltest writes rubric, section and test ids of this form (src/schema/rubric.ts); the comment shows them as they are. */
const ID = /^[a-z0-9][a-z0-9-]*$/;

function checkIds(file: string, entries: Entry[]): Entry[] {
  for (const e of entries) {
    if (!("report" in e)) continue;
    const ids = [e.report.rubric.id, ...e.report.sections.flatMap((s) => [s.id, ...s.tests.map((t) => t.id)])];
    const bad = ids.find((id) => !ID.test(id));
    if (bad !== undefined)
      throw new InputError([{ file, message: `${JSON.stringify(bad)} is not an id mltest writes: this is not a report of mltest score` }]);
  }
  return entries;
}

/** One side's entries; a plain report is one entry, keyed by the folder it names. */
function readSide(file: string): { entries: Entry[]; plain: boolean } {
  const doc = parseYaml(file, readSource(file, "JSON report").text);
  const raw = doc.raw;
  if (raw !== null && typeof raw === "object" && "projects" in raw) {
    const { value, problems } = validate(doc, projectsSchema());
    if (!value) throw new InputError(problems);
    return { entries: checkIds(file, value.projects), plain: false };
  }
  const { value, problems } = validate(doc, reportSchema());
  if (!value) throw new InputError(problems);
  return { entries: checkIds(file, [{ dir: value.project.dir, report: value }]), plain: true };
}

/** The deltas two files describe: each head project, with its base when the base file has it. */
export function readSides(headFile: string, baseFile: string): ProjectDelta[] {
  const head = readSide(headFile);
  const base = baseFile && lexists(baseFile) ? readSide(baseFile) : undefined;
  const missing = baseFile
    ? `the base report ${baseFile} does not exist: the pull-request job found no base to score`
    : "no base report was given";
  return head.entries.map((h): ProjectDelta => {
    const delta: ProjectDelta = "report" in h ? { dir: h.dir, head: h.report } : { dir: h.dir, headError: h.errors.join("; ") };
    // Two plain reports are one project's two sides, wherever each was scored.
    const b = base && (head.plain && base.plain ? base.entries[0] : base.entries.find((e) => e.dir === h.dir));
    if (!base) return { ...delta, noBase: missing };
    if (!b) return { ...delta, noBase: `the base report has no project ${h.dir}` };
    return "report" in b ? { ...delta, base: b.report } : { ...delta, noBase: b.errors.join("; ") };
  });
}
