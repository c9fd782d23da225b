// Finds the evidence a repository already shows, with the detectors each rubric test declares.
// One scan of the project, then one pass over its files in order: each file is read at most
// once, searched by every detector that still needs it, and dropped before the next, so memory
// stays flat however large the repository (content-groups.ts searches the text). Every signal
// proposes a pointer of the kinds `mltest score` verifies, built so that it does (signals.ts).
import type { Pointer } from "../schema/evidence.js";
import type { Detector, Rubric } from "../schema/rubric.js";
import { type Pattern, safeGlob, safeRegex, trustedGlob } from "../util/patterns.js";
import { type CiFile, isCiFile, readCi } from "../verify/ci.js";
import type { ProjectReader } from "../verify/files.js";
import { templatedPath } from "../verify/template-path.js";
import { type ContentGroup, contentGroups, type Hit } from "./content-groups.js";
import { type Dependency, dependencies, manifestKind } from "./manifests.js";
import { isNotebook, MAX_NOTEBOOK_BYTES, sourcesView } from "./notebook.js";
import { ciJobs, ranByCi } from "./ran-by-ci.js";
import { scan } from "./scan.js";
import { firstRan, type Sources, signalOf } from "./signals.js";

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
      const found = signalOf(detector, sources);
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
