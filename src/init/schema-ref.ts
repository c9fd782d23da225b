// The `# yaml-language-server: $schema=…` target that init writes into mltest.yaml. The file is
// committed, so the target must mean the same on every clone: a path inside the project, never one
// relative to wherever this copy of mltest happens to be installed (that climbs out of the
// repository and names one machine's folders).
import { existsSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { schemasDir } from "../load/builtin-rubrics.js";

const SCHEMA_FILE = "evidence.schema.json";

/**
 * Where the evidence file's schema would be published for good. mltest's package.json names no
 * homepage or repository, so there is no address that is known to stay: rather than guess one
 * (which could go dead, or serve another project's file), init writes no modeline when the schema
 * is not inside the project. When the package gains a published home, its schema's URL goes here.
 */
export const PUBLISHED_SCHEMA_URL: string | undefined = undefined;

/**
 * The schema reference for an evidence file at the root of `projectDir`: the schema of an mltest
 * installed in the project (node_modules/mltest), else the running copy's when that lies inside
 * the project (mltest's own repository), else the published URL, else undefined (no modeline).
 * Paths are relative to the project, with forward slashes, and never climb out of it.
 */
export function evidenceSchemaRef(projectDir: string, installed: string = schemasDir()): string | undefined {
  const project = real(projectDir);
  const candidates = [join(project, "node_modules", "mltest", "schemas", SCHEMA_FILE), join(real(installed), SCHEMA_FILE)];
  for (const candidate of candidates) {
    const rel = relative(project, candidate);
    if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
    if (isFile(candidate)) return rel.split(sep).join("/");
  }
  return PUBLISHED_SCHEMA_URL;
}

function real(path: string): string {
  try {
    return realpathSync.native(resolve(path));
  } catch {
    return resolve(path);
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}
