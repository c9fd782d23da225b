// The one way tests run the built CLI (dist/mltest.cjs): as a user or CI does, a separate process
// with no TTY and no colour. mltest waits for it; mltestAsync lets several runs be in flight at
// once; mltestWatched caps its memory and reports the work it did, for hostile inputs. All take
// RunOptions (cwd, env, timeout, input). And caseFolders: the scratch folders that runs work in.
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

/** How a test runs the CLI; every option may be left out. */
export interface RunOptions {
  /** The folder it runs in: the repository root unless given. */
  cwd?: string;
  /**
   * Variables set over the test's own environment, which loses NO_COLOR and FORCE_COLOR first (so
   * that the output is plain, as it is for a user whose output is not a terminal); a variable given
   * as undefined is removed.
   */
  env?: Record<string, string | undefined>;
  /** Milliseconds before the run is killed (SIGKILL): a guard against a hang, 60 s unless given. */
  timeout?: number;
  /** Text on its standard input; none (stdin closed, or not open at all) unless given. */
  input?: string;
}

const TIMEOUT = 60_000;

/** The variables a report's source block is read from (src/source.ts), when the tests run in CI. */
const CI_SOURCE =
  /^(GITHUB_|GITLAB_CI$|CI_|CIRCLE|BITBUCKET_|BUILDKITE|TF_BUILD$|BUILD_|SYSTEM_|JENKINS_URL$|GIT_(URL|COMMIT|BRANCH)$|BRANCH_NAME$|CHANGE_BRANCH$)/;

/**
 * The environment a run gets: the test's own without NO_COLOR and FORCE_COLOR, and without the CI
 * system's variables a report's source is read from, with the generation time fixed at AS_OF
 * (SOURCE_DATE_EPOCH), so that outputs are the same here and in any CI; then `extra`.
 */
export function environment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const { NO_COLOR: _, FORCE_COLOR: __, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: String(Date.parse(`${AS_OF}T00:00:00Z`) / 1000) };
  for (const [key, value] of Object.entries(inherited)) if (!CI_SOURCE.test(key)) env[key] = value;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function built(): string {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it first)`);
  return BIN;
}

/** mltest("score", dir) or mltest(["score", dir], options): the arguments, and the options when given. */
function call(given: unknown[]): [string[], RunOptions] {
  return Array.isArray(given[0]) ? [given[0] as string[], (given[1] as RunOptions | undefined) ?? {}] : [given as string[], {}];
}

/**
 * The built CLI, run as a user runs it (the executable itself, through its #! line) and waited
 * for. A run that cannot start, or is still running after the timeout, throws.
 */
export function mltest(args: readonly string[], options?: RunOptions): Run;
export function mltest(...args: string[]): Run;
export function mltest(...given: unknown[]): Run {
  const [args, { cwd = ROOT, env, timeout = TIMEOUT, input }] = call(given);
  const result = spawnSync(built(), args, { cwd, env: environment(env), encoding: "utf8", timeout, killSignal: "SIGKILL", input });
  if (result.error) {
    const timedOut = (result.error as NodeJS.ErrnoException).code === "ETIMEDOUT";
    throw timedOut ? new Error(`mltest ${args.join(" ")}: still running after ${timeout} ms, killed`) : result.error;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same run, asynchronous, so that several can be in flight at once (scenarios side by side,
 * concurrent appends). It rejects when it cannot start or is still running after the timeout.
 */
export function mltestAsync(args: readonly string[], options?: RunOptions): Promise<Run>;
export function mltestAsync(...args: string[]): Promise<Run>;
export async function mltestAsync(...given: unknown[]): Promise<Run> {
  const [args, { cwd = ROOT, env, timeout = TIMEOUT, input }] = call(given);
  const r = await spawned([built(), ...args], { cwd, env: environment(env), timeout, input });
  if (r.timedOut) throw new Error(`mltest ${args.join(" ")}: still running after ${timeout} ms, killed`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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
 * permission errors can be seen. Asynchronous, so that cases run side by side. Unlike mltest and
 * mltestAsync, a run killed at the timeout is a result (`timedOut`), for the test to judge.
 */
export async function mltestWatched(
  args: string[],
  { cwd = ROOT, timeout = TIMEOUT, env: extra, input, uid, shell }: RunOptions & { uid?: number; shell?: string } = {},
): Promise<Measured> {
  const measure = uid === undefined ? join(mkdtempSync(join(tmpdir(), "mltest-measure-")), "work.json") : undefined;
  const env = environment({ ...extra, ...(measure && { MLTEST_MEASURE: measure }) });
  const node = [
    process.execPath,
    "--max-old-space-size=256",
    ...(measure ? ["--require", join(ROOT, "test/measure.cjs")] : []),
    built(),
    ...args,
  ];
  // `shell` wraps the command line ("$@" is it), for limits set in a shell (ulimit).
  const command = shell === undefined ? node : ["bash", "-c", `${shell}; exec "$@"`, "bash", ...node];
  try {
    const r = await spawned(command, { cwd, env, timeout, input, uid });
    const work = measure && existsSync(measure) ? (JSON.parse(readFileSync(measure, "utf8")) as Measured["work"]) : undefined;
    return { ...r, work };
  } finally {
    if (measure) rmSync(dirname(measure), { recursive: true, force: true });
  }
}

/** One process, its output collected; killed with SIGKILL after `timeout` ms. */
function spawned(
  [cmd, ...argv]: string[],
  { cwd, env, timeout, input, uid }: { cwd: string; env: NodeJS.ProcessEnv; timeout: number; input?: string; uid?: number },
): Promise<Omit<Measured, "work">> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd!, argv, {
      cwd,
      env,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      ...(uid !== undefined && { uid, gid: uid }),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeout);
    child.stdout!.on("data", (b: Buffer) => out.push(b));
    child.stderr!.on("data", (b: Buffer) => err.push(b));
    child.stdin?.on("error", () => undefined); // a CLI that exits without reading its input closes the pipe
    child.stdin?.end(input);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolvePromise({
        status,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}
