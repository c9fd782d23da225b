// Runs the built CLI the way a user or CI does: a separate process, no TTY, no colour.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

export const ROOT = join(import.meta.dirname, "..");
export const BIN = join(ROOT, "dist/mltest.cjs");
/** The date every golden file is rendered with. */
export const AS_OF = "2026-11-28";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function mltest(...args: string[]): Run {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it first)`);
  const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
  // As a user runs it: the executable itself.
  const result = spawnSync(BIN, args, { cwd: ROOT, env, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Fresh case folders for one test file: each call makes a new folder holding `files` (relative
 * paths; parents are created) under one scratch folder, which goes when the file's tests are done.
 */
export function caseFolders(prefix: string): ((files?: Record<string, string | Uint8Array>) => string) & { root: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  const make = (files: Record<string, string | Uint8Array> = {}) => {
    const dir = join(root, `case-${++counter}`);
    mkdirSync(dir, { recursive: true });
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    }
    return dir;
  };
  return Object.assign(make, { root });
}

export interface Measured extends Run {
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** What test/measure.cjs saw: bytes read from files, peak resident memory; undefined when the process was killed. */
  work?: { bytesRead: number; peakMB: number };
}

/**
 * The built CLI in its own process, watched: its heap capped (256 MB), killed after `timeout` ms
 * (a guard only: the work a case allows is bounded by bytes read and memory, which
 * test/measure.cjs reports), optionally as another user (`uid`, which needs root) so that
 * permission errors can be seen. Asynchronous, so that cases run side by side.
 */
export function mltestWatched(
  args: string[],
  {
    cwd = ROOT,
    timeout = 60_000,
    uid,
    env: extra = {},
    shell,
  }: { cwd?: string; timeout?: number; uid?: number; env?: Record<string, string>; shell?: string } = {},
): Promise<Measured> {
  const { NO_COLOR: _, FORCE_COLOR: __, ...base } = process.env;
  const measure = uid === undefined ? join(mkdtempSync(join(tmpdir(), "mltest-measure-")), "work.json") : undefined;
  const env = { ...base, ...extra, ...(measure && { MLTEST_MEASURE: measure }) };
  const node = [
    process.execPath,
    "--max-old-space-size=256",
    ...(measure ? ["--require", join(ROOT, "test/measure.cjs")] : []),
    BIN,
    ...args,
  ];
  // `shell` wraps the command line ("$@" is it), for limits set in a shell (ulimit).
  const [cmd, ...argv] = shell === undefined ? node : ["bash", "-c", `${shell}; exec "$@"`, "bash", ...node];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"], ...(uid !== undefined && { uid, gid: uid }) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeout);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      const work = measure && existsSync(measure) ? (JSON.parse(readFileSync(measure, "utf8")) as Measured["work"]) : undefined;
      if (measure) rmSync(dirname(measure), { recursive: true, force: true });
      resolvePromise({
        status,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        work,
      });
    });
  });
}
