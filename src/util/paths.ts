// Where a path really is, and whether that is inside a folder mltest may work in. A repository
// can name any path and commit any link: reads and writes check where they land.
import { lstatSync, realpathSync } from "node:fs";
import { parse, posix, resolve, sep } from "node:path";

/** Whether `path` is `folder` or below it (both absolute and resolved the same way). */
export function within(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The real path (links resolved), or undefined when there is nothing there or it cannot be resolved. */
function realPath(path: string): string | undefined {
  try {
    return realpathSync.native(resolve(path));
  } catch {
    return undefined;
  }
}

/**
 * The folders that files named by a repository must stay inside: the working directory and the
 * project folder, links resolved. A monorepo's shared rubrics/ lie inside the first.
 */
export function confinement(projectDir?: string, ...more: string[]): string[] {
  return folders([process.cwd(), ...(projectDir === undefined ? [] : [projectDir]), ...more]).map((dir) => realPath(dir) ?? dir);
}

/**
 * Folders as absolute paths, without the root of a file system: run from "/" (a container's
 * default working directory), the working directory would hold every path and confine nothing.
 */
export function folders(paths: string[]): string[] {
  return paths.map((path) => resolve(path)).filter((path) => parse(path).root !== path);
}

/** Whether the file at `path` (links resolved; a path that does not exist yet as written) lies inside one of `roots`. */
export function insideAny(path: string, roots: string[]): boolean {
  const real = realPath(path) ?? resolve(path);
  return roots.some((root) => within(real, root));
}

/** Whether anything is at `path`, a dangling link included. */
export function lexists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path a command names, joined to the folder it runs in, both relative to the project root
 * ("" is the root); undefined when it would leave the project, is absolute, or holds a variable.
 */
export function joinInside(dir: string, path: string): string | undefined {
  if (path.includes("$") || path.startsWith("/") || path.startsWith("~")) return undefined;
  const joined = posix.normalize(posix.join(dir, path));
  if (joined === ".." || joined.startsWith("../")) return undefined;
  return joined === "." ? "" : joined.replace(/\/$/, "");
}
