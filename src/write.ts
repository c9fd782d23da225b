// Every file mltest writes goes through here: written whole to a temporary file beside the
// target, flushed, then moved into place, so a crash leaves either the old file or the new one.
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { UsageError } from "./errors.js";

export interface WriteOptions {
  /** Replace an existing file; without it an existing file is an error. */
  force?: boolean;
}

export function writeFileAtomic(file: string, content: string, { force = false }: WriteOptions = {}): void {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, "wx", 0o644);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    removeQuietly(temp);
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  }
  try {
    if (force) {
      renameSync(temp, file);
    } else {
      // link() refuses to replace an existing file, atomically: no check-then-write race.
      linkSync(temp, file);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UsageError(`${file} already exists; pass --force to replace it`);
    }
    throw new UsageError(`cannot write ${file}: ${(err as Error).message}`);
  } finally {
    removeQuietly(temp);
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
