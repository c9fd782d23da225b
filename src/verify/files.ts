// Read access to one project's files, and nothing outside it. Every evidence pointer goes
// through here: `..`, absolute paths, NUL bytes and symbolic links that lead out of the root are
// refused with a reason, reads are size-limited, and the tree is walked at most once however
// many globs ask.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { decodeText } from "../utf8.js";
import { isAbsolute, join, posix, sep } from "node:path";
import picomatch from "picomatch";

/** Files larger than this are not read (a JUnit report, a CI file). */
export const MAX_READ_BYTES = 10 * 1024 * 1024;
/** A walk stops after this many entries and says so, rather than running unbounded. */
export const MAX_WALK_ENTRIES = 500_000;
/** Folders a glob never looks into: tool caches, dependencies, virtual environments. */
const SKIPPED_DIRS = new Set([".git", "node_modules", ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".tox"]);

export type Resolved = { ok: true; rel: string; abs: string } | { ok: false; reason: string };
export type Read = { ok: true; text: string; rel: string } | { ok: false; reason: string };
export type ReadBytes = { ok: true; bytes: Buffer; rel: string } | { ok: false; reason: string };

/** Text from bytes, refusing binary files and invalid UTF-8. */
function decode(bytes: Buffer, rel: string): Read {
  const decoded = decodeText(bytes);
  if ("text" in decoded) return { ok: true, rel, text: decoded.text };
  return { ok: false, reason: decoded.refused === "binary" ? "a binary file, not text" : "not valid UTF-8 text" };
}

/** An open file's bytes, within the size limit. */
function readOpen(fd: number, limit: number): { ok: true; bytes: Buffer } | { ok: false; reason: string } {
  const size = fstatSync(fd).size;
  if (size > limit) return { ok: false, reason: `too large: ${size} bytes, and mltest reads files of up to ${limit}` };
  const bytes = Buffer.alloc(size);
  readSync(fd, bytes, 0, size, 0);
  return { ok: true, bytes };
}

export class ProjectFiles {
  private readonly realRoot: string;
  private walked?: { files: string[]; truncated: boolean };

  constructor(readonly root: string) {
    this.realRoot = realpathSync.native(root);
  }

  /** A path from an evidence file, checked to stay inside the project. */
  resolve(pointer: string): Resolved {
    const lexical = this.lexical(pointer);
    if (!lexical.ok) return lexical;
    const abs = join(this.root, lexical.rel);
    let real: string;
    try {
      // The C library's realpath: one call instead of an lstat per path part from JavaScript.
      real = realpathSync.native(abs);
    } catch {
      return { ok: false, reason: "no such file or folder" };
    }
    if (!this.inside(real)) return { ok: false, reason: "a symbolic link that leads outside the project" };
    return { ok: true, rel: lexical.rel, abs: real };
  }

  /** An existing regular file inside the project. */
  file(pointer: string): Resolved {
    const resolved = this.resolve(pointer);
    if (!resolved.ok) return resolved;
    if (!statSync(resolved.abs).isFile()) return { ok: false, reason: "a folder, not a file" };
    return resolved;
  }

  /** A text file's content, refusing large and binary files. */
  read(pointer: string, limit = MAX_READ_BYTES): Read {
    const read = this.readBytes(pointer, limit);
    return read.ok ? decode(read.bytes, read.rel) : read;
  }

  /** A file's bytes, undecoded, for a caller that decodes it in parts (the history, line by line); size-limited. */
  readBytes(pointer: string, limit = MAX_READ_BYTES): ReadBytes {
    const found = this.file(pointer);
    if (!found.ok) return found;
    const fd = openSync(found.abs, "r");
    try {
      const read = readOpen(fd, limit);
      return read.ok ? { ok: true, bytes: read.bytes, rel: found.rel } : read;
    } finally {
      closeSync(fd);
    }
  }

  /**
   * A text file that a walk of this project found (a regular file reached without following a
   * link), read without resolving its path again: the scan already proved where it is.
   */
  readWalked(rel: string, limit = MAX_READ_BYTES): Read {
    let fd: number;
    try {
      fd = openSync(join(this.root, rel), constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch {
      return { ok: false, reason: "cannot be opened" };
    }
    try {
      const read = readOpen(fd, limit);
      return read.ok ? decode(read.bytes, rel) : read;
    } finally {
      closeSync(fd);
    }
  }

  /** Files matching a glob (at most `limit` of them), or why the glob cannot be used. */
  glob(pattern: string, limit = 10): { ok: true; matches: string[]; truncatedWalk: boolean } | { ok: false; reason: string } {
    const lexical = this.lexical(pattern);
    if (!lexical.ok) return lexical;
    const isMatch = picomatch(lexical.rel, { dot: true });
    const { files, truncated } = this.walk();
    const matches: string[] = [];
    for (const file of files) {
      if (isMatch(file)) matches.push(file);
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
      let listing;
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
          const target = this.resolve(rel);
          if (target.ok && statSync(target.abs).isFile()) files.push(rel);
        }
      }
    }
    files.sort();
    this.walked = { files, truncated };
    return this.walked;
  }

  /** Checks a pointer's text alone: relative, no NUL byte, no way up and out. */
  private lexical(pointer: string): { ok: true; rel: string } | { ok: false; reason: string } {
    if (pointer.includes("\0")) return { ok: false, reason: "the path contains a NUL byte" };
    const slashed = pointer.replace(/\\/g, "/");
    if (isAbsolute(pointer) || slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) {
      return { ok: false, reason: "an absolute path; evidence paths are relative to the project root" };
    }
    const rel = posix.normalize(slashed);
    if (rel === ".." || rel.startsWith("../")) return { ok: false, reason: "leads outside the project root" };
    return { ok: true, rel: rel.replace(/^\.\//, "") };
  }

  private inside(real: string): boolean {
    return real === this.realRoot || real.startsWith(this.realRoot.endsWith(sep) ? this.realRoot : this.realRoot + sep);
  }
}
