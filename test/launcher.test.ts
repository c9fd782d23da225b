// The executable (dist/mltest.cjs, from src/launch.cts): one plain JavaScript file that loads the
// bundle from a V8 code cache, made by the build or after a first run, kept only in the install
// folder or the user's own temporary folder, and never changing what mltest prints.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Script } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, ROOT } from "./run.js";

const scratch = realpathSync(mkdtempSync(join(tmpdir(), "mltest-launcher-")));
chmodSync(scratch, 0o755); // the runs as another user need to reach it
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const launcher = createRequire(import.meta.url)(BIN) as typeof import("../src/launch.cjs");
const SCORE = ["score", join(ROOT, "examples/fraud-scoring"), "--as-of", "2026-11-28", "--no-color"];
const NOBODY = 65534;
/** Runs as another user need root; a hosted CI runner is not root. */
const isRoot = process.getuid?.() === 0;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };

/** A copy of dist/ as an install leaves it, without the build's code cache unless asked. */
function install(name: string, { withBuildCache = false } = {}): string {
  const dist = join(scratch, name, "dist");
  cpSync(join(ROOT, "dist"), dist, { recursive: true, filter: (src) => !src.includes("/.cache") });
  cpSync(join(ROOT, "rubrics"), join(dist, "../rubrics"), { recursive: true });
  if (!withBuildCache) rmSync(join(dist, launcher.codeCacheName()));
  chmodSync(join(scratch, name), 0o755);
  return dist;
}

function run(bin: string, args: string[], { uid, env = {} }: { uid?: number; env?: Record<string, string> } = {}) {
  const { NO_COLOR: _, FORCE_COLOR: __, NODE_OPTIONS: ___, ...base } = process.env;
  const r = spawnSync(bin, args, {
    cwd: scratch,
    env: { ...base, ...env },
    encoding: "utf8",
    timeout: 30_000,
    ...(uid !== undefined && { uid, gid: uid }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const reference = run(BIN, SCORE);

describe("the executable", () => {
  it("is one plain JavaScript file that Node runs through #!/usr/bin/env node, with no shell head or snapshot", () => {
    const text = readFileSync(BIN, "utf8");
    expect(text.split("\n")[0]).toBe("#!/usr/bin/env node");
    expect(text).not.toContain("snapshot-blob");
    expect(spawnSync(process.execPath, ["--check", BIN]).status).toBe(0);
    expect(readdirSync(join(ROOT, "dist")).filter((f) => /blob|snapshot/.test(f))).toEqual([]);
    expect(lstatSync(BIN).mode & 0o111).not.toBe(0);
  });

  it("the reference run scores the example (control for the comparisons below)", () => {
    expect(reference).toMatchObject({ status: 0, stderr: "" });
    expect(reference.stdout).toContain("fraud-scoring");
  });

  it("loads the bundle from the build's code cache on the Node that built it, and rejects a cache that does not fit", () => {
    const dist = join(ROOT, "dist");
    expect(launcher.loadCore(dist, join(dist, launcher.codeCacheName())).cached).toBe(true);
    const garbage = join(scratch, "garbage.cache");
    writeFileSync(garbage, Buffer.alloc(4096, 7));
    expect(launcher.loadCore(dist, garbage).cached).toBe(false);
    expect(launcher.loadCore(dist, join(scratch, "missing.cache")).cached).toBe(false);
  });

  it("without the build's cache, writes one in its install folder after the first run, and prints the same either way", () => {
    const dist = install("writable");
    const cache = join(dist, ".cache", launcher.codeCacheName());
    const first = run(join(dist, "mltest.cjs"), SCORE);
    expect(first).toEqual(reference);
    expect(existsSync(cache)).toBe(true);
    expect(lstatSync(cache).mode & 0o077).toBe(0);
    expect(launcher.loadCore(dist, cache).cached).toBe(true);
    const second = run(join(dist, "mltest.cjs"), SCORE);
    expect(second).toEqual(reference);
    // No temporary file is left beside it.
    expect(readdirSync(join(dist, ".cache"))).toEqual([launcher.codeCacheName()]);
  });

  it("names its caches by the contents of core.cjs, so a cache another release left behind is never read", () => {
    const id = createHash("sha256")
      .update(readFileSync(join(ROOT, "dist/core.cjs")))
      .digest("hex")
      .slice(0, 16);
    expect(launcher.codeCacheName()).toBe(`core-${id}-v8-${process.versions.v8}-${process.arch}.cache`);
  });

  it("when the build's cache does not fit, writes its own and uses that from then on", () => {
    const dist = install("build-cache-rejected", { withBuildCache: true });
    writeFileSync(join(dist, launcher.codeCacheName()), Buffer.alloc(4096, 3));
    const own = join(dist, ".cache", launcher.codeCacheName());
    expect(run(join(dist, "mltest.cjs"), SCORE)).toEqual(reference);
    expect(launcher.loadCore(dist, own).cached).toBe(true);
    expect(run(join(dist, "mltest.cjs"), SCORE)).toEqual(reference);
  });

  it("replaces a cache that V8 rejects, and still prints the same", () => {
    const dist = install("corrupt");
    mkdirSync(join(dist, ".cache"), { mode: 0o700 });
    const cache = join(dist, ".cache", launcher.codeCacheName());
    writeFileSync(cache, Buffer.alloc(8192, 1), { mode: 0o600 });
    expect(run(join(dist, "mltest.cjs"), SCORE)).toEqual(reference);
    expect(launcher.loadCore(dist, cache).cached).toBe(true);
  });

  it.runIf(isRoot)(
    "when its install folder is not writable, keeps the cache in a folder of the OS temporary folder that the user owns",
    () => {
      const dist = install("read-only");
      const temp = join(scratch, "tmp-nobody");
      mkdirSync(temp, { mode: 0o1777 });
      chmodSync(temp, 0o1777);
      const own = join(temp, `mltest-${NOBODY}`, launcher.codeCacheName());
      expect(run(join(dist, "mltest.cjs"), SCORE, { uid: NOBODY, env: { TMPDIR: temp } })).toEqual(reference);
      expect(existsSync(join(dist, ".cache"))).toBe(false);
      expect(existsSync(own)).toBe(true);
      expect(lstatSync(join(temp, `mltest-${NOBODY}`))).toMatchObject({ uid: NOBODY });
    },
  );

  it.runIf(isRoot)("never runs a cache planted in a temporary folder another user made or others may write in", () => {
    // The attack: V8 checks only a cache's source length, so a cache compiled from a core.cjs of the
    // same length with other code runs that code. This one prints another version.
    const dist = install("planted");
    const source = readFileSync(join(dist, "core.cjs"), "utf8");
    const forged = source.replace(`version:"${pkg.version}"`, `version:"${"X".repeat(pkg.version.length)}"`);
    expect(forged).not.toBe(source);
    const cache = new Script(Module.wrap(forged), { filename: join(dist, "core.cjs") }).createCachedData();
    const temp = join(scratch, "tmp-planted");
    const folder = join(temp, `mltest-${NOBODY}`);
    mkdirSync(folder, { recursive: true });
    chmodSync(temp, 0o1777);
    writeFileSync(join(folder, launcher.codeCacheName()), cache);
    const version = () => run(join(dist, "mltest.cjs"), ["--version"], { uid: NOBODY, env: { TMPDIR: temp } });
    // Made by root, as an attacker's folder would be made by the attacker; then the user's own, but open to others.
    expect(version()).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    chownSync(folder, NOBODY, NOBODY);
    chmodSync(folder, 0o777);
    expect(version()).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
    // Control: in a folder that is the user's alone, the same cache is taken, and runs the forged code.
    chmodSync(folder, 0o700);
    expect(version().stdout).toBe(`${"X".repeat(pkg.version.length)}\n`);
  });

  it("writes no cache after --help, --version or a usage error, which compile little more than the top level", () => {
    const dist = install("help-first");
    for (const args of [["--help"], ["--version"], ["scroe"], ["score", "--no-such-flag"]]) run(join(dist, "mltest.cjs"), args);
    expect(existsSync(join(dist, ".cache", launcher.codeCacheName()))).toBe(false);
    expect(run(join(dist, "mltest.cjs"), SCORE)).toEqual(reference);
    expect(existsSync(join(dist, ".cache", launcher.codeCacheName()))).toBe(true);
  });

  it("writes nothing in the project it scores or the working directory", () => {
    const dist = install("confined");
    const project = join(scratch, "project");
    cpSync(join(ROOT, "examples/fraud-scoring"), project, { recursive: true });
    const before = readdirSync(project, { recursive: true }).sort();
    const r = spawnSync(join(dist, "mltest.cjs"), ["score", ".", "--as-of", "2026-11-28", "--no-color"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(readdirSync(project, { recursive: true }).sort()).toEqual(before);
  });

  it("runs through a symbolic link, as node_modules/.bin/mltest is one, and under NODE_OPTIONS", () => {
    const link = join(scratch, "mltest-link");
    symlinkSync(BIN, link);
    expect(run(link, SCORE)).toEqual(reference);
    expect(run(BIN, SCORE, { env: { NODE_OPTIONS: "--max-old-space-size=512" } })).toEqual(reference);
  });
});
