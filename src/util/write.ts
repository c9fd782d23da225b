// Every file mltest writes goes through here. A repository can commit a link where a report or
// the history will go, or a pipe, or a device; a pull request must not turn a write into one
// outside the project, or into the replacement of something that is not a file. So:
// - inside the working directory and the project folder (`roots`), no part of the path may be a
//   symbolic link, and only a regular file is ever replaced;
// - a path the user named outside them (absolute, or leading out with ..) is theirs: a device,
//   pipe or link there is written into, as any tool would, never renamed over;
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
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "./errors.js";
import { within } from "./paths.js";
import { fsReason } from "./read.js";

export interface WriteOptions {
  /** Replace an existing regular file; without it an existing file is an error. */
  force?: boolean;
  /** The working directory and the project folder: no link is followed below them. */
  roots: string[];
}

/** A target that already holds a file, without --force: the one refusal a caller may act on (a backup takes the next name). */
export class ExistsError extends UsageError {
  override name = "ExistsError";
}

/** Checks a write before anything is written, so that a refusal never leaves half of the reports behind. */
export function checkWrite(file: string, options: WriteOptions): void {
  plan(file, options, false);
}

export function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions): void {
  const { target, into } = plan(file, options, true);
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
  const { target, confined } = plan(file, { ...options, force: true }, true);
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

/**
 * Where a write lands and how: `into` for the user's own special file outside the roots, which
 * is written into rather than replaced. With `create`, missing folders are made, one at a time,
 * each checked.
 */
function plan(file: string, { force = false, roots }: WriteOptions, create: boolean): { target: string; into: boolean; confined: boolean } {
  // A path is inside as written, or once the links of its existing folders are resolved (a path
  // typed through a linked prefix, such as a shell's $PWD, may lead into the project).
  const lexical = resolve(file);
  const real = realFolders(lexical);
  const [target, root] = [
    [
      lexical,
      outermost(
        lexical,
        roots.map((r) => resolve(r)),
      ),
    ] as const,
    [real, outermost(real, roots.map(realRoot))] as const,
  ].find(([, r]) => r !== undefined) ?? [lexical, undefined];
  if (root === undefined) {
    if (create) makeFolders(file, dirname(target));
    const stat = statOf(file, target, statSync); // links followed: the user named this path
    const special = stat !== undefined && !stat.isFile() && !stat.isDirectory();
    if (stat?.isDirectory()) throw new UsageError(`cannot write ${file}: a folder, not a file`);
    if (stat !== undefined && !special && !force) throw new ExistsError(`${file} already exists; pass --force to replace it`);
    const link = lstatOf(file, target)?.isSymbolicLink() ?? false;
    return { target, into: special || link, confined: false };
  }
  let folder = root;
  for (const part of relative(root, dirname(target)).split(sep).filter(Boolean)) {
    folder = join(folder, part);
    const stat = lstatOf(file, folder);
    if (stat === undefined) {
      if (!create) break; // nothing below a missing folder exists yet
      makeFolders(file, folder, false);
      continue;
    }
    if (stat.isSymbolicLink())
      throw new UsageError(
        `cannot write ${file}: ${displayed(root, folder)} is a symbolic link, and mltest never writes through one inside the working directory or the project`,
      );
    if (!stat.isDirectory()) throw new UsageError(`cannot write ${file}: ${displayed(root, folder)} is not a folder`);
  }
  const stat = lstatOf(file, target);
  if (stat !== undefined && !stat.isFile())
    throw new UsageError(`cannot write ${file}: it is ${kindOf(stat)}, and mltest writes only to regular files`);
  if (stat !== undefined && !force) throw new ExistsError(`${file} already exists; pass --force to replace it`);
  return { target, into: false, confined: true };
}

/** The outermost root that holds `path`: every part of the path below it is checked. */
function outermost(path: string, roots: string[]): string | undefined {
  return roots.filter((r) => within(path, r) && r !== path).sort((a, b) => a.length - b.length)[0];
}

function realRoot(root: string): string {
  try {
    return realpathSync.native(root);
  } catch {
    return resolve(root);
  }
}

/** `path` with the links of its existing folders resolved; its last part is left as it is. */
function realFolders(path: string): string {
  let folder = dirname(path);
  const rest = [basename(path)];
  for (;;) {
    try {
      return join(realpathSync.native(folder), ...rest);
    } catch {
      if (dirname(folder) === folder) return path;
      rest.unshift(basename(folder));
      folder = dirname(folder);
    }
  }
}

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

function makeFolders(file: string, folder: string, recursive = true): void {
  try {
    mkdirSync(folder, { recursive, mode: 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST")
      throw new UsageError(`cannot write ${file}: cannot make the folder ${folder}: ${fsReason(err)}`);
  }
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

function lstatOf(file: string, path: string): Stats | undefined {
  return statOf(file, path, lstatSync);
}

function statOf(file: string, path: string, stat: (path: string) => Stats): Stats | undefined {
  try {
    return stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`cannot write ${file}: ${fsReason(err)}`);
  }
}

function kindOf(stat: Stats): string {
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

function displayed(root: string, path: string): string {
  return relative(root, path).split(sep).join("/");
}

/** Cleanup must never hide the error that made it necessary. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // nothing to remove, or nowhere to remove it from
  }
}
