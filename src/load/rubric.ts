// Finds a rubric (built-in id or path), parses it and checks it against itself:
// unique ids, known related ids, bands that cover 0..max.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import picomatch from "picomatch";
import { InputError, UsageError, type Problem } from "../errors.js";
import { rubricSchema, type Rubric } from "../schema/rubric.js";
import { maxFinal } from "../score/score.js";
import { byPosition, parseYaml, readSource, validate, type YamlDoc } from "./yaml.js";

export const DEFAULT_RUBRIC = "ml-test-score-2017";

export interface LoadedRubric {
  rubric: Rubric;
  /** SHA-256 of the file's bytes, so a report names exactly what it was scored against. */
  sha256: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** Built-in rubrics ship beside the bundle (dist/../rubrics) and the sources (src/load/../../rubrics). */
export function builtinDir(): string {
  const candidates = [resolve(here, "../rubrics"), resolve(here, "../../rubrics")];
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export function builtinIds(): string[] {
  return readdirSync(builtinDir())
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** A reference with a path separator or a YAML extension is a file; anything else an id. */
export function isRubricPath(ref: string): boolean {
  return ref.includes("/") || ref.includes("\\") || /\.ya?ml$/i.test(ref);
}

/**
 * Resolves `ref` to a file: a built-in id, or a path relative to `baseDir`.
 * `origin` locates the reference for error messages when it came from a file.
 */
export function resolveRubric(ref: string, baseDir: string, origin?: () => Problem): string {
  if (isRubricPath(ref)) return resolve(baseDir, ref);
  const ids = builtinIds();
  if (ids.includes(ref)) return join(builtinDir(), `${ref}.yaml`);
  const message = `unknown rubric "${ref}"; built-in rubrics: ${ids.join(", ")} (or give a path to a YAML file)`;
  if (origin) throw new InputError([{ ...origin(), message }]);
  throw new UsageError(message);
}

export function loadRubric(file: string): LoadedRubric {
  const { bytes, text } = readSource(file, "rubric file");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const compiled = precompiled(file, sha256);
  if (compiled) return { rubric: compiled, sha256 };
  const doc = parseYaml(file, text);
  const { value, problems } = validate(doc, rubricSchema);
  if (!value) throw new InputError(problems);
  const crossProblems = checkRubric(value, doc.locate);
  if (crossProblems.length > 0) throw new InputError(byPosition(crossProblems));
  return { rubric: value, sha256 };
}

/**
 * The build checks each built-in rubric once and stores the result beside the bundle
 * (dist/compiled-rubrics/ID.json), which spares every run a YAML parse. It is used only while its
 * hash matches the YAML file, so the YAML stays the one source.
 */
export const PRECOMPILED_DIR = "compiled-rubrics";

function precompiled(file: string, sha256: string): Rubric | undefined {
  if (dirname(resolve(file)) !== builtinDir()) return undefined;
  const cache = join(here, PRECOMPILED_DIR, `${basename(file, ".yaml")}.json`);
  if (!existsSync(cache)) return undefined;
  const stored = JSON.parse(readFileSync(cache, "utf8")) as { sha256: string; rubric: Rubric };
  return stored.sha256 === sha256 ? stored.rubric : undefined;
}

/** Cross-checks that a schema cannot express. */
function checkRubric(rubric: Rubric, locate: YamlDoc["locate"]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) problems.push(locate(path, `duplicate id "${id}"; ids must be unique across sections and tests`));
    seen.add(id);
  };
  rubric.sections.forEach((section, s) => {
    claim(section.id, ["sections", s, "id"]);
    section.tests.forEach((test, t) => claim(test.id, ["sections", s, "tests", t, "id"]));
  });
  const testIds = new Set(rubric.sections.flatMap((s) => s.tests.map((t) => t.id)));
  rubric.sections.forEach((section, s) =>
    section.tests.forEach((test, t) =>
      (test.related ?? []).forEach((rel, r) => {
        if (!testIds.has(rel)) problems.push(locate(["sections", s, "tests", t, "related", r], `unknown test id "${rel}"`));
        if (rel === test.id) problems.push(locate(["sections", s, "tests", t, "related", r], "a test cannot relate to itself"));
      }),
    ),
  );

  rubric.sections.forEach((section, s) =>
    section.tests.forEach((test, t) =>
      (test.detect ?? []).forEach((detector, d) => {
        const at = (key: string) => ["sections", s, "tests", t, "detect", d, key];
        for (const key of ["contains", "ci"] as const) {
          const pattern = detector[key];
          if (pattern === undefined) continue;
          try {
            new RegExp(pattern, "m");
          } catch (err) {
            problems.push(locate(at(key), `not a valid regular expression: ${(err as Error).message}`));
          }
        }
        (detector.files ?? []).forEach((glob, g) => {
          const where = ["sections", s, "tests", t, "detect", d, "files", g];
          if (glob.startsWith("/") || glob.split("/").includes("..")) {
            problems.push(locate(where, "globs are relative to the project root and stay inside it"));
          } else if (!picomatch.scan(glob).isGlob && glob.includes("\\")) {
            problems.push(locate(where, "use forward slashes in globs"));
          }
          try {
            picomatch.makeRe(glob);
          } catch (err) {
            problems.push(locate(where, `not a valid glob: ${(err as Error).message}`));
          }
        });
      }),
    ),
  );

  const { points, bands } = rubric.scoring;
  if (!(points.none <= points.manual && points.manual <= points.automated)) {
    problems.push(locate(["scoring", "points"], "points must not decrease from none to manual to automated"));
  }
  bands.forEach((band, b) => {
    const previous = bands[b - 1];
    if (previous && band.max <= previous.max) {
      problems.push(locate(["scoring", "bands", b, "max"], `bands must be in ascending order of max; ${band.max} follows ${previous.max}`));
    }
  });
  const top = maxFinal(rubric);
  const last = bands[bands.length - 1];
  if (last && last.max < top) {
    problems.push(locate(["scoring", "bands", bands.length - 1, "max"], `the bands stop at ${last.max} but the final score can reach ${top}; the last band must cover it`));
  }
  return problems;
}
