// Finds the evidence a repository already shows, with the detectors each rubric test declares.
// One scan of the project, then one pass over its files in order: each file is read at most
// once, searched by every detector that still needs it, and dropped before the next, so memory
// stays flat however large the repository. Every signal proposes a pointer of the kinds
// `mltest score` verifies, built so that it does.

import type { Pointer } from "../schema/evidence.js";
import type { Detector, Rubric } from "../schema/rubric.js";
import { type Pattern, safeGlob, safeRegex, trustedGlob } from "../util/patterns.js";
import { type CiFile, isCiFile, readCi } from "../verify/ci.js";
import type { ProjectReader } from "../verify/files.js";
import { templatedPath } from "../verify/template-path.js";
import { type Dependency, dependencies, manifestKind, normalise } from "./manifests.js";
import { isNotebook, MAX_NOTEBOOK_BYTES, sourcesView } from "./notebook.js";
import { ciJobs, type Job, type RunBy, ranByCi } from "./ran-by-ci.js";
import { rank } from "./rank.js";
import { scan } from "./scan.js";

/** Files larger than this are not searched for patterns. */
export const MAX_SEARCH_BYTES = 1024 * 1024;

export interface Signal {
  test: string;
  what: string;
  status: "manual" | "automated";
  file: string;
  line: number;
  pointer: Pointer;
  /** How the CI job reaches what was found, through runners and scripts: "make check (Makefile:3)". */
  via?: string[];
  /** Backs up the test's other signals; suggests nothing alone. */
  corroborates?: true;
}

export interface Detection {
  signals: Signal[];
  /** The walk or the read budget hit its limit: some files were not looked at. */
  truncated: boolean;
  /** What was not looked at, and why (files too large, the read budget spent). */
  limits: string[];
  /** Files read for their content, each once. */
  filesRead: number;
}

/**
 * Every pattern runs in linear time (patterns.ts); `trustedGlobs` says which globs are the
 * built-in rubrics' own, run by picomatch as written. The rubric loader has already refused
 * patterns that cannot run.
 */
export function detect(rubric: Rubric, project: ProjectReader, trustedGlobs: (glob: string) => boolean = () => false): Detection {
  const { files, truncated, skippedRules } = scan(project);
  const { regex, glob } = compilers(trustedGlobs);
  // Each distinct glob is matched against the file list once, however many detectors share it;
  // it gives the indexes of the files it matches, in file order.
  const globbed = new Map<string, number[]>();
  // A template's file matches as the file it stands for (`train.py.jinja` as `train.py`).
  const standsFor = files.map(templatedPath);
  const matching = (pattern: string) => {
    if (!globbed.has(pattern)) {
      const isMatch = glob(pattern);
      const found: number[] = [];
      for (let i = 0; i < files.length; i++) if (isMatch(standsFor[i]!)) found.push(i);
      globbed.set(pattern, found);
    }
    return globbed.get(pattern)!;
  };
  const detectors = rubric.sections.flatMap((s) => s.tests.flatMap((t) => t.detect ?? []));
  const groups = contentGroups(detectors, matching, regex);
  const manifests = detectors.some((d) => d.dependency) ? files.filter((_, i) => manifestKind(standsFor[i]!)) : [];
  const deps = new Map<string, Dependency[]>();
  const contents = new Map<Detector, Hit>();
  // Where each detector first fires in a file a CI job runs: that job automates the practice.
  const ranHits = new Map<Detector, Hit>();

  // CI files first: small, and the only proof of automation, they must not wait on the read budget.
  const ci = new Map<string, CiFile>(files.filter(isCiFile).map((f) => [f, readCi(project, f)]));
  const seen = new Set(files);
  const jobs = ciJobs(ci, project, seen);
  const runBy = ranByCi(jobs, project);
  // The one pass. A file no pending detector wants is never opened. Each group walks its own
  // candidates alongside, and drops out once every detector in it has fired.
  let filesRead = 0;
  const tooLarge: string[] = [];
  const unreadable: string[] = [];
  const isManifest = new Set(manifests);
  let active = groups.filter((g) => g.candidates.length > 0);
  for (const [i, file] of files.entries()) {
    const wanting: ContentGroup[] = [];
    for (const group of active) {
      if (group.candidates[group.next] !== i) continue;
      group.next++;
      wanting.push(group);
    }
    if (wanting.length === 0 && !isManifest.has(file)) continue;
    const notebook = isNotebook(file);
    const read = project.readWalked(file, notebook ? MAX_NOTEBOOK_BYTES : MAX_SEARCH_BYTES);
    if (!read.ok) {
      if (project.budgetReached) break;
      if (read.tooLarge) tooLarge.push(file);
      continue;
    }
    // A notebook too large to search whole is searched as its cell sources (notebook.ts).
    const text = notebook && read.text.length > MAX_SEARCH_BYTES ? sourcesView(read.text) : read.text;
    if (text === undefined) {
      unreadable.push(file);
      continue;
    }
    filesRead++;
    if (isManifest.has(file)) deps.set(file, dependencies(standsFor[i]!, text));
    const ran = runBy && { hits: ranHits, here: runBy(file) !== undefined };
    for (const group of wanting) group.search(file, text, contents, ran);
    if (wanting.some((g) => g.pending.size === 0 || g.next === g.candidates.length)) {
      active = active.filter((g) => g.pending.size > 0 && g.next < g.candidates.length);
    }
  }

  const sources: Sources = {
    matching,
    files,
    contents,
    manifests,
    depsOf: (file) => deps.get(file) ?? [],
    jobs,
    ciText: (file) => {
      const read = project.readWalked(file, MAX_SEARCH_BYTES);
      return read.ok ? read.text : undefined;
    },
    ciPattern: regex,
  };
  const signals: Signal[] = [];
  // Signals from the files a job runs come after a test's own: a job named for the practice is the better pointer.
  const ranSignals: Signal[] = [];
  for (const test of rubric.sections.flatMap((s) => s.tests)) {
    for (const detector of test.detect ?? []) {
      const found = run(detector, sources);
      if (found)
        signals.push({
          test: test.id,
          what: detector.what,
          status: detector.status,
          ...found,
          ...(detector.corroborates && { corroborates: true }),
        });
      // A preparation (whenRun: manual) or a signal that only backs others up is not automated by running.
      const inRun =
        runBy &&
        detector.whenRun !== "manual" &&
        !detector.corroborates &&
        (ranHits.get(detector) ??
          (detector.files && detector.contains === undefined ? firstRan(detector.files, sources, runBy) : undefined));
      const by = inRun && runBy(inRun.file);
      if (inRun && by) {
        ranSignals.push({
          test: test.id,
          what: `${detector.what}, ${by.how}`,
          status: "automated",
          ...inRun,
          pointer: by.pointer,
          ...(by.via.length > 0 && { via: by.via }),
        });
      }
    }
  }
  signals.push(...ranSignals);
  const limits = [
    ...(truncated ? ["the project has more files and folders than mltest walks; the rest were not looked at"] : []),
    ...(tooLarge.length > 0
      ? [`not searched, larger than ${MAX_SEARCH_BYTES} bytes (${MAX_NOTEBOOK_BYTES} for a notebook): ${listed(tooLarge)}`]
      : []),
    ...(unreadable.length > 0
      ? [`not searched, notebooks too large to search whole that are not notebook JSON: ${listed(unreadable)}`]
      : []),
    ...(project.budgetReached ? ["mltest's read budget for one project was spent; later files were not searched"] : []),
    ...(skippedRules > 0
      ? [`${skippedRules} .gitignore rule${skippedRules === 1 ? "" : "s"} could not be matched in linear time and were left out`]
      : []),
  ];
  const skipped = tooLarge.length + unreadable.length > 0;
  return { signals, truncated: truncated || project.budgetReached || skipped, limits, filesRead };
}

/** Files named in a limit: the first few, and how many more. */
function listed(files: string[]): string {
  const shown = files.slice(0, 20).join(", ");
  return files.length > 20 ? `${shown} and ${files.length - 20} more` : shown;
}

/** Patterns compiled once each: regular expressions by RE2; globs by picomatch when trusted, else by RE2. */
function compilers(trustedGlobs: (glob: string) => boolean) {
  const regexes = new Map<string, Pattern>();
  const regex = (source: string): Pattern => {
    let compiled = regexes.get(source);
    if (!compiled) {
      const safe = safeRegex(source);
      if (!safe.ok) throw new Error(`a rubric pattern the loader should have refused: ${safe.reason}`);
      compiled = safe.value;
      regexes.set(source, compiled);
    }
    return compiled;
  };
  const glob = (pattern: string): ((path: string) => boolean) => {
    if (trustedGlobs(pattern)) return trustedGlob(pattern);
    const safe = safeGlob(pattern);
    if (!safe.ok) throw new Error(`a rubric glob the loader should have refused: ${safe.reason}`);
    return safe.value;
  };
  return { regex, glob };
}

interface Sources {
  /** The files a glob matches, in file order. */
  matching(glob: string): number[];
  files: string[];
  /** Where each content detector fires, in the best-ranked file (rank.ts). */
  contents: Map<Detector, Hit>;
  manifests: string[];
  depsOf(file: string): Dependency[];
  jobs: Job[];
  ciText(file: string): string | undefined;
  ciPattern(source: string): Pattern;
}

interface Hit {
  file: string;
  line: number;
}

/** The files any of the globs match (their indexes), in file order. */
function candidatesOf(globs: string[], matching: (glob: string) => number[]): number[] {
  const lists = globs.map(matching);
  // A typed array sorts numbers as numbers, and fast.
  return lists.length === 1 ? lists[0]! : [...Uint32Array.from(new Set(lists.flat())).sort()];
}

interface ContentGroup {
  /** The files its globs match (their indexes), in file order. */
  candidates: number[];
  /** Where the one pass has got to in `candidates`. */
  next: number;
  /** Indexes of the group's detectors that have not fired yet. */
  pending: Set<number>;
  /** Records each detector's best-ranked hit, and with `ran` its first hit in a file a CI job runs (`here` says this is one). */
  search(file: string, text: string, hits: Map<Detector, Hit>, ran?: { hits: Map<Detector, Hit>; here: boolean }): void;
}

/**
 * Content detectors grouped by their globs, searched together as grep would: one combined
 * pattern says which files deserve a closer look, so a file that matches none of them is
 * searched once, not once per detector.
 */
function contentGroups(detectors: Detector[], matching: (glob: string) => number[], regex: (source: string) => Pattern): ContentGroup[] {
  const byGlobs = new Map<string, Detector[]>();
  for (const d of detectors) {
    if (d.files === undefined || d.contains === undefined) continue;
    const key = JSON.stringify(d.files);
    byGlobs.set(key, [...(byGlobs.get(key) ?? []), d]);
  }
  return [...byGlobs.values()].map((group) => {
    // Each detector's own pattern is compiled when the group's first fires: most groups never do.
    const patterns: (Pattern | undefined)[] = [];
    // Patterns that cannot be joined (two named groups of one name) are searched one by one.
    const joined = safeRegex(group.map((d) => `(?:${d.contains})`).join("|"));
    const any = joined.ok ? joined.value : undefined;
    const pending = new Set(group.keys());
    return {
      candidates: candidatesOf(group[0]!.files!, matching),
      next: 0,
      pending,
      search(file, text, hits, ran) {
        if (any && !any.test(text)) return;
        const fileRank = rank(file);
        const runFile = ran?.here === true;
        for (const i of [...pending]) {
          const detector = group[i]!;
          const best = hits.get(detector);
          // Nothing this file could add: a hit as good already, and no test-file hit wanted from it.
          if (best && rank(best.file) <= fileRank && !(runFile && !ran?.hits.has(detector))) continue;
          patterns[i] ??= regex(detector.contains!);
          const match = patterns[i].exec(text);
          if (!match) continue;
          // A pattern that starts with \s* may begin on blank lines before what it found.
          const lead = match[0].length - match[0].trimStart().length;
          const hit = { file, line: lineAt(text, match.index + lead) };
          if (!best || rank(best.file) > fileRank) hits.set(detector, hit);
          if (runFile && !ran?.hits.has(detector)) ran?.hits.set(detector, hit);
          // Done once the hit is in production code, and a hit in a file CI runs is not wanted or is found.
          if (rank(hits.get(detector)!.file) === 0 && (ran === undefined || ran.hits.has(detector))) pending.delete(i);
        }
      },
    };
  });
}

/** The first place a detector fires, in file order, with the pointer it proposes. */
function run(detector: Detector, sources: Sources): Omit<Signal, "test" | "what" | "status"> | undefined {
  if (detector.files) {
    const best =
      detector.contains === undefined
        ? bestRanked(detector.files.flatMap((glob) => sources.matching(glob)).map((i) => sources.files[i]!))
        : undefined;
    const at =
      detector.contains === undefined ? (best === undefined ? undefined : { file: best, line: 1 }) : sources.contents.get(detector);
    if (!at) return undefined;
    return { ...at, pointer: (detector.pointer === "doc" ? { doc: at.file } : { path: at.file }) as Pointer };
  }
  if (detector.dependency) {
    const wanted = new Set(detector.dependency.map(normalise));
    for (const file of sources.manifests) {
      const dep = sources.depsOf(file).find((d) => wanted.has(d.name));
      if (dep) return { file, line: dep.line, pointer: { path: file } };
    }
    return undefined;
  }
  const pattern = sources.ciPattern(detector.ci!);
  // A job's own lines are looked at before what it reaches through runners and scripts.
  for (const direct of [true, false]) {
    for (const job of sources.jobs) {
      if (detector.scheduled && !job.scheduled) continue;
      for (const step of job.steps) {
        if ((step.via.length === 0) !== direct) continue;
        const runs = pattern.exec(step.command)?.[0].trim();
        // The proposed `runs:` is the very text that matched, so verification finds it again.
        if (!runs || runs.includes("\n")) continue;
        const where = step.at?.file ?? job.source;
        const source = sources.ciText(where) ?? "";
        const at = source.indexOf(runs);
        return {
          file: where,
          line: at < 0 ? (step.at?.line ?? 1) : lineAt(source, at),
          pointer: { ci: job.pointer, runs, ...(detector.scheduled ? { scheduled: true } : {}) },
          ...(step.via.length > 0 && { via: step.via }),
        };
      }
    }
  }
  return undefined;
}

/** The first file a file-only detector's globs match that a CI job runs. */
function firstRan(globs: string[], sources: Sources, runBy: (file: string) => RunBy | undefined): Hit | undefined {
  const file = globs
    .flatMap((glob) => sources.matching(glob))
    .map((i) => sources.files[i]!)
    .find((f) => runBy(f) !== undefined);
  return file === undefined ? undefined : { file, line: 1 };
}

/** The best-ranked of some files (rank.ts), the first in file order among equals. */
function bestRanked(files: string[]): string | undefined {
  let best: string | undefined;
  for (const file of files) if (best === undefined || rank(file) < rank(best)) best = file;
  return best;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Per test, its signals and, unless every one only backs up others (a seed, a dependency), the
 * status the strongest suggests with the pointers that back it.
 */
export function suggestions(
  signals: Signal[],
): Map<string, { suggestion?: { status: "manual" | "automated"; evidence: Pointer[] }; signals: Signal[] }> {
  const byTest = new Map<string, Signal[]>();
  for (const s of signals) byTest.set(s.test, [...(byTest.get(s.test) ?? []), s]);
  const result = new Map<string, { suggestion?: { status: "manual" | "automated"; evidence: Pointer[] }; signals: Signal[] }>();
  for (const [test, found] of byTest) {
    if (found.every((s) => s.corroborates)) {
      result.set(test, { signals: found });
      continue;
    }
    const status = found.some((s) => s.status === "automated") ? "automated" : "manual";
    // The signals that back the status first, then the rest: a few distinct pointers in all.
    const ordered = [...found.filter((s) => s.status === status), ...found.filter((s) => s.status !== status)];
    const evidence: Pointer[] = [];
    for (const s of ordered) {
      if (evidence.length < 3 && !evidence.some((p) => JSON.stringify(p) === JSON.stringify(s.pointer))) evidence.push(s.pointer);
    }
    result.set(test, { suggestion: { status, evidence }, signals: found });
  }
  return result;
}
