// The rubrics mltest ships (rubrics/*.yaml), with the JSON Schemas beside them, and the checked
// copies of them the build stores beside the bundle.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadedRubric } from "./rubric.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Built-in rubrics ship beside the bundle (dist/../rubrics) and the sources (src/load/../../rubrics). */
export function builtinDir(): string {
  const candidates = [resolve(here, "../rubrics"), resolve(here, "../../rubrics")];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

/** The shipped JSON Schemas (schemas/), beside the built-in rubrics. */
export function schemasDir(): string {
  return resolve(builtinDir(), "../schemas");
}

/** The shipped rubrics never change while mltest runs: list them once (a monorepo asks per project). */
let shipped: string[] | undefined;

export function builtinIds(): string[] {
  shipped ??= readdirSync(builtinDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
  return shipped;
}

export function isBuiltin(file: string): boolean {
  return dirname(resolve(file)) === builtinDir();
}

/**
 * The build checks each built-in rubric once and stores the result beside the bundle
 * (dist/compiled-rubrics/ID.json), which spares every run a YAML parse. It is used only while its
 * hash matches the YAML file, so the YAML stays the one source.
 */
export const PRECOMPILED_DIR = "compiled-rubrics";

/**
 * Compiled rubrics already read, by file: kept for the process (a monorepo reads one per project).
 * Each is used only while its hash matches the YAML, as on first reading.
 */
const compiled = new Map<string, LoadedRubric>();

export function precompiled(file: string, sha256: string): LoadedRubric | undefined {
  if (!isBuiltin(file)) return undefined;
  const cache = join(here, PRECOMPILED_DIR, `${basename(file, ".yaml")}.json`);
  let stored = compiled.get(cache);
  if (!stored) {
    if (!existsSync(cache)) return undefined;
    stored = JSON.parse(readFileSync(cache, "utf8")) as LoadedRubric;
    compiled.set(cache, stored);
  }
  // A built-in that extends another is current only while every rubric in its chain is too.
  const current = (link: { id: string; sha256: string }) => {
    const base = join(builtinDir(), `${link.id}.yaml`);
    return existsSync(base) && createHash("sha256").update(readFileSync(base)).digest("hex") === link.sha256;
  };
  return stored.sha256 === sha256 && stored.chain.every(current) ? stored : undefined;
}
