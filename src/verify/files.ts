// Read access to one project's files, and nothing outside it. Every evidence pointer goes
// through here: `..`, absolute paths, NUL bytes and symbolic links that lead out of the root are
// refused with a reason, reads are size-limited, and the tree is walked at most once however
// many globs ask. The verifiers and detectors see it as a ProjectReader, the few methods they
// call, so that a test can hand them a project held in memory instead (test/fake-project.ts).
import { type Dirent, readdirSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import { within } from "../util/paths.js";
import { safeGlob } from "../util/patterns.js";
import { fsReason, readRegular } from "../util/read.js";
import { decodeText } from "../util/utf8.js";

/** Files larger than this are not read (a JUnit report). */
export const MAX_READ_BYTES = 10 * 1024 * 1024;
/** What one project's files may cost in bytes read, all reads together; past it reads are refused, and say so. */
export const READ_BUDGET_BYTES = 256 * 1024 * 1024;
/** A walk stops after this many entries and says so, rather than running unbounded. */
export const MAX_WALK_ENTRIES = 500_000;
/** Folders a glob never looks into: tool caches, dependencies, virtual environments. */
export const SKIPPED_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"]);

/** A pointer that stays inside the project, as a path from its root (forward slashes); or why not. */
export type Located = { ok: true; rel: string } | { ok: false; reason: string };
/** Located, and where the file really is on the disk (links resolved). */
export type Resolved = { ok: true; rel: string; abs: string } | { ok: false; reason: string };
/** A read refused; `tooLarge` when the file, or what is left of the read budget, was too small to hold it. */
export type Unread = { ok: false; reason: string; tooLarge?: true };
export type Read = { ok: true; text: string; rel: string; id: string } | Unread;
export type ReadBytes = { ok: true; bytes: Buffer; rel: string; id: string; cut?: true } | Unread;
/** Files matching a glob, at most the limit asked for; `truncatedWalk` when the project was too large to walk whole. */
export type Globbed = { ok: true; matches: string[]; truncatedWalk: boolean } | { ok: false; reason: string };

/**
 * What the verifiers and detectors ask of a project's files, and all they ask. ProjectFiles
 * answers from the disk; a test where the folder is not the point may answer from memory.
 */
export interface ProjectReader {
  /** The project's folder (the detectors' scan lists its folders itself). */
  readonly root: string;
  /** Whether a read was refused because the read budget for the project was spent. */
  readonly budgetReached: boolean;
  /** A path from an evidence file, checked to stay inside the project. */
  resolve(pointer: string): Located;
  /** An existing regular file inside the project. */
  file(pointer: string): Located;
  /** What the file is, so that a file reached by several names is worked on once; undefined when there is none. */
  identity(pointer: string): string | undefined;
  /** A text file's content, refusing files larger than `limit` bytes, binary files and invalid UTF-8. */
  read(pointer: string, limit?: number): Read;
  /** A text file that a walk of the project found, read without resolving its path again. */
  readWalked(rel: string, limit?: number): Read;
  /** Files matching a glob (at most `limit` of them, sorted), or why the glob cannot be used. */
  glob(pattern: string, limit?: number): Globbed;
}

/** Text from bytes, refusing binary files and invalid UTF-8. */
export function decode(read: ReadBytes): Read {
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes);
  if ("text" in decoded) return { ok: true, rel: read.rel, text: decoded.text, id: read.id };
  return { ok: false, reason: decoded.refused === "binary" ? "a binary file, not text" : "not valid UTF-8 text" };
}

/** Checks a pointer's text alone: relative, no NUL byte, no way up and out. */
export function lexicalPath(pointer: string): Located {
  if (pointer.includes("\0")) return { ok: false, reason: "the path contains a NUL byte" };
  const slashed = pointer.replace(/\\/g, "/");
  if (isAbsolute(pointer) || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) {
    return { ok: false, reason: "an absolute path; evidence paths are relative to the project root" };
  }
  const rel = posix.normalize(slashed);
  if (rel === ".." || rel.startsWith("../")) return { ok: false, reason: "leads outside the project root" };
  return { ok: true, rel: rel.replace(/^\.\//, "") };
}

export class ProjectFiles implements ProjectReader {
  private readonly realRoot: string;
  private walked?: { files: string[]; truncated: boolean };
  /** Bytes read so far, against READ_BUDGET_BYTES. */
  private spent = 0;
  /** Whether a read was refused because the budget was spent (a detection says so). */
  budgetReached = false;

  constructor(
    readonly root: string,
    private readonly budget = READ_BUDGET_BYTES,
  ) {
    this.realRoot = realpathSync.native(root);
  }

  /** A path from an evidence file, checked to stay inside the project. */
  resolve(pointer: string): Resolved {
    const lexical = lexicalPath(pointer);
    if (!lexical.ok) return lexical;
    const abs = join(this.root, lexical.rel);
    let real: string;
    try {
      // The C library's realpath: one call instead of an lstat per path part from JavaScript.
      real = realpathSync.native(abs);
    } catch (err) {
      return { ok: false, reason: fsReason(err) };
    }
    if (!this.inside(real)) return { ok: false, reason: "a symbolic link that leads outside the project" };
    return { ok: true, rel: lexical.rel, abs: real };
  }

  /** An existing regular file inside the project. */
  file(pointer: string): Resolved {
    const resolved = this.resolve(pointer);
    if (!resolved.ok) return resolved;
    try {
      const stat = statSync(resolved.abs);
      if (!stat.isFile()) return { ok: false, reason: stat.isDirectory() ? "a folder, not a file" : "not a regular file" };
    } catch (err) {
      return { ok: false, reason: fsReason(err) };
    }
    return resolved;
  }

  /** What the file at a pointer is, device and inode, so that a file reached by several names (hard links) is worked on once. */
  identity(pointer: string): string | undefined {
    const resolved = this.resolve(pointer);
    if (!resolved.ok) return undefined;
    try {
      const stat = statSync(resolved.abs);
      return `${stat.dev}:${stat.ino}`;
    } catch {
      return undefined;
    }
  }

  /** A text file's content, refusing large and binary files. */
  read(pointer: string, limit = MAX_READ_BYTES): Read {
    return decode(this.readBytes(pointer, limit));
  }

  /**
   * A file's bytes, undecoded, for a caller that decodes it in parts (the history, line by line);
   * size-limited, or with `tail` the last `limit` bytes of a larger file.
   */
  readBytes(pointer: string, limit = MAX_READ_BYTES, { tail = false } = {}): ReadBytes {
    const found = this.resolve(pointer);
    if (!found.ok) return found;
    return this.readCounted(found.abs, found.rel, limit, { follow: true, tail });
  }

  /**
   * A text file that a walk of this project found (a regular file reached without following a
   * link), read without resolving its path again: the scan already proved where it is.
   */
  readWalked(rel: string, limit = MAX_READ_BYTES): Read {
    return decode(this.readCounted(join(this.root, rel), rel, limit, { follow: false }));
  }

  private readCounted(abs: string, rel: string, limit: number, how: { follow: boolean; tail?: boolean }): ReadBytes {
    const room = this.budget - this.spent;
    const read = readRegular(abs, Math.min(limit, Math.max(room, 0)), how);
    if (!read.ok) {
      if (!read.tooLarge || room >= limit) return read;
      this.budgetReached = true;
      return { ok: false, tooLarge: true, reason: `not read: mltest's read budget of ${this.budget} bytes for one project is spent` };
    }
    this.spent += read.bytes.length;
    return { ok: true, bytes: read.bytes, rel, id: read.id, ...(read.cut && { cut: true as const }) };
  }

  /** Files matching a glob (at most `limit` of them), or why the glob cannot be used. */
  glob(pattern: string, limit = 10): Globbed {
    const lexical = lexicalPath(pattern);
    if (!lexical.ok) return lexical;
    const isMatch = safeGlob(lexical.rel);
    if (!isMatch.ok) return isMatch;
    const { files, truncated } = this.walk();
    const matches: string[] = [];
    for (const file of files) {
      if (isMatch.value(file)) matches.push(file);
      if (matches.length >= limit) break;
    }
    return { ok: true, matches, truncatedWalk: truncated };
  }

  /** Every regular file below the root (relative, forward slashes), walked once, links not followed. */
  walk(): { files: string[]; truncated: boolean } {
    if (this.walked) return this.walked;
    const files: string[] = [];
    const pending = [""];
    let entries = 0;
    let truncated = false;
    while (pending.length > 0 && !truncated) {
      const dir = pending.pop()!;
      let listing: Dirent[];
      try {
        listing = readdirSync(join(this.root, dir), { withFileTypes: true });
      } catch {
        continue; // unreadable folder: its files simply cannot match
      }
      for (const entry of listing) {
        if (++entries > MAX_WALK_ENTRIES) {
          truncated = true;
          break;
        }
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRS.has(entry.name)) pending.push(rel);
        } else if (entry.isFile()) {
          files.push(rel);
        } else if (entry.isSymbolicLink()) {
          // A link counts as a file only when it resolves to a file inside the project.
          if (this.file(rel).ok) files.push(rel);
        }
      }
    }
    files.sort();
    this.walked = { files, truncated };
    return this.walked;
  }

  private inside(real: string): boolean {
    return within(real, this.realRoot);
  }
}
