// Where a write may land. A repository can commit a link where a report or the history will go,
// or a pipe, or a device; a pull request must not turn a write into one outside the project, or
// into the replacement of something that is not a file. So:
// - inside the working directory and the project folder (`roots`), no part of the path may be a
//   symbolic link, and only a regular file is ever replaced;
// - a path the user named outside them (absolute, or leading out with ..) is theirs: a device,
//   pipe or link there is written into, as any tool would, never renamed over.
import { lstatSync, mkdirSync, realpathSync, type Stats, statSync } from "node:fs";
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

/**
 * Where a write lands and how: `into` for the user's own special file outside the roots, which
 * is written into rather than replaced. With `create`, missing folders are made, one at a time,
 * each checked.
 */
export function planWrite(
  file: string,
  { force = false, roots }: WriteOptions,
  create: boolean,
): { target: string; into: boolean; confined: boolean } {
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

function makeFolders(file: string, folder: string, recursive = true): void {
  try {
    mkdirSync(folder, { recursive, mode: 0o755 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST")
      throw new UsageError(`cannot write ${file}: cannot make the folder ${folder}: ${fsReason(err)}`);
  }
}

export function lstatOf(file: string, path: string): Stats | undefined {
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
export function kindOf(stat: Stats): string {
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
