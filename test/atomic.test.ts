// Nothing lost: every file mltest writes (init, --output, --report, the --update-baseline
// baseline, badge --output) goes through writeFileAtomic (src/write.ts): a temporary file beside
// the target, then link() (never replaces) or, with --force, rename(). So an existing file is never
// replaced without --force, no temporary file survives a finished run, and a run killed at any
// moment leaves the target either as it was or complete.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, watch, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { UsageError } from "../src/util/errors.js";
import { writeFileAtomic } from "../src/util/write.js";
import { BIN, caseFolders, environment, mltest, ROOT, type Run } from "./run.js";

// The real node:fs, with the calls writeFileAtomic makes wrapped so that a test can make one fail.
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    mkdirSync: vi.fn(actual.mkdirSync),
    openSync: vi.fn(actual.openSync),
    writeSync: vi.fn(actual.writeSync),
    fsyncSync: vi.fn(actual.fsyncSync),
    linkSync: vi.fn(actual.linkSync),
    renameSync: vi.fn(actual.renameSync),
  };
});

const AS_OF = "2026-03-01";
const BASIC = join(ROOT, "test/fixtures/custom/basic");

const tempDir = caseFolders("mltest-atomic-");

/** writeFileAtomic's temporary files: .NAME.PID.HEX.tmp beside the target. */
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;
const temps = (dir: string) => readdirSync(dir).filter((f) => TEMP.test(f));

/** A usage error: exit 2, one message, no stack trace, nothing on stdout. */
function expectRefusal(r: Run, message: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toContain("    at ");
  expect(r.stderr).not.toContain("internal error");
}

const OLD = "old content: must survive\n";

// ---------------------------------------------------------------------------------------------
// (a) and (b): refusal without --force, replacement with it, and no temporary file either way

describe("every writer of a generated file replaces it on a rerun, atomically, and leaves no temporary file", () => {
  /** Each writer, as a command line writing `target`. */
  const writers: { name: string; args: (target: string) => string[]; check: (text: string) => void }[] = [
    {
      name: "score --output",
      args: (t) => ["score", BASIC, "--format", "json", "--output", t, "--as-of", AS_OF],
      check: (s) => expect(JSON.parse(s)).toHaveProperty("schemaVersion", 2),
    },
    {
      name: "score --report",
      args: (t) => ["score", BASIC, "--report", `html=${t}`, "--as-of", AS_OF],
      check: (s) => expect(s).toMatch(/^<!doctype html>/i),
    },
    { name: "badge --output", args: (t) => ["badge", BASIC, "--output", t, "--as-of", AS_OF], check: (s) => expect(s).toMatch(/^<svg /) },
    {
      name: "checklist --output",
      args: (t) => ["checklist", BASIC, "--output", t, "--as-of", AS_OF],
      check: (s) => expect(s).toContain("- ["),
    },
    {
      name: "score --recursive --output",
      args: (t) => ["score", "test/fixtures/custom", "--recursive", "--format", "json", "--output", t, "--as-of", AS_OF],
      check: (s) => expect(() => JSON.parse(s)).not.toThrow(),
    },
  ];

  for (const writer of writers) {
    it(`${writer.name}: writes a new file, replaces it on a rerun, and still accepts --force`, () => {
      const dir = tempDir();
      const target = join(dir, "out", "report.file");
      const fresh = mltest(...writer.args(target));
      expect(fresh.status, fresh.stderr).not.toBe(2);
      writer.check(readFileSync(target, "utf8"));
      expect(temps(dirname(target))).toEqual([]);

      // A workspace that is not wiped between runs: the rerun replaces its own output.
      writeFileSync(target, OLD);
      const rerun = mltest(...writer.args(target));
      expect(rerun.status, rerun.stderr).not.toBe(2);
      expect(rerun.stderr).not.toContain("already exists");
      writer.check(readFileSync(target, "utf8"));
      expect(temps(dirname(target))).toEqual([]);

      const forced = mltest(...writer.args(target), "--force");
      expect(forced.status, forced.stderr).not.toBe(2);
      writer.check(readFileSync(target, "utf8"));
      expect(temps(dirname(target))).toEqual([]);
    });
  }

  it("score replaces every report of a rerun, and still refuses a target that is not a regular file", () => {
    const dir = tempDir({ "taken.md": OLD });
    mkdirSync(join(dir, "folder.html"));
    const r = mltest(
      "score",
      BASIC,
      "--output",
      join(dir, "out.json"),
      "--format",
      "json",
      "--report",
      `markdown=${join(dir, "taken.md")}`,
      "--as-of",
      AS_OF,
    );
    expect(r.status, r.stderr).not.toBe(2);
    expect(readFileSync(join(dir, "taken.md"), "utf8")).not.toBe(OLD);
    const folder = mltest("score", BASIC, "--report", `html=${join(dir, "folder.html")}`, "--as-of", AS_OF);
    expect(folder.status).toBe(2);
    expect(folder.stderr).not.toContain("    at ");
  });

  it("init: refuses an existing mltest.yaml, replaces it with --force keeping a backup, merges with --merge", () => {
    // A repository where detection finds evidence, so that --merge has something to add.
    const dir = tempDir();
    cpSync(join(ROOT, "test/fixtures/repos/sklearn-mlflow-service"), dir, { recursive: true });
    const original = "# mine\ntests:\n  data-1:\n    status: none\n";
    const file = join(dir, "mltest.yaml");
    writeFileSync(file, original);
    const listing = readdirSync(dir).sort();

    expectRefusal(mltest("init", dir), /already exists; use --merge .* or --force/);
    expect(readFileSync(file, "utf8")).toBe(original);
    expect(readdirSync(dir).sort()).toEqual(listing);

    // --merge rewrites the file in place, explicitly: through a new file renamed over it.
    const inode = statSync(file).ino;
    const merged = mltest("init", dir, "--merge");
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/added [1-9]\d* tests/);
    const afterMerge = readFileSync(file, "utf8");
    expect(afterMerge.startsWith("# mine\n")).toBe(true);
    expect(afterMerge.length).toBeGreaterThan(original.length);
    expect(statSync(file).ino).not.toBe(inode);
    expect(temps(dir)).toEqual([]);

    const forced = mltest("init", dir, "--force");
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(join(dir, "mltest.yaml.bak"), "utf8")).toBe(afterMerge);
    expect(readFileSync(file, "utf8")).toContain("Written by mltest init");
    expect(temps(dir)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual([...listing, "mltest.yaml.bak"].sort());

    const fresh = tempDir();
    expect(mltest("init", fresh).status).toBe(0);
    expect(readdirSync(fresh)).toEqual(["mltest.yaml"]);
  });

  it("--update-baseline replaces the baseline only when nothing regressed, and never leaves a temporary file", () => {
    const good =
      "tests:\n  data-1:\n    status: manual\n    verified: 2026-02-01\n    evidence:\n      - url: https://example.com/review\n";
    const project = tempDir({ "mltest.yaml": good });
    const dir = tempDir();
    const baseline = join(dir, "baseline.json");

    // No baseline yet: --update-baseline writes the first one.
    const first = mltest("score", project, "--baseline", baseline, "--update-baseline", "--as-of", AS_OF);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toContain(`baseline ${baseline} updated`);
    const written = readFileSync(baseline, "utf8");
    expect(JSON.parse(written)).toHaveProperty("schemaVersion", 2);

    // A regression: the baseline is kept byte for byte, and the gate fails.
    writeFileSync(join(project, "mltest.yaml"), "tests:\n  data-1:\n    status: none\n");
    const regressed = mltest("score", project, "--baseline", baseline, "--update-baseline", "--as-of", AS_OF);
    expect(regressed.status, regressed.stderr).toBe(1);
    expect(regressed.stderr).toContain("kept");
    expect(readFileSync(baseline, "utf8")).toBe(written);
    expect(temps(dir)).toEqual([]);

    // An improvement: replaced without --force, explicitly.
    writeFileSync(
      join(project, "mltest.yaml"),
      `${good}  data-2:\n    status: manual\n    verified: 2026-02-01\n    evidence:\n      - url: https://example.com/review\n`,
    );
    const improved = mltest("score", project, "--baseline", baseline, "--update-baseline", "--as-of", AS_OF);
    expect(improved.status, improved.stderr).toBe(0);
    const replaced = readFileSync(baseline, "utf8");
    expect(replaced).not.toBe(written);
    expect((JSON.parse(replaced) as { sections: { id: string; score: number }[] }).sections.find((s) => s.id === "data")!.score).toBe(1);
    expect(temps(dir)).toEqual([]);
  });

  // Regression: writeFileAtomic calls mkdirSync and openSync outside its try, and callers do not catch
  // them, so a target that cannot be created is an internal error with a stack trace instead of a
  // usage error. Input: `mltest badge test/fixtures/custom/basic --output <file>/badge.svg`
  // where <file> is a regular file (also `--output /proc/x.json`, `--output /dev/null/x`).
  // Expected: exit 2, "mltest: cannot write …/badge.svg: ENOTDIR …". Actual: exit 2 with
  // "mltest: internal error; please report it …" and "Error: EEXIST: file already exists, mkdir …"
  // plus a stack trace.
  it("a target whose folder cannot be created is a usage error, not an internal error", () => {
    const dir = tempDir({ "file.txt": OLD });
    const r = mltest("badge", BASIC, "--output", join(dir, "file.txt", "badge.svg"), "--as-of", AS_OF);
    expectRefusal(r, /cannot write/);
  });
});

// ---------------------------------------------------------------------------------------------
// (c) Killed at any moment: the target is the old file or the complete new one

describe("a run killed while writing", () => {
  let project: string;
  let reference: string;
  beforeAll(() => {
    // 28 tests × 1,000 URL pointers: ~800 kB of evidence, ~7 MB of JSON report, so that the write
    // itself takes tens of milliseconds.
    const tests = ["data", "model", "infra", "monitor"]
      .flatMap((s) => [1, 2, 3, 4, 5, 6, 7].map((i) => `${s}-${i}`))
      .map(
        (id) =>
          `  ${id}:\n    status: automated\n    evidence:\n${Array.from({ length: 1_000 }, (_, k) => `      - url: https://e.x/${k}\n`).join("")}`,
      );
    project = tempDir({ "mltest.yaml": `tests:\n${tests.join("")}` });
    const target = join(tempDir(), "reference.json");
    const r = mltest("score", project, "--format", "json", "--output", target, "--as-of", AS_OF);
    expect(r.status, r.stderr).toBe(0);
    reference = readFileSync(target, "utf8");
    expect(reference.length).toBeGreaterThan(4_000_000);
  });

  interface Kill {
    /** What the target held after the kill. */
    outcome: "old" | "new" | "absent";
    /** A temporary file was left behind: the kill came between open() and rename()/link(). */
    strayTemp: boolean;
  }

  /**
   * Runs score --format json --output target (with --force when the target exists), and kills it
   * with SIGKILL `delay` ms after it starts, or `delay` ms after its temporary file appears.
   */
  function killed(when: { afterStart: number } | { afterTemp: number }, existing: boolean): Promise<Kill> {
    const dir = tempDir();
    const target = join(dir, "report.json");
    if (existing) writeFileSync(target, OLD);
    return new Promise((resolve, reject) => {
      const args = [BIN, "score", project, "--format", "json", "--output", target, "--as-of", AS_OF, ...(existing ? ["--force"] : [])];
      const child = spawn(process.execPath, args, { cwd: ROOT, stdio: "ignore", env: environment() });
      const kill = (delay: number) => setTimeout(() => child.kill("SIGKILL"), delay);
      let watcher: fs.FSWatcher | undefined;
      if ("afterStart" in when) kill(when.afterStart);
      else {
        let armed = false;
        const arm = (name: string | null) => {
          if (armed || !name || !TEMP.test(name)) return;
          armed = true;
          kill(when.afterTemp);
        };
        watcher = watch(dir, (_event, name) => arm(name));
        // A fallback, should the watcher miss the event: poll every few milliseconds.
        const poll = setInterval(() => temps(dir).forEach(arm), 3);
        child.on("close", () => clearInterval(poll));
      }
      child.on("error", reject);
      child.on("close", () => {
        watcher?.close();
        const outcome = !existsSync(target) ? "absent" : readFileSync(target, "utf8") === OLD ? "old" : "new";
        if (outcome === "new") {
          // Complete, or the test fails: byte-identical to an uninterrupted run.
          const text = readFileSync(target, "utf8");
          expect(text.length, "the target is complete, never partial").toBe(reference.length);
          expect(text === reference, "the target is the complete new report").toBe(true);
        }
        const stray = temps(dir);
        for (const name of stray) expect(name.startsWith(`.${basename(target)}.`)).toBe(true);
        resolve({ outcome, strayTemp: stray.length > 0 });
      });
    });
  }

  it("over an existing file (--force, rename): the old file byte for byte, or the complete new one", { timeout: 60_000 }, async () => {
    const early = await Promise.all([5, 20, 50, 150].map((ms) => killed({ afterStart: ms }, true)));
    for (const k of early) expect(k.outcome).toBe("old");
    const during: Kill[] = [];
    for (const pair of [
      [0, 10],
      [25, 45],
    ])
      during.push(...(await Promise.all(pair.map((ms) => killed({ afterTemp: ms }, true)))));
    for (const k of during) expect(["old", "new"]).toContain(k.outcome);
    // At least one kill landed inside the write, between creating the temporary file and the rename.
    expect(during.some((k) => k.strayTemp && k.outcome === "old")).toBe(true);
  });

  it("to a new file (link): no file, or the complete new one", { timeout: 60_000 }, async () => {
    const kills = await Promise.all([0, 30].map((ms) => killed({ afterTemp: ms }, false)));
    for (const k of kills) expect(["absent", "new"]).toContain(k.outcome);
    expect(kills.some((k) => k.strayTemp && k.outcome === "absent")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// writeFileAtomic in-process, with the file system made to fail at each step

describe("writeFileAtomic when a step fails", () => {
  const mocked = vi.mocked(fs);
  afterEach(() => {
    for (const fn of [mocked.mkdirSync, mocked.openSync, mocked.writeSync, mocked.fsyncSync, mocked.linkSync, mocked.renameSync])
      fn.mockClear();
  });
  const failure = (code: string) => () => {
    throw Object.assign(new Error(`${code}: simulated failure`), { code });
  };
  /** A folder holding `target` with OLD in it (or nothing). */
  function setUp(existing: boolean): { dir: string; target: string } {
    const dir = tempDir();
    const target = join(dir, "report.json");
    if (existing) writeFileSync(target, OLD);
    return { dir, target };
  }

  it("writes, refuses without force, replaces with force, and leaves only the target", () => {
    const { dir, target } = setUp(false);
    writeFileAtomic(target, "first\n", { roots: [] });
    expect(readFileSync(target, "utf8")).toBe("first\n");
    expect(() => writeFileAtomic(target, "second\n", { roots: [] })).toThrow(UsageError);
    expect(() => writeFileAtomic(target, "second\n", { roots: [] })).toThrow(/already exists; pass --force/);
    expect(readFileSync(target, "utf8")).toBe("first\n");
    writeFileAtomic(target, "third\n", { force: true, roots: [] });
    expect(readFileSync(target, "utf8")).toBe("third\n");
    expect(readdirSync(dir)).toEqual(["report.json"]);
    // The content reached the disk through a temporary file beside the target, then a link or a
    // rename; the two refusals came before anything was written.
    expect(mocked.linkSync).toHaveBeenCalledTimes(1);
    expect(mocked.renameSync).toHaveBeenCalledTimes(1);
    expect(mocked.fsyncSync).toHaveBeenCalledTimes(2);
    const [from, to] = mocked.renameSync.mock.calls[0]!;
    expect(dirname(String(from))).toBe(dir);
    expect(basename(String(from))).toMatch(TEMP);
    expect(to).toBe(target);
  });

  it.each(["EXDEV", "EACCES", "EIO"])(
    "rename() failing with %s: a usage error, the old file intact, the temporary file removed",
    (code) => {
      const { dir, target } = setUp(true);
      mocked.renameSync.mockImplementationOnce(failure(code));
      expect(() => writeFileAtomic(target, "new\n", { force: true, roots: [] })).toThrow(UsageError);
      expect(readFileSync(target, "utf8")).toBe(OLD);
      expect(readdirSync(dir)).toEqual(["report.json"]);
    },
  );

  it.each(["EPERM", "EACCES", "EIO"])("link() failing with %s: a usage error, no target, the temporary file removed", (code) => {
    // EPERM is what a file system without hard links (FAT, some network mounts) answers.
    const { dir, target } = setUp(false);
    mocked.linkSync.mockImplementationOnce(failure(code));
    expect(() => writeFileAtomic(target, "new\n", { roots: [] })).toThrow(/cannot write .*report\.json/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("link() answering EEXIST (a file appeared meanwhile): refused, that file intact, the temporary file removed", () => {
    const { dir, target } = setUp(true);
    expect(() => writeFileAtomic(target, "new\n", { roots: [] })).toThrow(/already exists; pass --force/);
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });

  // Regression: the write and the flush (writeSync, fsyncSync) sit in a try whose finally only closes
  // the descriptor; the error leaves writeFileAtomic before the second try, whose finally removes
  // the temporary file. So a full disk (ENOSPC) or an I/O error leaves ".report.json.PID.HEX.tmp"
  // beside the target, and the raw error reaches the CLI as an internal error with a stack trace.
  // Expected: UsageError "cannot write …: ENOSPC …", the old file intact, no temporary file.
  // Actual: Error "ENOSPC: simulated failure" and the partial temporary file left behind.
  it.each([
    ["writeSync", "ENOSPC"],
    ["fsyncSync", "EIO"],
  ] as const)("%s failing with %s: a usage error, the old file intact, the temporary file removed", (step, code) => {
    const { dir, target } = setUp(true);
    mocked[step].mockImplementationOnce(failure(code));
    let thrown: unknown;
    try {
      writeFileAtomic(target, "new\n", { force: true, roots: [] });
    } catch (err) {
      thrown = err;
    }
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.json"]);
    expect(thrown).toBeInstanceOf(UsageError);
  });

  // Regression: the same for the steps before the temporary file exists: mkdirSync and openSync errors
  // (a read-only or full folder, a parent that is a file) escape as raw errors, which the CLI
  // reports as an internal error with a stack trace (see "a target whose folder cannot be created"
  // above). Expected: UsageError "cannot write …". Actual: the raw Error.
  it.each([
    ["mkdirSync", "ENOTDIR"],
    ["openSync", "EACCES"],
  ] as const)("%s failing with %s: a usage error", (step, code) => {
    const { dir, target } = setUp(true);
    mocked[step].mockImplementationOnce(failure(code));
    expect(() => writeFileAtomic(target, "new\n", { force: true, roots: [] })).toThrow(UsageError);
    expect(readFileSync(target, "utf8")).toBe(OLD);
    expect(readdirSync(dir)).toEqual(["report.json"]);
  });
});
