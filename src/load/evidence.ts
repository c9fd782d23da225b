// Finds and parses a project's evidence file, then checks it against the rubric it is scored with:
// its test ids here, its claims in evidence-claims.ts.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { type Evidence, evidenceSchema, testKeys } from "../schema/evidence.js";
import type { Rubric } from "../schema/rubric.js";
import { STATUSES } from "../schema/rubric.js";
import { InputError, type Problem, UsageError } from "../util/errors.js";
import { hasOwnKey } from "../util/own.js";
import { insideAny } from "../util/paths.js";
import { checkClaims } from "./evidence-claims.js";
import { didYouMean } from "./suggest.js";
import { byPosition, displayPath, parseYaml, readSource, type YamlDoc } from "./yaml.js";
import { validate } from "./yaml-validate.js";

export const EVIDENCE_FILE = "mltest.yaml";

export interface LoadedEvidence {
  evidence: Evidence;
  /** The parsed file, to locate its keys (SARIF, annotations, error messages). */
  doc: YamlDoc;
  /** Absolute path of the project root: every evidence pointer is relative to it. */
  projectDir: string;
  projectName: string;
  /** Absolute path of the evidence file. */
  file: string;
}

/** An evidence file read and checked against its own schema; `value` is missing when it failed. */
export interface ParsedEvidence {
  doc: YamlDoc;
  value?: Evidence;
  problems: Problem[];
  projectDir: string;
  file: string;
}

/**
 * The project folder and its evidence file. The file found in the folder (not one given with
 * --evidence, which is the user's) must lie inside `roots`: a committed link to a file elsewhere
 * is refused, not read and reported.
 */
export function findEvidence(dir: string, evidenceOption: string | undefined, roots: string[]): { projectDir: string; file: string } {
  const projectDir = resolve(dir);
  if (!existsSync(projectDir) || !statSync(projectDir).isDirectory()) {
    throw new UsageError(`no such project directory: ${dir}`);
  }
  const file = evidenceOption ? resolve(evidenceOption) : join(projectDir, EVIDENCE_FILE);
  if (!existsSync(file)) {
    const message = evidenceOption
      ? "no such evidence file (given with --evidence)"
      : `no evidence file here. Run "${initCommand(dir)}" to write one with every rubric test and the evidence it finds in the project, ` +
        "then review it and run this again";
    throw new InputError([{ file: displayPath(file), message }]);
  }
  if (!evidenceOption && !insideAny(file, roots)) {
    throw new InputError([
      {
        file: displayPath(file),
        message:
          "a symbolic link that leads outside the project; mltest reads no evidence file there (give it with --evidence if it is yours)",
      },
    ]);
  }
  return { projectDir, file };
}

/** The init command for the folder as the user named it, quoted for a shell when it needs to be. */
function initCommand(dir: string): string {
  if (resolve(dir) === resolve(".")) return "mltest init";
  return `mltest init ${/^[\w./@%+=:,-]+$/.test(dir) ? dir : `'${dir.replace(/'/g, "'\\''")}'`}`;
}

export function parseEvidence(file: string, projectDir: string): ParsedEvidence {
  const doc = parseYaml(file, readSource(file, "evidence file").text);
  const { value, problems } = validate(doc, evidenceSchema());
  const said = problems.flatMap((p) => {
    const better = bareTest(doc, p);
    return better === null ? [] : [better ?? p];
  });
  return { doc, ...(value ? { value } : {}), problems: said, projectDir, file };
}

/**
 * A test written as a bare value (`data-1: automated`) or left empty (`data-1:`): say how it is
 * written instead of "expected object". A value with a colon but no space is yaml-validate.ts's to explain.
 * Undefined keeps the problem as it is; null drops it, as said elsewhere.
 */
function bareTest(doc: YamlDoc, problem: Problem): Problem | null | undefined {
  const tests = field(doc.raw, "tests");
  if (problem.path === "tests" && tests === null) {
    return {
      ...problem,
      message: 'nothing under "tests:": give each test its own line below it, indented two spaces, with its status indented two more',
    };
  }
  const id = Object.keys(tests && typeof tests === "object" && !Array.isArray(tests) ? tests : {}).find(
    (key) => problem.path === `tests.${key}`,
  );
  if (id === undefined) return undefined;
  // A test's key one level too high: checkEvidence says so, as an unknown test id.
  if (testKeys().includes(id)) return null;
  const value = field(tests, id);
  const under = (status: string) => `write "${id}:" with "status: ${status}" on the next line, indented two spaces further`;
  if (typeof value === "string" && (STATUSES as readonly string[]).includes(value)) {
    return { ...problem, message: `a test is a mapping, not a bare status: ${under(value)}` };
  }
  if (value === null)
    return { ...problem, message: `"${id}" has nothing under it: ${under("none")} (or manual, automated, not-applicable)` };
  if (typeof value === "string" && value.includes(":")) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    const found = Array.isArray(value) ? "a list" : `the value ${JSON.stringify(value)}`;
    return { ...problem, message: `a test is a mapping (status, evidence, owner and so on), not ${found}: ${under(STATUSES.join(" | "))}` };
  }
  return undefined;
}

/** The file's `rubric:` even when other keys have problems, so those can be checked too. */
export function rubricRef(parsed: ParsedEvidence): string | undefined {
  const raw = field(parsed.doc.raw, "rubric");
  return parsed.value ? parsed.value.rubric : typeof raw === "string" ? raw : undefined;
}

/** Directory that a relative `rubric:` in the evidence file is resolved against. */
export function evidenceDir(parsed: ParsedEvidence): string {
  return dirname(parsed.file);
}

/**
 * Checks that need the rubric (test and section ids, reasons, reachable thresholds), reported
 * together with the schema's problems, in file order.
 */
export function checkEvidence(parsed: ParsedEvidence, rubric: Rubric): LoadedEvidence {
  const { doc, value } = parsed;
  const problems = [...parsed.problems];
  const testIds = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
  const _sectionIds = rubric.sections.map((s) => s.id);

  // Test ids come from the raw file, so that they are checked even when the schema failed; the
  // schema has already refused "__proto__" (schema/record.ts).
  const rawTests = field(doc.raw, "tests");
  for (const id of rawTests && typeof rawTests === "object" && !Array.isArray(rawTests) ? Object.keys(rawTests) : []) {
    if (id !== "__proto__" && !testIds.includes(id)) {
      problems.push(
        doc.locate(
          ["tests", id],
          testKeys().includes(id)
            ? `"${id}" is not a test id but a key of a test: indent it two spaces further, under the test id above it`
            : `unknown test id "${id}" in rubric ${rubric.id}${didYouMean(id, testIds)}`,
        ),
      );
    }
  }
  // A test id at the top of the file: it belongs under "tests:".
  for (const [i, problem] of problems.entries()) {
    const id = problem.path;
    if (id !== undefined && testIds.includes(id) && /^unknown key /.test(problem.message)) {
      problems[i] = {
        ...problem,
        message: `"${id}" is a test id, and tests go under "tests:": indent it two spaces, below the "tests:" line`,
      };
    }
  }
  // The ignore list's test ids, from the raw file too.
  const ignore = field(doc.raw, "ignore");
  for (const [i, entry] of (Array.isArray(ignore) ? ignore : []).entries()) {
    const id = field(entry, "test");
    if (typeof id === "string" && id.trim() !== "" && !testIds.includes(id.trim())) {
      problems.push(doc.locate(["ignore", i, "test"], `unknown test id "${id}" in rubric ${rubric.id}${didYouMean(id, testIds)}`));
    }
  }
  if (value) problems.push(...checkClaims(value, rubric, doc));
  if (problems.length > 0 || !value) throw new InputError(byPosition(problems));

  return {
    evidence: value,
    doc,
    projectDir: parsed.projectDir,
    projectName: value.project ?? basename(parsed.projectDir),
    file: parsed.file,
  };
}

function field(raw: unknown, key: string): unknown {
  return hasOwnKey(raw, key) ? raw[key] : undefined;
}
