// Finds the evidence a repository already shows, with the detectors each rubric test declares.
// One scan of the project; each file is read at most once however many detectors look at it;
// every signal proposes a pointer of the kinds `mltest score` verifies, built so that it does.
import picomatch from "picomatch";
import type { Pointer } from "../schema/evidence.js";
import type { Detector, Rubric } from "../schema/rubric.js";
import { readCi, type CiFile } from "../verify/ci.js";
import type { ProjectFiles } from "../verify/files.js";
import { dependencies, manifestKind, normalise, type Dependency } from "./manifests.js";
import { scan } from "./scan.js";

/** Files larger than this are not searched for patterns. */
const MAX_SEARCH_BYTES = 1024 * 1024;

export interface Signal {
  test: string;
  what: string;
  status: "manual" | "automated";
  file: string;
  line: number;
  pointer: Pointer;
}

export interface Detection {
  signals: Signal[];
  /** The walk hit its limit: some files were not looked at. */
  truncated: boolean;
  /** Files read for their content, each once. */
  filesRead: number;
}

export function detect(rubric: Rubric, project: ProjectFiles): Detection {
  const { files, truncated } = scan(project);
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      const read = project.readWalked(file, MAX_SEARCH_BYTES);
      texts.set(file, read.ok ? read.text : undefined);
    }
    return texts.get(file);
  };
  // Each distinct glob is matched against the file list once, however many detectors share it.
  const globbed = new Map<string, string[]>();
  const matching = (glob: string) => {
    if (!globbed.has(glob)) {
      const suffix = literalSuffix(glob);
      const isMatch = picomatch(glob, { dot: true });
      globbed.set(glob, files.filter((f) => (suffix === undefined || f.endsWith(suffix)) && isMatch(f)));
    }
    return globbed.get(glob)!;
  };
  const manifests = files.filter((f) => manifestKind(f));
  const deps = new Map<string, Dependency[]>();
  const depsOf = (file: string) => {
    if (!deps.has(file)) deps.set(file, dependencies(file, text(file) ?? ""));
    return deps.get(file)!;
  };
  const ciFiles = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f) || /^\.gitlab-ci\.ya?ml$/.test(f));
  const ci = new Map<string, CiFile>(ciFiles.map((f) => [f, readCi(project, f)]));
  const seen = new Set(files);

  const detectors = rubric.sections.flatMap((s) => s.tests.flatMap((t) => t.detect ?? []));
  const contents = searchContents(detectors, matching, text);
  const signals: Signal[] = [];
  for (const test of rubric.sections.flatMap((s) => s.tests)) {
    for (const detector of test.detect ?? []) {
      const found = run(detector, { files, matching, contents, manifests, depsOf, ci, ciText: text, seen });
      if (found) signals.push({ test: test.id, what: detector.what, status: detector.status, ...found });
    }
  }
  return { signals, truncated, filesRead: texts.size };
}

interface Sources {
  files: string[];
  /** The files a glob matches, in file order. */
  matching(glob: string): string[];
  /** Where each content detector first fires. */
  contents: Map<Detector, { file: string; line: number }>;
  manifests: string[];
  depsOf(file: string): Dependency[];
  ci: Map<string, CiFile>;
  ciText(file: string): string | undefined;
  /** Every file the scan kept: a job defined in an ignored file is not evidence. */
  seen: Set<string>;
}

/** The files any of the globs match, in file order. */
function candidatesOf(globs: string[], matching: (glob: string) => string[]): string[] {
  const lists = globs.map(matching);
  return lists.length === 1 ? lists[0]! : [...new Set(lists.flat())].sort();
}

/**
 * Where each content detector first fires. Detectors that share their globs are searched together,
 * as grep would: one combined pattern says which files deserve a closer look, so a file that
 * matches none of them is searched once, not once per detector.
 */
function searchContents(
  detectors: Detector[],
  matching: (glob: string) => string[],
  text: (file: string) => string | undefined,
): Map<Detector, { file: string; line: number }> {
  const groups = new Map<string, Detector[]>();
  for (const d of detectors) {
    if (d.files === undefined || d.contains === undefined) continue;
    const key = JSON.stringify(d.files);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const hits = new Map<Detector, { file: string; line: number }>();
  for (const group of groups.values()) {
    const patterns = group.map((d) => new RegExp(d.contains!, "m"));
    // Back-references would point at the wrong group once patterns are joined; keep those apart.
    const joinable = group.every((d) => !/\\[1-9]|\\k</.test(d.contains!));
    const any = joinable ? new RegExp(group.map((d) => `(?:${d.contains})`).join("|"), "m") : undefined;
    const pending = new Set(group.keys());
    for (const file of candidatesOf(group[0]!.files!, matching)) {
      if (pending.size === 0) break;
      const content = text(file);
      if (content === undefined || (any && !any.test(content))) continue;
      for (const i of [...pending]) {
        const match = patterns[i]!.exec(content);
        if (match) {
          hits.set(group[i]!, { file, line: lineAt(content, match.index) });
          pending.delete(i);
        }
      }
    }
  }
  return hits;
}

/** The first place a detector fires, in file order, with the pointer it proposes. */
function run(detector: Detector, sources: Sources): Omit<Signal, "test" | "what" | "status"> | undefined {
  if (detector.files) {
    const at = detector.contains === undefined ? candidatesOf(detector.files, sources.matching).map((file) => ({ file, line: 1 }))[0] : sources.contents.get(detector);
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
  const pattern = new RegExp(detector.ci!, "m");
  for (const [file, parsed] of sources.ci) {
    if (!parsed.ok) continue;
    for (const [id, job] of parsed.jobs) {
      if (detector.scheduled && !job.scheduled) continue;
      if (!sources.seen.has(job.source)) continue;
      for (const command of job.commands) {
        const runs = pattern.exec(command)?.[0].trim();
        // The proposed `runs:` is the very text that matched, so verification finds it again.
        if (!runs || runs.includes("\n")) continue;
        const source = sources.ciText(job.source) ?? "";
        const at = source.indexOf(runs);
        return {
          file: job.source,
          line: at < 0 ? 1 : lineAt(source, at),
          pointer: { ci: `${file}#${id}`, runs, ...(detector.scheduled ? { scheduled: true } : {}) },
        };
      }
    }
  }
  return undefined;
}

/**
 * The literal ending every match of a glob must have ("**\/*.py" → ".py"), to skip most files
 * before the full matcher runs; undefined when the last segment is not `*` plus plain text.
 */
function literalSuffix(glob: string): string | undefined {
  const last = glob.slice(glob.lastIndexOf("/") + 1);
  if (!last.startsWith("*")) return undefined;
  const rest = last.slice(1);
  return [...rest].some((ch) => "*?[]{}()!+@\\".includes(ch)) ? undefined : rest;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Per test, the status the strongest signal suggests and the pointers that back it. */
export function suggestions(signals: Signal[]): Map<string, { status: "manual" | "automated"; evidence: Pointer[]; signals: Signal[] }> {
  const byTest = new Map<string, Signal[]>();
  for (const s of signals) byTest.set(s.test, [...(byTest.get(s.test) ?? []), s]);
  const result = new Map<string, { status: "manual" | "automated"; evidence: Pointer[]; signals: Signal[] }>();
  for (const [test, found] of byTest) {
    const status = found.some((s) => s.status === "automated") ? "automated" : "manual";
    // The signals that back the status first, then the rest: a few distinct pointers in all.
    const ordered = [...found.filter((s) => s.status === status), ...found.filter((s) => s.status !== status)];
    const evidence: Pointer[] = [];
    for (const s of ordered) {
      if (evidence.length < 3 && !evidence.some((p) => JSON.stringify(p) === JSON.stringify(s.pointer))) evidence.push(s.pointer);
    }
    result.set(test, { status, evidence, signals: found });
  }
  return result;
}
