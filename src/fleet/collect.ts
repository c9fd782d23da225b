// The reports a fleet is made of: every *.json below the folders given (as git would see them) and
// every file named, each read as untrusted input. A file that is not a report is listed as skipped
// with its reason and never stops the run. Each report is cut down to a summary at once, so memory
// grows with the number of reports, not with their size.
import { realpathSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { scan } from "../detect/scan.js";
import { loadReport } from "../load/report.js";
import { MAX_YAML_BYTES } from "../load/yaml.js";
import { type Report, reportSchema } from "../schema/report.js";
import { formatProblem, InputError } from "../util/errors.js";
import { readRegular } from "../util/read.js";
import { decodeText } from "../util/utf8.js";
import { ProjectFiles } from "../verify/files.js";

/** What a fleet keeps of one report. */
export interface ReportSummary {
  /** The report file, as shown. */
  file: string;
  /** Identity: the source repository plus project folder, or the project's path. */
  repository: string;
  owner?: string;
  /** When the report was made: its source's generation time, else its asOf date. */
  generatedAt: string;
  asOf: string;
  rubric: { id: string; version: string; sha256: string };
  final: number;
  max: number;
  band: string;
  gatePassed: boolean;
  sections: { id: string; title: string; score: number; max: number }[];
}

export interface Skipped {
  file: string;
  reason: string;
}

export interface Collected {
  reports: ReportSummary[];
  skipped: Skipped[];
  /** A folder walk stopped at its limit. */
  truncated: boolean;
}

/** The report files of each argument: a file as named, a folder's *.json files in path order. */
export function reportFiles(inputs: string[]): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  const seen = new Set<string>(); // a report reached twice (its folder and its name) counts once
  const add = (file: string) => {
    const key = realOrResolved(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  let truncated = false;
  for (const input of inputs) {
    if (!isFolder(input)) {
      add(input); // read, or skipped with its reason, below
      continue;
    }
    const walked = scan(new ProjectFiles(resolve(input)));
    truncated ||= walked.truncated;
    for (const f of walked.files) if (f.endsWith(".json")) add(relative(".", resolve(input, f)) || f);
  }
  return { files, truncated };
}

function realOrResolved(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function collect(inputs: string[]): Collected {
  const { files, truncated } = reportFiles(inputs);
  const reports: ReportSummary[] = [];
  const skipped: Skipped[] = [];
  for (const file of files) {
    const read = readReport(file);
    if ("reason" in read) skipped.push({ file, reason: read.reason });
    else reports.push(summarize(read.report, file));
  }
  return { reports, skipped, truncated };
}

/**
 * JSON.parse and the schema first, which is fast; a file that fails is read again by the
 * report loader, whose YAML parser locates the problem (file:line:col) for the skipped list.
 */
function readReport(file: string): { report: Report } | { reason: string } {
  const read = readRegular(file, MAX_YAML_BYTES);
  if (!read.ok) return { reason: read.tooLarge ? `larger than ${MAX_YAML_BYTES} bytes` : read.reason };
  const decoded = decodeText(read.bytes);
  if ("refused" in decoded) return { reason: decoded.refused === "binary" ? "binary, not JSON" : "not valid UTF-8" };
  try {
    const parsed = reportSchema().safeParse(JSON.parse(decoded.text));
    if (parsed.success) return { report: parsed.data };
  } catch {
    // Not JSON: the loader below says where.
  }
  try {
    return { report: loadReport(file) };
  } catch (err) {
    if (err instanceof InputError) return { reason: err.problems.slice(0, 1).map(formatProblem).join("") };
    throw err;
  }
}

function summarize(report: Report, file: string): ReportSummary {
  const dir = report.project.dir;
  // A report that names its source is its repository plus project folder; one without (a version 1
  // report) is known by the project's path, or its name when it is the root.
  const repository = report.source?.repository
    ? `${report.source.repository}${dir === "." ? "" : `:${dir}`}`
    : dir === "."
      ? report.project.name
      : dir;
  return {
    file,
    repository,
    ...(report.project.owner !== undefined && { owner: report.project.owner }),
    generatedAt: report.source?.generatedAt ?? report.asOf,
    asOf: report.asOf,
    rubric: { id: report.rubric.id, version: report.rubric.version, sha256: report.rubric.sha256 },
    final: report.final.score,
    max: report.final.max,
    band: report.final.band.label,
    gatePassed: report.gate.passed,
    sections: report.sections.map((s) => ({ id: s.id, title: s.title, score: s.score, max: s.max })),
  };
}
