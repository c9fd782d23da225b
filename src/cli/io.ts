// What every command shares: its flags, exit codes, how output is written and how
// values on the command line are read.

import { type CiSafeStyle, ciSafe, plain } from "../format/escape.js";
import { FORMATS, type FormatName, isFormat } from "../format/index.js";
import { parseIsoDate } from "../util/dates.js";
import { formatProblem, type Problem, UsageError } from "../util/errors.js";
import { folders, lexists } from "../util/paths.js";
import { ExistsError, writeFileAtomic } from "../util/write.js";
import type { SourceOptionFlags } from "./source.js";

/** The three exit codes, set only here (as ESLint and knip do). */
export const EXIT = { ok: 0, gateFailed: 1, error: 2 } as const;

export interface ProjectFlags {
  rubric?: string;
  evidence?: string;
  asOf?: string;
  strict?: boolean;
}

export interface ScoreFlags extends ProjectFlags, SourceOptionFlags {
  format: FormatName;
  report?: ReportTarget[];
  output?: string;
  minScore?: number;
  minSection?: Record<string, number>;
  color: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  record?: boolean;
  recursive?: boolean;
  linkBase?: string;
}

export interface ChecklistFlags extends ProjectFlags {
  recursive?: boolean;
  only?: "missing";
  section?: string[];
  output?: string;
  brief?: boolean;
  baseline?: string;
}

/** One `--report FORMAT=PATH`. */
export interface ReportTarget {
  format: FormatName;
  path: string;
}

/** Standard output, kept from forming CI log commands (`style`: how the text carries them; "own": as it is). */
export function print(text: string, style: CiSafeStyle | "own" = "text"): void {
  process.stdout.write(style === "own" ? text : ciSafe(text, style));
}

/** One message on standard error: control characters shown, never obeyed, and no CI log command. */
export function warn(message: string): void {
  process.stderr.write(`mltest: ${ciSafe(plain(message), "text")}\n`);
}

export function warnProblems(problems: Problem[]): void {
  for (const problem of problems) warn(formatProblem(problem));
}

/**
 * Writes a new file beside `file` holding `content`: mltest.yaml.bak, or .bak.2, … when that is
 * taken (by anything, a dangling link included, and by a run at the same moment).
 */
export function writeBackup(file: string, content: Uint8Array, roots: string[]): string {
  for (let n = 1; n <= 100; n++) {
    const name = n === 1 ? `${file}.bak` : `${file}.bak.${n}`;
    if (lexists(name)) continue;
    try {
      writeFileAtomic(name, content, { roots });
      return name;
    } catch (err) {
      if (!(err instanceof ExistsError)) throw err;
    }
  }
  throw new UsageError(`cannot keep a backup of ${file}: ${file}.bak to ${file}.bak.100 all exist`);
}

/** Where writes follow no link and replace only regular files (write.ts): the working directory and the project folder. */
export function writeRoots(projectDir: string): string[] {
  return folders([process.cwd(), projectDir]);
}

/**
 * The report to --output, or standard output. A generated file is replaced atomically, as a
 * rerun expects (ESLint and Lighthouse CI do the same); write.ts still refuses links and
 * anything but a regular file (roots: where no link is followed). Only files a person writes
 * (mltest.yaml) need --force.
 */
export function emit(text: string, output: string | undefined, style: CiSafeStyle | "own", roots: string[]): void {
  if (output) writeFileAtomic(output, style === "own" ? text : ciSafe(text, style), { force: true, roots });
  else print(text, style);
}

/** Colour only on a terminal, and never under NO_COLOR (https://no-color.org) or --no-color. */
export function useColor(flag: boolean): boolean {
  if (!flag || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(process.stdout.isTTY);
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A flag's date, YYYY-MM-DD and real; `flag` names it in the error. */
export function dateFlag(flag: string): (value: string) => string {
  return (value) => parseDate(value, flag);
}

export function parseDate(value: string, flag = "--as-of"): string {
  if (parseIsoDate(value) === undefined) throw new UsageError(`${flag}: "${value}" is not a real date written YYYY-MM-DD`);
  return value;
}

export function parseThreshold(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
      throw new UsageError(`${flag}: "${value}" is not a number of 0 or more`);
    }
    return n;
  };
}

/** A count of things to show: a whole number of 1 or more, written in digits. */
export function parseCount(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`${flag}: "${value}" is not a whole number of 1 or more`);
    }
    return n;
  };
}

export function collectReport(value: string, targets: ReportTarget[] = []): ReportTarget[] {
  const eq = value.indexOf("=");
  const format = value.slice(0, Math.max(eq, 0));
  if (eq <= 0 || eq === value.length - 1) {
    throw new UsageError(`--report: "${value}" should be FORMAT=PATH, e.g. junit=reports/mltest.xml`);
  }
  if (!isFormat(format)) {
    throw new UsageError(`--report: unknown format "${format}"; formats: ${Object.keys(FORMATS).join(", ")}`);
  }
  return [...targets, { format, path: value.slice(eq + 1) }];
}

export function collectFloor(value: string, floors: Record<string, number> = {}): Record<string, number> {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new UsageError(`--min-section: "${value}" should be SECTION=N, e.g. monitor=1.5`);
  const id = value.slice(0, eq);
  return { ...floors, [id]: parseThreshold(`--min-section ${id}`)(value.slice(eq + 1)) };
}
