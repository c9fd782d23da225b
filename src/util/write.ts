// Every file mltest writes goes through here, to a place write-target.ts allows:
// - a new file is written whole to a temporary file beside the target, flushed, then moved into
//   place, so a crash leaves either the old file or the new one; temporary files left by a run
//   that was killed are removed by the next write in the same folder;
// - an append is a complete line or nothing.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { UsageError } from "./errors.js";
import { fsReason } from "./read.js";
import { ExistsError, kindOf, lstatOf, planWrite, type WriteOptions } from "./write-target.js";

// Callers catch the one refusal they may act on from the functions that throw it.
export { ExistsError };

/** Checks a write before anything is written, so that a refusal never leaves half of the reports behind. */
export function checkWrite(file: string, options: WriteOptions): void {
  planWrite(file, options, false);
}

export function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions): void {
  const { target, into } = planWrite(file, options, true);
  if (into) {
    writeInto(file, target, content);
    return;
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}${TEMP_SUFFIX}`);
  removeLeftovers(dirname(target));
  try {
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeAll(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // link() refuses to replace an existing file, atomically: no check-then-write race.
    if (options.force) renameSync(temp, target);
    else linkSync(temp, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new ExistsError(`${file} already exists; pass --force to replace it`);
    throw new UsageError(`cannot write ${file}: ${fsReason(err)}`);
  } finally {
    removeQuietly(temp);
  }
}

/**
 * Appends one line (which must end in a line feed) with a single write, so concurrent runs never
 * interleave. A file that ends in a cut line gets a line feed first, so the new line stands on
 * its own; a write that fails part-way is cut back, so the file never ends in half a line.
 */
export function appendLine(file: string, line: string, options: Omit<WriteOptions, "force">): void {
  const { target, confined } = planWrite(file, { ...options, force: true }, true);
  let fd: number;
  try {
    fd = openSync(target, constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | NONBLOCK | (confined ? NOFOLLOW : 0), 0o644);
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${fsReason(err)}`);
  }
  let size = 0;
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`cannot write ${file}: it is ${kindOf(stat)}, and mltest writes only to regular files`);
    size = stat.size;
    const last = Buffer.alloc(1);
    const cut = size > 0 && readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 0x0a;
    writeAll(fd, (cut ? "\n" : "") + line);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    try {
      ftruncateSync(fd, size);
    } catch {
      // the file stays as the failed write left it; readers skip a cut line
    }
    throw new UsageError(`cannot write ${file}: ${fsReason(err)}; nothing was added to it`);
  } finally {
    closeSync(fd);
  }
}

const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const TEMP_SUFFIX = ".tmp";
/** .<target name>.<pid>.<8 hex digits>.tmp */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** The user's own device, pipe, or link outside the roots: written into, never replaced. */
function writeInto(file: string, target: string, content: string | Uint8Array): void {
  try {
    const fd = openSync(target, constants.O_WRONLY | constants.O_TRUNC | constants.O_CREAT, 0o644);
    try {
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw new UsageError(`cannot write ${file}: ${fsReason(err)}`);
  }
}

function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Temporary files of runs that died (their process is gone): removed, only when they are regular files. */
function removeLeftovers(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    if (lstatOf(name, join(folder, name))?.isFile()) removeQuietly(join(folder, name));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Cleanup must never hide the error that made it necessary. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing to remove, or nowhere to remove it from
  }
}
