// Finds a rubric (built-in id or path), parses it, follows its `extends:` to its bases, and
// checks it against itself (rubric-checks.ts). Built-in rubrics come checked by the build
// (builtin-rubrics.ts).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Rubric, rubricExtensionSchema, rubricSchema } from "../schema/rubric.js";
import { InputError, type Problem, UsageError } from "../util/errors.js";
import { hasOwnKey } from "../util/own.js";
import { insideAny } from "../util/paths.js";
import { builtinDir, builtinIds, isBuiltin, precompiled } from "./builtin-rubrics.js";
import { applyExtension, locateInExtension } from "./extend.js";
import { checkRubric } from "./rubric-checks.js";
import { didYouMean } from "./suggest.js";
import { byPosition, displayPath, parseYaml, readSource, type YamlDoc } from "./yaml.js";
import { validate } from "./yaml-validate.js";

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
 * Which of a rubric file's globs picomatch runs as written: all of a built-in rubric's, and in any
 * other rubric those it shares with the built-in ones (an extension inherits them). Every other
 * glob, and every regular expression, runs in linear time (patterns.ts).
 */
export function globTrust(file: string): (glob: string) => boolean {
  return isBuiltin(file) ? () => true : (glob) => builtinGlobs().has(glob);
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
