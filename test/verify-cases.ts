// Evidence verification cases, for the tests of verify(): projects on the disk with files beside
// them that no pointer may reach, one claim or one pointer verified against the built-in rubric,
// and JUnit reports written short.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadRubric } from "../src/load/rubric.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import type { Rubric } from "../src/schema/rubric.js";
import { ProjectFiles, type ProjectReader } from "../src/verify/files.js";
import { type Finding, type Verification, verify } from "../src/verify/verify.js";
import { AS_OF, caseFolders, ROOT } from "./run.js";

export const builtin = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;

/**
 * Fresh projects for one test file, each in its own case folder (caseFolders): `base/project`
 * holds `files`; `base` itself holds `outside`, files next to the project that no pointer may
 * reach. Returns both directories.
 */
export function projects(prefix: string) {
  const dirWith = caseFolders(prefix);
  return (files: Record<string, string | Uint8Array>, outside: Record<string, string> = {}): { base: string; root: string } => {
    const base = dirWith(outside);
    const root = join(base, "project");
    mkdirSync(root, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), content);
    }
    return { base, root };
  };
}

/** verify() over the built-in rubric (or `rubric`) with an evidence file built from `doc`. */
export function verifyDoc(
  root: string,
  doc: Record<string, unknown>,
  rubric: Rubric = builtin,
  files: ProjectReader = new ProjectFiles(root),
): Map<string, Verification> {
  return verify({ rubric, evidence: evidenceSchema().parse(doc), files, asOf: AS_OF });
}

export function verifyTests(root: string, tests: Record<string, unknown>): Map<string, Verification> {
  return verifyDoc(root, { tests });
}

/** The finding for one pointer, claimed as the only evidence of automated data-1. */
export function check(root: string, pointer: Record<string, unknown>): Finding {
  const result = verifyTests(root, { "data-1": { status: "automated", evidence: [pointer] } }).get("data-1")!;
  return result.findings[0]!;
}

export function stateOf(root: string, claim: Record<string, unknown>, id = "data-1"): Verification {
  return verifyTests(root, { [id]: claim }).get(id)!;
}

export function junit(cases: string, attrs = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="unit"${attrs}>${cases}</testsuite></testsuites>\n`;
}
export const PASS = '<testcase classname="tests.test_a" name="test_ok"/><testcase classname="tests.test_a" name="test_also_ok"/>';
