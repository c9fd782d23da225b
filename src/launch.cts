// The `mltest` executable: plain JavaScript for any Node from 20 on, on any system. It runs the
// bundled CLI (core.cjs) from a V8 code cache, so that a start skips compiling the parsers it is
// about to use: the cache the build wrote after a warm-up run, when this Node's V8 is the build's,
// else one this launcher writes after its first run here.
// Node's own compile cache (module.enableCompileCache, 22.8+) is not used: Node makes its cache as
// a file is compiled, before it runs, so it holds only the top level. Measured on Node 24, a start
// took 131 ms from it against 108 ms from a cache made after a run (node -e 0: 36 ms); and the one
// file it could cache before core.cjs is this launcher, already loaded when it could switch it on.
// A cache lives only in mltest's install folder (which holds the code it caches) or in a folder
// of the OS temporary folder that this user owns, never in a path a repository controls. V8 checks
// a cache against the source, its own version and its flags, and ignores one that does not fit; no
// cache changes what mltest does, only how soon it starts.
import { randomBytes } from "node:crypto";
import { closeSync, constants, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import Module from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";

export const CORE = "core.cjs";
/** The first hex digits of core.cjs's SHA-256, written in by the build (see codeCacheName). */
declare const CORE_ID: string;

export interface Core {
  main(argv: string[]): Promise<number>;
}

/**
 * The name of a code cache of this core.cjs made by, and for, this V8. V8 refuses a cache of
 * another version or flags, but of the source it checks only the length: a cache left in the
 * temporary folder by another release must never be taken for this one's.
 */
export function codeCacheName(): string {
  return `core-${CORE_ID}-v8-${process.versions.v8}-${process.arch}.cache`;
}

/**
 * The folders a cache made at run time may live in: the install folder's, else the user's own in
 * the temporary folder. Where there are no user ids to check a folder's owner by (Windows), only
 * the install folder.
 */
function cacheFolders(dist: string): string[] {
  const own = join(dist, ".cache");
  return process.getuid === undefined ? [own] : [own, join(tmpdir(), `mltest-${process.getuid()}`)];
}

/** Whether `dir` is a folder of this user's that no one else may write in: another's could hold a planted cache. */
function safeFolder(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    const mine = process.getuid === undefined || stat.uid === process.getuid();
    return stat.isDirectory() && mine && (process.platform === "win32" || (stat.mode & 0o022) === 0);
  } catch {
    return false;
  }
}

/** The first folder for caches that exists or can be made, and is safe. */
export function cacheFolder(dist: string): string | undefined {
  for (const dir of cacheFolders(dist)) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch {
      // Not writable here (a global install owned by root, a read-only file system): try the next.
    }
    if (safeFolder(dir)) return dir;
  }
  return undefined;
}

/** A cache made at run time, in a safe folder, when there is one. */
function runtimeCache(dist: string): string | undefined {
  return cacheFolders(dist)
    .filter(safeFolder)
    .map((dir) => join(dir, codeCacheName()))
    .find(exists);
}

/** Loads core.cjs from `dist`, from the code cache in `cacheFile` when it fits. */
export function loadCore(dist: string, cacheFile?: string): { core: Core; script: Script; cached: boolean } {
  const filename = join(dist, CORE);
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile ? readFileSync(cacheFile) : undefined;
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(readFileSync(filename, "utf8")), { filename, cachedData });
  const module = { exports: {} as Core };
  script.runInThisContext()(module.exports, require, module, filename, dist);
  return { core: module.exports, script, cached: cachedData !== undefined && !script.cachedDataRejected };
}

/** Writes a file whole or not at all, so a concurrent run never reads half a cache. */
function writeAtomically(file: string, data: Uint8Array): void {
  // A random name: in a container every run may have the same pid, and a killed run's leftover
  // must not stop every later one.
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    try {
      for (let at = 0; at < data.length; ) at += writeSync(fd, data, at);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Nothing was written.
    }
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Runs the command line in process.argv; the exit code is the promise's (another package's `bin` may call it). */
export function run(): Promise<number> {
  const dist = __dirname;
  const built = join(dist, codeCacheName());
  // A cache made here exists only because the build's was missing or did not fit (other V8 flags).
  const cacheFile = runtimeCache(dist) ?? (exists(built) ? built : undefined);
  const { core, script, cached } = loadCore(dist, cacheFile);
  return core.main(process.argv).then((code) => {
    // Made after a command ran to its end (exit 0 or 1), the cache holds the functions it compiled.
    // After --help, --version or a usage error it would hold little more than the top level, and
    // be kept for good.
    const ranCommand = /^[a-z]/.test(process.argv[2] ?? "") && code !== 2;
    if (!cached && ranCommand) {
      const folder = cacheFolder(dist);
      if (folder) writeAtomically(join(folder, codeCacheName()), script.createCachedData());
    }
    return code;
  });
}

if (require.main === module) {
  run().then((code) => {
    process.exitCode = code;
  });
}
