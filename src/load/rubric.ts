// Finds a rubric (built-in id or path), parses it and checks it against itself:
// unique ids, known related ids, bands that cover 0..max.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import picomatch from "picomatch";
import { type Rubric, rubricExtensionSchema, rubricSchema } from "../schema/rubric.js";
import { maxFinal } from "../score/score.js";
import { InputError, type Problem, UsageError } from "../util/errors.js";
import { hasOwnKey } from "../util/own.js";
import { insideAny } from "../util/paths.js";
import { safeGlob, safeRegex } from "../util/patterns.js";
import { applyExtension, locateInExtension } from "./extend.js";
import { didYouMean } from "./suggest.js";
import { byPosition, displayPath, parseYaml, readSource, validate, type YamlDoc } from "./yaml.js";

export const DEFAULT_RUBRIC = "ml-test-score-2017";

export interface LoadedRubric {
  rubric: Rubric;
  /** SHA-256 of the file's bytes, so a report names exactly what it was scored against. */
  sha256: string;
  /** The rubrics it extends, nearest first, each with its file's hash. */
  chain: ChainLink[];
}

export interface ChainLink {
  id: string;
  version: string;
  sha256: string;
}

/** How deep `extends` may go before it is taken for a mistake. */
const MAX_CHAIN = 16;

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
  const message = `unknown rubric "${ref}"; built-in rubrics: ${ids.join(", ")} (or give a path to a YAML file)${didYouMean(ref, ids)}`;
  if (origin) throw new InputError([{ ...origin(), message }]);
  throw new UsageError(message);
}

/**
 * A rubric path that a repository file names (mltest.yaml's `rubric:`, a rubric's `extends:`)
 * must lead to a file inside `roots`: a pull request must not make mltest read, and report on,
 * a file elsewhere on the machine. Built-in ids are mltest's own and always allowed.
 */
export function confineRubric(ref: string, file: string, roots: string[], origin: () => Problem): void {
  if (!isRubricPath(ref) || insideAny(file, roots)) return;
  throw new InputError([
    {
      ...origin(),
      message: `the rubric "${ref}" lies outside the project and the working directory; mltest reads no file there that a repository names (give it with --rubric if it is yours)`,
    },
  ]);
}

export interface LoadOptions {
  /** Folders whose rubrics' `extends:` must stay inside them (paths.ts confinement); none: no check. */
  roots?: string[];
  /** The files that extend this one, to catch cycles. */
  seen?: string[];
}

/** Loads a rubric file, following `extends:` to its bases. */
export function loadRubric(file: string, { roots, seen = [] }: LoadOptions = {}): LoadedRubric {
  const { bytes, text } = readSource(file, "rubric file");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const compiled = precompiled(file, sha256);
  if (compiled) return compiled;
  const doc = parseYaml(file, text);
  const raw = doc.raw;
  if (hasOwnKey(raw, "extends")) return extend(file, doc, sha256, { roots, seen });
  const { value, problems } = validate(doc, rubricSchema());
  if (!value) throw new InputError(problems);
  const crossProblems = checkRubric(value, doc.locate, globTrust(file));
  if (crossProblems.length > 0) throw new InputError(byPosition(crossProblems));
  return { rubric: value, sha256, chain: [] };
}

function extend(file: string, doc: YamlDoc, sha256: string, { roots, seen = [] }: LoadOptions): LoadedRubric {
  const { value: ext, problems } = validate(doc, rubricExtensionSchema());
  if (!ext) throw new InputError(problems);
  const here = resolve(file);
  const at = () => doc.locate(["extends"], "");
  const baseFile = resolveRubric(ext.extends, dirname(here), at);
  // A rubric inside the project names only files inside it; one the user keeps elsewhere, and
  // named on the command line, may extend its neighbours.
  if (roots && insideAny(here, roots)) confineRubric(ext.extends, baseFile, roots, at);
  if ([...seen, here].includes(resolve(baseFile))) {
    const cycle = [...seen, here, resolve(baseFile)].map((f) => displayPath(f)).join(" → ");
    throw new InputError([{ ...at(), message: `extends goes round in a circle: ${cycle}` }]);
  }
  if (seen.length >= MAX_CHAIN) throw new InputError([{ ...at(), message: `extends is more than ${MAX_CHAIN} rubrics deep` }]);
  if (!existsSync(baseFile)) throw new InputError([{ ...at(), message: `no rubric file at ${displayPath(baseFile)}` }]);
  const base = loadRubric(baseFile, { roots, seen: [...seen, here] });
  const { merged, problems: overrideProblems } = applyExtension(base.rubric, ext, doc.locate);
  if (overrideProblems.length > 0) throw new InputError(byPosition(overrideProblems));
  const checked = rubricSchema().safeParse(merged);
  if (!checked.success) {
    throw new InputError(
      checked.error.issues.map((issue) =>
        doc.locate(
          issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
          issue.message,
        ),
      ),
    );
  }
  const crossProblems = checkRubric(checked.data, locateInExtension(checked.data, ext, doc.locate), globTrust(file));
  if (crossProblems.length > 0) throw new InputError(byPosition(crossProblems));
  const link = { id: base.rubric.id, version: base.rubric.version, sha256: base.sha256 };
  return { rubric: checked.data, sha256, chain: [link, ...base.chain] };
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

function precompiled(file: string, sha256: string): LoadedRubric | undefined {
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

/**
 * Which of a rubric file's globs picomatch runs as written: all of a built-in rubric's, and in any
 * other rubric those it shares with the built-in ones (an extension inherits them). Every other
 * glob, and every regular expression, runs in linear time (patterns.ts).
 */
export function globTrust(file: string): (glob: string) => boolean {
  return isBuiltin(file) ? () => true : (glob) => builtinGlobs().has(glob);
}

export function isBuiltin(file: string): boolean {
  return dirname(resolve(file)) === builtinDir();
}

let globs: Set<string> | undefined;

/** Every glob of the built-in rubrics' detectors. */
function builtinGlobs(): Set<string> {
  globs ??= new Set(
    builtinIds().flatMap((id) =>
      loadRubric(join(builtinDir(), `${id}.yaml`)).rubric.sections.flatMap((s) =>
        s.tests.flatMap((t) => (t.detect ?? []).flatMap((d) => d.files ?? [])),
      ),
    ),
  );
  return globs;
}

/** Cross-checks that a schema cannot express. */
function checkRubric(rubric: Rubric, locate: YamlDoc["locate"], trustedGlobs: (glob: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) problems.push(locate(path, `duplicate id "${id}"; ids must be unique across sections and tests`));
    seen.add(id);
  };
  rubric.sections.forEach((section, s) => {
    claim(section.id, ["sections", s, "id"]);
    for (const [t, test] of section.tests.entries()) claim(test.id, ["sections", s, "tests", t, "id"]);
  });
  const testIds = new Set(rubric.sections.flatMap((s) => s.tests.map((t) => t.id)));
  for (const [s, section] of rubric.sections.entries()) {
    for (const [t, test] of section.tests.entries()) {
      for (const [r, rel] of (test.related ?? []).entries()) {
        if (!testIds.has(rel)) problems.push(locate(["sections", s, "tests", t, "related", r], `unknown test id "${rel}"`));
        if (rel === test.id) problems.push(locate(["sections", s, "tests", t, "related", r], "a test cannot relate to itself"));
      }
    }
  }

  for (const [s, section] of rubric.sections.entries()) {
    for (const [t, test] of section.tests.entries()) {
      for (const [d, detector] of (test.detect ?? []).entries()) {
        const at = (key: string) => ["sections", s, "tests", t, "detect", d, key];
        for (const key of ["contains", "ci"] as const) {
          const pattern = detector[key];
          if (pattern === undefined) continue;
          const safe = safeRegex(pattern);
          if (!safe.ok) problems.push(locate(at(key), safe.reason));
        }
        for (const [g, glob] of (detector.files ?? []).entries()) {
          const where = ["sections", s, "tests", t, "detect", d, "files", g];
          if (glob.startsWith("/") || glob.split("/").includes("..")) {
            problems.push(locate(where, "globs are relative to the project root and stay inside it"));
          } else if (!picomatch.scan(glob).isGlob && glob.includes("\\")) {
            problems.push(locate(where, "use forward slashes in globs"));
          }
          try {
            // picomatch answers an invalid range with a pattern that never matches, not an error.
            if (picomatch.makeRe(glob).source === "$^") problems.push(locate(where, "not a valid glob: it can never match"));
            else if (!trustedGlobs(glob)) {
              const safe = safeGlob(glob);
              if (!safe.ok) problems.push(locate(where, safe.reason));
            }
          } catch (err) {
            problems.push(locate(where, `not a valid glob: ${(err as Error).message}`));
          }
        }
      }
    }
  }

  rubric.sections.forEach((section, s) => {
    if (section.tests.every((t) => t.disabled !== undefined)) {
      problems.push(locate(["sections", s], `every test of section "${section.id}" is disabled; remove the section instead`));
    }
  });
  // Unknown sections are a mistake in the rubric; a preset this rubric cannot reach (one inherited
  // by a rubric with smaller sections, say) is refused only when a project chooses it.
  for (const [name, preset] of Object.entries(rubric.gates ?? {})) {
    for (const id of Object.keys(preset.minSection ?? {})) {
      const ids = rubric.sections.map((x) => x.id);
      if (!ids.includes(id)) problems.push(locate(["gates", name, "minSection", id], `unknown section "${id}"${didYouMean(id, ids)}`));
    }
  }

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
    problems.push(
      locate(
        ["scoring", "bands", bands.length - 1, "max"],
        `the bands stop at ${last.max} but the final score can reach ${top}; the last band must cover it`,
      ),
    );
  }
  return problems;
}
