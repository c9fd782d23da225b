// Every file mltest reads is read here. A repository can hold anything at a path: a FIFO that
// never answers, a link to /proc whose size says 0 and whose content never ends, a file nobody
// may read. So a file is opened without blocking, read only when it is a regular file, and read
// up to a limit counted in the bytes that actually arrive, never in what stat claims.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

export type ReadResult = { ok: true; bytes: Buffer; id: string; cut?: true } | { ok: false; reason: string; tooLarge?: true };

/** Flags Windows lacks are 0 there: it has no FIFOs to block on, and links are checked by the caller. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * The bytes of the regular file at `path`, at most `limit` of them. `follow: false` refuses a
 * symbolic link as the last part of the path (a walk that has not followed links reads this way).
 * `tail`: a larger file gives its last `limit` bytes (`cut`), for a log read from its newest end.
 * `id` names the file itself (device and inode), so that hard links are read once.
 */
export function readRegular(
  path: string,
  limit: number,
  { follow = true, tail = false }: { follow?: boolean; tail?: boolean } = {},
): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NONBLOCK | (follow ? 0 : NOFOLLOW));
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: stat.isDirectory() ? "a folder, not a file" : "not a regular file" };
    const id = `${stat.dev}:${stat.ino}`;
    if (tail && stat.size > limit) {
      const bytes = Buffer.allocUnsafe(limit);
      let length = 0;
      for (let n = -1; n !== 0 && length < limit; length += n) n = readSync(fd, bytes, length, limit - length, stat.size - limit + length);
      return { ok: true, bytes: bytes.subarray(0, length), id, cut: true };
    }
    const bytes = readUpTo(fd, limit, stat.size);
    if (!bytes) {
      // The size stat gives when it is true; a file that says less (/proc) grew past the limit as it was read.
      const size = stat.size > limit ? `${stat.size} bytes` : `more than ${limit} bytes`;
      return { ok: false, tooLarge: true, reason: `too large: ${size}, and mltest reads files of up to ${limit}` };
    }
    return { ok: true, bytes, id };
  } catch (err) {
    return { ok: false, reason: fsReason(err) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Up to `limit` bytes to the end of the file, or undefined when there are more. `hint` (stat's
 * size) sizes the first buffer, one byte over: a file that holds just what it says is read in one
 * call (a short read of a regular file is its end). A file that says 0 (/proc) is read in whole
 * chunks, the only reads some of them allow, to the end or the limit.
 */
function readUpTo(fd: number, limit: number, hint: number): Buffer | undefined {
  const CHUNK = 64 * 1024;
  let buffer = Buffer.allocUnsafe(hint > 0 ? Math.min(hint, limit) + 1 : CHUNK);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, CHUNK));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
    if (length > limit) return undefined;
    if (length === hint) return buffer.subarray(0, length);
  }
}

/** A file-system error in words a user can act on; never a stack trace. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "a symbolic link (or a loop of them)";
    case "EISDIR":
      return "a folder, not a file";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "ENAMETOOLONG":
      return "the path is too long";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is used up";
    case "EFBIG":
      return "the file would be larger than the system allows";
    case "EROFS":
      return "a read-only file system";
    case "EIO":
      return "an input/output error";
    case "EAGAIN":
      return "not ready to be read (a pipe or socket)";
    default:
      return code ?? (err as Error)?.message ?? String(err);
  }
}
