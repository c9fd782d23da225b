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
      const read = project.read(file, MAX_SEARCH_BYTES);
      texts.set(file, read.ok ? read.text : undefined);
    }
    return texts.get(file);
  };
  const manifests = files.filter((f) => manifestKind(f));
  const deps = new Map<string, Dependency[]>();
  const depsOf = (file: string) => {
    if (!deps.has(file)) deps.set(file, dependencies(file, text(file) ?? ""));
    return deps.get(file)!;
  };
  const ciFiles = files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f) || /^\.gitlab-ci\.ya?ml$/.test(f));
  const ci = new Map<string, CiFile>(ciFiles.map((f) => [f, readCi(project, f)]));

  const signals: Signal[] = [];
  for (const test of rubric.sections.flatMap((s) => s.tests)) {
    for (const detector of test.detect ?? []) {
      const found = run(detector, { files, text, manifests, depsOf, ci });
      if (found) signals.push({ test: test.id, what: detector.what, status: detector.status, ...found });
    }
  }
  return { signals, truncated, filesRead: texts.size };
}

interface Sources {
  files: string[];
  text(file: string): string | undefined;
  manifests: string[];
  depsOf(file: string): Dependency[];
  ci: Map<string, CiFile>;
}

/** The first place a detector fires, in file order, with the pointer it proposes. */
function run(detector: Detector, sources: Sources): Omit<Signal, "test" | "what" | "status"> | undefined {
  if (detector.files) {
    const isMatch = picomatch(detector.files, { dot: true });
    const pattern = detector.contains === undefined ? undefined : new RegExp(detector.contains, "m");
    for (const file of sources.files) {
      if (!isMatch(file)) continue;
      const kind = detector.pointer ?? "path";
      const pointer = (kind === "doc" ? { doc: file } : { path: file }) as Pointer;
      if (!pattern) return { file, line: 1, pointer };
      const content = sources.text(file);
      const match = content === undefined ? null : pattern.exec(content);
      if (match) return { file, line: lineAt(content!, match.index), pointer };
    }
    return undefined;
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
      for (const command of job.commands) {
        const runs = pattern.exec(command)?.[0].trim();
        // The proposed `runs:` is the very text that matched, so verification finds it again.
        if (!runs || runs.includes("\n")) continue;
        const source = sources.text(job.source) ?? "";
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
