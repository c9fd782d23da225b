// A project held in memory, for tests where the folder is not the point: it answers what the
// verifiers and detectors ask of a project (ProjectReader, src/verify/files.ts) from a map of
// paths to contents, and never touches the disk. Pointer text is checked as ProjectFiles checks
// it (lexicalPath), reads are limited and decoded the same way, and a glob skips the same folders.
// What it leaves out: symbolic links, permissions, the read budget and the walk's entry cap; and
// the detectors' scan, which lists the folders under `root` on the disk itself.
import { safeGlob } from "../src/util/patterns.js";
import {
  decode,
  type Globbed,
  type Located,
  lexicalPath,
  MAX_READ_BYTES,
  type ProjectReader,
  type Read,
  SKIPPED_DIRS,
} from "../src/verify/files.js";

type Found = { ok: true; rel: string; path: string; bytes?: Buffer } | { ok: false; reason: string };

export class FakeProject implements ProjectReader {
  readonly budgetReached = false;
  /** Every pointer or path asked about, as given, in order: what a test may check was looked at. */
  readonly asked: string[] = [];
  private readonly files = new Map<string, Buffer>();
  private readonly folders = new Set<string>([""]);

  /** `files`: relative paths (forward slashes; their folders exist too) and their contents. */
  constructor(
    files: Record<string, string | Uint8Array>,
    readonly root = "/in-memory/project",
  ) {
    for (const [path, content] of Object.entries(files)) {
      this.files.set(path, Buffer.from(content));
      const parts = path.split("/");
      for (let i = 1; i < parts.length; i++) this.folders.add(parts.slice(0, i).join("/"));
    }
  }

  resolve(pointer: string): Located {
    const found = this.find(pointer);
    return found.ok ? { ok: true, rel: found.rel } : found;
  }

  file(pointer: string): Located {
    const found = this.find(pointer);
    if (!found.ok) return found;
    return found.bytes ? { ok: true, rel: found.rel } : { ok: false, reason: "a folder, not a file" };
  }

  identity(pointer: string): string | undefined {
    const found = this.find(pointer);
    return found.ok ? `memory:${found.path}` : undefined;
  }

  read(pointer: string, limit = MAX_READ_BYTES): Read {
    const found = this.find(pointer);
    if (!found.ok) return found;
    if (!found.bytes) return { ok: false, reason: "a folder, not a file" };
    if (found.bytes.length > limit) {
      return { ok: false, tooLarge: true, reason: `too large: ${found.bytes.length} bytes, and mltest reads files of up to ${limit}` };
    }
    return decode({ ok: true, bytes: found.bytes, rel: found.rel, id: `memory:${found.path}` });
  }

  readWalked(rel: string, limit = MAX_READ_BYTES): Read {
    return this.read(rel, limit);
  }

  glob(pattern: string, limit = 10): Globbed {
    this.asked.push(pattern);
    const lexical = lexicalPath(pattern);
    if (!lexical.ok) return lexical;
    const isMatch = safeGlob(lexical.rel);
    if (!isMatch.ok) return isMatch;
    const walked = [...this.files.keys()]
      .filter(
        (path) =>
          !path
            .split("/")
            .slice(0, -1)
            .some((dir) => SKIPPED_DIRS.has(dir)),
      )
      .sort();
    return { ok: true, matches: walked.filter((path) => isMatch.value(path)).slice(0, limit), truncatedWalk: false };
  }

  /** A pointer's file or folder: `path` is its key here ("" for the root), `rel` the pointer as ProjectFiles gives it back. */
  private find(pointer: string): Found {
    this.asked.push(pointer);
    const lexical = lexicalPath(pointer);
    if (!lexical.ok) return lexical;
    const rel = lexical.rel;
    const path = rel === "." ? "" : rel.replace(/\/+$/, "");
    const bytes = this.files.get(path);
    if (bytes && path === rel) return { ok: true, rel, path, bytes };
    if (this.folders.has(path)) return { ok: true, rel, path };
    const parts = path.split("/");
    for (let i = 1; i <= parts.length; i++) {
      if (this.files.has(parts.slice(0, i).join("/"))) return { ok: false, reason: "a part of the path is not a folder" };
    }
    return { ok: false, reason: "no such file or folder" };
  }
}
