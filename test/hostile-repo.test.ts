// A repository as an attacker would commit it (issue 13). mltest runs in CI on pull requests, so
// every file in the project, and every link, is hostile: these cases are what a pull request
// tried against mltest, each with what must hold now.
//
// Each run is the built CLI in its own process with a 256 MB heap, watched by test/measure.cjs:
// a case is bounded by the work it allows (bytes read, peak memory), and the timeout is only a
// guard. Times are for `npm run bench`, never asserted here.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Report } from "../src/schema/report.js";
import { caseFolders, type Measured, mltestWatched } from "./run.js";

const AS_OF = "2026-03-01";
const MIB = 1024 * 1024;
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const make = caseFolders("mltest-repo-");

/** A valid evidence file whose data-1 claim rests on `pointer` (YAML, one flow mapping). */
const claiming = (pointer: string, status = "automated") => `tests:\n  data-1:\n    status: ${status}\n    evidence:\n      - ${pointer}\n`;
const PLAIN = "project: plain\ntests:\n  data-1:\n    status: none\n";

function expectSettled(r: Measured): void {
  expect(r.timedOut, "still running at the guard timeout").toBe(false);
  expect(r.signal, "killed by a signal (out of memory?)").toBe(null);
  expect(r.stderr).not.toContain("internal error");
  expect(r.stderr).not.toMatch(/\n\s+at |FATAL ERROR|heap out of memory/);
}

/** Settled, within `bytes` read and `mb` of peak memory. */
function expectBounded(r: Measured, { bytes, mb = 200 }: { bytes: number; mb?: number }): void {
  expectSettled(r);
  expect(r.work, "the run's measurements").toBeDefined();
  expect(r.work!.bytesRead, "bytes read").toBeLessThanOrEqual(bytes);
  expect(r.work!.peakMB, "peak memory, MB").toBeLessThanOrEqual(mb);
}

/** A clean refusal: exit 2, one located or whole-file message per line, nothing on stdout. */
function expectRefused(r: Measured, says: RegExp): void {
  expectSettled(r);
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(says);
}

const findingOf = (r: Measured, id = "data-1") => {
  const report = JSON.parse(r.stdout) as Report;
  return report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!.verification!.findings[0]!;
};

/** Everything below `dir`, as relative paths. */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

// -----------------------------------------------------------------------------------------------
// Writes never leave the project

describe.concurrent("writes stay inside the working directory and the project", { timeout: 90_000 }, () => {
  it("--record refuses a committed .mltest link to a folder elsewhere", async () => {
    const root = make({ "p/mltest.yaml": PLAIN, "outside/.keep": "" });
    symlinkSync("../outside", join(root, "p/.mltest"));
    const r = await mltestWatched(["score", "p", "--record", "--as-of", AS_OF], { cwd: root });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^mltest: cannot write p\/\.mltest\/history\.jsonl: p\/\.mltest is a symbolic link/);
    expect(listing(join(root, "outside"))).toEqual([".keep"]);
  });

  it("--record refuses a committed history.jsonl link to a file elsewhere (a shell start-up file, say)", async () => {
    const root = make({ "p/mltest.yaml": PLAIN, "p/.mltest/.keep": "", "outside/profile": "# a shell start-up file\n" });
    symlinkSync("../../outside/profile", join(root, "p/.mltest/history.jsonl"));
    const r = await mltestWatched(["score", "p", "--record", "--as-of", AS_OF], { cwd: root });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/history\.jsonl: it is a symbolic link, and mltest writes only to regular files/);
    expect(readFileSync(join(root, "outside/profile"), "utf8")).toBe("# a shell start-up file\n");
  });

  it.each([
    ["score --report", ["score", ".", "--report", "junit=reports/x.xml"]],
    ["score -o", ["score", ".", "-o", "reports/x.txt"]],
    ["score --update-baseline", ["score", ".", "--baseline", "reports/base.json", "--update-baseline"]],
    ["badge -o", ["badge", ".", "-o", "reports/badge.svg"]],
    ["checklist -o", ["checklist", ".", "-o", "reports/review.md"]],
  ])("%s refuses a committed reports/ link that leads out", async (_, args) => {
    const root = make({ "p/mltest.yaml": PLAIN, "outside/.keep": "" });
    symlinkSync("../outside", join(root, "p/reports"));
    const r = await mltestWatched([...args, "--as-of", AS_OF, "--force"], { cwd: join(root, "p") });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/cannot write reports\/[\w.]+: reports is a symbolic link, and mltest never writes through one/);
    expect(listing(join(root, "outside"))).toEqual([".keep"]);
  });

  it("init --force refuses a mltest.yaml that is a link, and keeps no backup of what it leads to", async () => {
    const root = make({ "p/.keep": "", "outside/secret.yaml": "project: SECRET\ntests: {}\n" });
    symlinkSync("../outside/secret.yaml", join(root, "p/mltest.yaml"));
    const r = await mltestWatched(["init", "p", "--force"], { cwd: root });
    expect(r.status, r.stderr).toBe(2);
    expect(listing(join(root, "p"))).toEqual([".keep", "mltest.yaml"]);
    expect(readFileSync(join(root, "outside/secret.yaml"), "utf8")).toBe("project: SECRET\ntests: {}\n");
  });
});

// -----------------------------------------------------------------------------------------------
// Bounded work and memory for any input

/** A project whose data-1 claim is `ci: FILE#job` (runs: pytest) over `files`. */
function ciProject(file: string, content: string, extra: Record<string, string> = {}): string {
  return make({ "mltest.yaml": claiming(`{ ci: "${file}#job", runs: pytest }`), [file]: content, ...extra });
}

describe.concurrent("bounded work and memory", { timeout: 120_000 }, () => {
  it("GitLab extends: templates that name each other over and over are merged once each", async () => {
    // 140 bytes; before, each entry multiplied the work (25 s at this size, minutes at the next).
    const names = [".a", ".b", ".c"];
    const templates = names.map((n) => `${n}: {extends: [${[...names, ...names, ...names].join(", ")}], script: [${n.slice(1)}]}`);
    const gitlab = `${templates.join("\n")}\njob: {extends: [.a, .b, .c, .a, .b, .c], script: [pytest]}\n`;
    const r = await mltestWatched(["score", ciProject(".gitlab-ci.yml", gitlab), "--format", "json", "--as-of", AS_OF]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(findingOf(r)).toMatchObject({ result: "ok" });
  });

  it("GitLab !reference fan-out: each list is walked once, each line kept once", async () => {
    // Five levels, each referring to the one below 30 times: 30^5 lines before (1.4 GB from 3.3 KB).
    const levels = ["'.l0': {script: [echo 0]}"];
    for (let i = 1; i <= 5; i++)
      levels.push(
        `'.l${i}': {script: [${Array(30)
          .fill(`!reference ['.l${i - 1}', script]`)
          .join(", ")}, echo ${i}]}`,
      );
    const gitlab = `${levels.join("\n")}\njob: {script: [!reference ['.l5', script], pytest]}\n`;
    const r = await mltestWatched([
      "score",
      ciProject(".gitlab-ci.yml", gitlab, { "mltest.yaml": claiming('{ ci: ".gitlab-ci.yml#job", runs: "echo 0" }') }),
      "--format",
      "json",
      "--as-of",
      AS_OF,
    ]);
    expectBounded(r, { bytes: 8 * MIB });
    // The innermost level's line is still found, five references down.
    expect(findingOf(r)).toMatchObject({ result: "ok" });
  });

  it.each([
    ["an extglob chain", "*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)*(a/)x"],
    ["a star chain", "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"],
  ])("a path: glob pointer with %s matches in linear time", async (_, glob) => {
    const deep = `${"a/".repeat(30)}y`;
    const dir = make({ "mltest.yaml": claiming(`{ path: "${glob}" }`, "manual"), [deep]: "", ["a".repeat(60)]: "" });
    const r = await mltestWatched(["score", dir, "--format", "json", "--as-of", AS_OF]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(findingOf(r)).toMatchObject({ result: "broken", message: "matches no file" });
  });

  it("the built-in rubric's own patterns search a file of blank lines in linear time", async () => {
    // "^\s*import pandera" in V8 took quadratic time here: 64 KiB of blank lines, 1.2 s; 1 MiB, minutes.
    const dir = make({ "mltest.yaml": PLAIN, "blank.py": " \n".repeat(MIB / 2 - 1) });
    const r = await mltestWatched(["detect", dir]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(r.status, r.stderr).toBe(0);
  });

  it("a .gitignore rule that backtracks catastrophically in V8 is matched in linear time", async () => {
    const dir = make({
      "mltest.yaml": PLAIN,
      ".gitignore": "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\na/**/**/**/**/**/**/**/**/**/b\n",
      ["a".repeat(60)]: "",
      [`${"a/".repeat(30)}c.py`]: "",
    });
    const r = await mltestWatched(["detect", dir]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(r.status, r.stderr).toBe(0);
  });

  it.skipIf(!existsSync("/proc/self/pagemap"))("a mltest.yaml linked to /proc/self/pagemap is refused, not read", async () => {
    const dir = make();
    symlinkSync("/proc/self/pagemap", join(dir, "mltest.yaml"));
    const r = await mltestWatched(["score", dir, "--as-of", AS_OF]);
    expectRefused(r, /mltest\.yaml: a symbolic link that leads outside the project/);
    expectBounded(r, { bytes: 8 * MIB });
  });

  it.skipIf(!existsSync("/proc/self/pagemap"))(
    "/proc/self/pagemap named on the command line is read only to the limit (its size says 0)",
    async () => {
      const r = await mltestWatched(["score", make(), "--evidence", "/proc/self/pagemap", "--as-of", AS_OF]);
      expectRefused(r, /^mltest: \/proc\/self\/pagemap: evidence file is larger than the limit of 1048576 bytes/);
      expectBounded(r, { bytes: 8 * MIB });
    },
  );

  it.skipIf(!existsSync("/proc/self/pagemap"))("rubric: naming a link to /proc/self/pagemap is refused at the key", async () => {
    const dir = make({ "mltest.yaml": "rubric: r.yaml\ntests: {}\n" });
    symlinkSync("/proc/self/pagemap", join(dir, "r.yaml"));
    const r = await mltestWatched(["score", dir, "--as-of", AS_OF]);
    expectRefused(r, /mltest\.yaml:1:1 rubric: the rubric "r\.yaml" lies outside the project and the working directory/);
    expectBounded(r, { bytes: 8 * MIB });
  });

  /** A repository rubric that extends the built-in one with a detector of its own on data-1. */
  const rubricWith = (detector: string) =>
    `id: repo\ntitle: Repo\nversion: "1"\nextends: ml-test-score-2017\ntests:\n  data-1:\n    detect:\n      - ${detector}\n`;

  it("a repository rubric's catastrophic contains: pattern runs in linear time in detect and init", async () => {
    const dir = make({
      "mltest.yaml": "rubric: rubric.yaml\ntests: {}\n",
      "rubric.yaml": rubricWith(`{ what: nested, status: manual, files: ["**/*.py"], contains: "^(a+)+$" }`),
      "x.py": `${"a".repeat(40)}!\n`,
    });
    for (const command of ["detect", "init"]) {
      const r = await mltestWatched([command, dir, ...(command === "init" ? ["--dry-run"] : [])]);
      expectBounded(r, { bytes: 8 * MIB });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it("a repository rubric's star-chain glob runs in linear time", async () => {
    const dir = make({
      "mltest.yaml": "rubric: rubric.yaml\ntests: {}\n",
      "rubric.yaml": rubricWith(`{ what: stars, status: manual, files: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"] }`),
      ["a".repeat(60)]: "",
    });
    const r = await mltestWatched(["detect", dir]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(r.status, r.stderr).toBe(0);
  });

  it("a repository rubric pattern that only a backtracking engine can run is refused, located", async () => {
    const dir = make({
      "mltest.yaml": "rubric: rubric.yaml\ntests: {}\n",
      "rubric.yaml": rubricWith(`{ what: look-ahead, status: manual, files: ["**/*.py"], contains: "(?=import)imp" }`),
    });
    const r = await mltestWatched(["detect", dir]);
    expectRefused(r, /rubric\.yaml:8:\d+ tests\.data-1\.detect\.0\.contains: a regular expression mltest cannot run in linear time/);
  });

  it("detect over 300 files of 1 MiB keeps flat memory and reports its read budget", async () => {
    // Hard links of one file: 300 MiB to read, 1 MiB on disk. Before, detect kept every file's text
    // and died out of memory (exit 134).
    const dir = make({ "mltest.yaml": PLAIN, "src/a000.py": `${"x = 1  # padding\n".repeat(Math.floor((MIB - 1) / 18))}` });
    for (let i = 1; i < 300; i++) linkSync(join(dir, "src/a000.py"), join(dir, `src/a${String(i).padStart(3, "0")}.py`));
    const r = await mltestWatched(["detect", dir, "--format", "json"]);
    expectBounded(r, { bytes: 260 * MIB, mb: 250 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { truncated: boolean; limits?: string[] };
    expect(report.truncated).toBe(true);
    expect(report.limits).toContain("mltest's read budget for one project was spent; later files were not searched");
  });

  it("a 10 MiB workflow is refused before parsing; hard links to one workflow are read once", async () => {
    const jobs = Array.from(
      { length: 9_000 },
      (_, i) => `  job${i}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/t${i}.py\n`,
    );
    const workflow = `on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n${jobs.join("")}`;
    expect(workflow.length).toBeGreaterThan(0.5 * MIB);
    expect(workflow.length).toBeLessThan(MIB);
    const dir = make({
      ".github/workflows/ci.yml": workflow,
      ".github/workflows/huge.yml": `${workflow}#${"x".repeat(10 * MIB)}\n`,
      "mltest.yaml": `tests:\n${["data-1", "data-2", "data-3", "data-4", "data-5", "data-6", "data-7"]
        .map((id, i) => `  ${id}:\n    status: automated\n    evidence:\n      - ci: .github/workflows/w${i}.yml#job\n`)
        .join("")}  model-1:\n    status: automated\n    evidence:\n      - ci: .github/workflows/huge.yml#job\n`,
    });
    for (let i = 0; i < 7; i++) linkSync(join(dir, ".github/workflows/ci.yml"), join(dir, `.github/workflows/w${i}.yml`));
    const r = await mltestWatched(["score", dir, "--format", "json", "--as-of", AS_OF]);
    // One read of the workflow (< 1 MiB) and of mltest itself, not seven; the 10 MiB file only up to its limit.
    expectBounded(r, { bytes: 6 * MIB });
    expect(findingOf(r)).toMatchObject({ result: "ok" });
    expect(findingOf(r, "model-1")).toMatchObject({ result: "broken", message: expect.stringMatching(/^too large: \d+ bytes/) });
  });

  it("a workflow of 80,000 keys in one map, under the 1 MiB limit, is read in linear time", async () => {
    // yaml's own duplicate-key check is quadratic in a map's size (about a minute and a half for
    // this file), so src/verify/ci/read-yaml.ts turns it off and runs load/yaml.ts's linear one: ~2 s.
    let workflow = "on: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\nenv:\n";
    for (let i = 0; workflow.length < 0.95 * MIB; i++) workflow += `  k${i}: 1\n`;
    const dir = ciProject(".github/workflows/ci.yml", workflow);
    const r = await mltestWatched(["score", dir, "--format", "json", "--as-of", AS_OF], { timeout: 30_000 });
    expectBounded(r, { bytes: 4 * MIB, mb: 400 });
    expect(findingOf(r)).toMatchObject({ result: "ok" });
  });

  it("a JUnit report nested more than 20 suites deep is refused, not read as passing", async () => {
    const failing = '<testcase classname="t" name="fails"><failure message="no"/></testcase>';
    const deep = `${'<testsuite name="s">'.repeat(25)}${failing}${"</testsuite>".repeat(25)}`;
    const xml = `<?xml version="1.0"?>\n<testsuites timestamp="2026-02-28T00:00:00">${'<testsuite name="top"><testcase classname="t" name="passes"/>'}${deep}</testsuite></testsuites>\n`;
    const dir = make({ "mltest.yaml": claiming("{ report: reports/junit.xml }"), "reports/junit.xml": xml });
    const r = await mltestWatched(["score", dir, "--format", "json", "--as-of", AS_OF]);
    expectSettled(r);
    expect(findingOf(r)).toMatchObject({ result: "broken", message: "test suites nest more than 20 deep, which mltest does not read" });
  });
});

// -----------------------------------------------------------------------------------------------
// Special files and odd states

describe.concurrent("special files and odd states", { timeout: 60_000 }, () => {
  it.skipIf(!isRoot)("-o --force never replaces a device: inside the project refused, outside written into", async () => {
    const dir = make({ "mltest.yaml": PLAIN });
    execFileSync("mknod", [join(dir, "null"), "c", "1", "3"]);
    const inside = await mltestWatched(["score", ".", "-o", "null", "--force", "--as-of", AS_OF], { cwd: dir });
    expectRefused(inside, /cannot write null: it is a device, and mltest writes only to regular files/);
    const outsideDir = make();
    execFileSync("mknod", [join(outsideDir, "null"), "c", "1", "3"]);
    const outside = await mltestWatched(["score", ".", "-o", join(outsideDir, "null"), "--force", "--as-of", AS_OF], { cwd: dir });
    expectSettled(outside);
    expect(outside.status, outside.stderr).toBe(0);
    for (const device of [join(dir, "null"), join(outsideDir, "null")]) expect(lstatSync(device).isCharacterDevice(), device).toBe(true);
  });

  it("a FIFO where a report goes is refused at once, without waiting for a reader", async () => {
    const dir = make({ "mltest.yaml": PLAIN });
    execFileSync("mkfifo", [join(dir, "out.json")]);
    const r = await mltestWatched(["score", ".", "-o", "out.json", "--force", "--as-of", AS_OF], { cwd: dir, timeout: 20_000 });
    expectRefused(r, /cannot write out\.json: it is a named pipe/);
  });

  it.skipIf(!isRoot)("unreadable files (as a user without permission) are findings and messages, never a stack trace", async () => {
    const gitlab = "job:\n  script: [pytest]\n";
    const junit = '<testsuite timestamp="2026-02-28T00:00:00"><testcase name="t"/></testsuite>\n';
    const dir = make({
      "mltest.yaml": `tests:\n  data-1:\n    status: automated\n    evidence:\n      - ci: .gitlab-ci.yml#job\n  data-2:\n    status: automated\n    evidence:\n      - report: junit.xml\n`,
      ".gitlab-ci.yml": gitlab,
      "junit.xml": junit,
      ".gitignore": "build/\n",
      ".git/HEAD": "ref: refs/heads/main\n",
    });
    chmodSync(make.root, 0o755);
    chmodSync(dir, 0o777); // nobody may write .mltest/ here, so --record gets as far as reading .git
    for (const file of [".gitlab-ci.yml", "junit.xml", ".gitignore", ".git/HEAD"]) chmodSync(join(dir, file), 0o000);
    const score = await mltestWatched(["score", dir, "--format", "json", "--record", "--as-of", AS_OF], { uid: NOBODY });
    expectSettled(score);
    expect(score.status, score.stderr).toBe(0);
    expect(findingOf(score)).toMatchObject({ result: "broken", message: "permission denied" });
    expect(findingOf(score, "data-2")).toMatchObject({ result: "broken", message: "permission denied" });
    expect(readFileSync(join(dir, ".mltest/history.jsonl"), "utf8")).not.toContain('"commit"');
    const detect = await mltestWatched(["detect", dir], { uid: NOBODY });
    expectSettled(detect);
    expect(detect.status, detect.stderr).toBe(0);
    chmodSync(join(dir, "mltest.yaml"), 0o000);
    const unreadable = await mltestWatched(["score", dir, "--as-of", AS_OF], { uid: NOBODY });
    expectRefused(unreadable, /mltest\.yaml: cannot read evidence file: permission denied/);
  });

  it("--record where .mltest is a file, or history.jsonl a folder: a clear message, exit 2", async () => {
    const file = make({ "mltest.yaml": PLAIN, ".mltest": "not a folder\n" });
    expectRefused(
      await mltestWatched(["score", ".", "--record", "--as-of", AS_OF], { cwd: file }),
      /cannot write \.mltest\/history\.jsonl: \.mltest is not a folder/,
    );
    const folder = make({ "mltest.yaml": PLAIN, ".mltest/history.jsonl/.keep": "" });
    expectRefused(await mltestWatched(["score", ".", "--record", "--as-of", AS_OF], { cwd: folder }), /history\.jsonl: it is a folder/);
    const trend = await mltestWatched(["trend", folder]);
    expectSettled(trend);
    expect(trend.stderr).toMatch(/history\.jsonl: cannot read the history: a folder, not a file/);
  });

  it("a history.jsonl that is a FIFO never blocks trend or score", async () => {
    const dir = make({ "mltest.yaml": PLAIN, ".mltest/.keep": "" });
    execFileSync("mkfifo", [join(dir, ".mltest/history.jsonl")]);
    const trend = await mltestWatched(["trend", dir], { timeout: 20_000 });
    expectSettled(trend);
    expect(trend.stderr).toMatch(/cannot read the history: not a regular file/);
    const score = await mltestWatched(["score", dir, "--format", "html", "--as-of", AS_OF], { timeout: 20_000 });
    expectSettled(score);
    expect(score.status, score.stderr).toBe(0);
  });

  it("init --force beside a dangling mltest.yaml.bak link keeps its backup under the next free name", async () => {
    const dir = make({ "mltest.yaml": PLAIN });
    symlinkSync("/nonexistent/elsewhere", join(dir, "mltest.yaml.bak"));
    const r = await mltestWatched(["init", ".", "--force"], { cwd: dir });
    expectSettled(r);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "mltest.yaml.bak.2"), "utf8")).toBe(PLAIN);
    expect(lstatSync(join(dir, "mltest.yaml.bak")).isSymbolicLink()).toBe(true);
  });

  it("six init --force at once: all finish cleanly, each backup under its own name, no temporary file left", async () => {
    // Before, two runs could pick the same backup name, and the second died with a stack trace.
    const dir = make({ "mltest.yaml": PLAIN });
    const runs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => mltestWatched(["init", ".", "--force"], { cwd: dir })));
    for (const r of runs) {
      expectSettled(r);
      expect(r.status, r.stderr).toBe(0);
    }
    const backups = readdirSync(dir).filter((f) => f.startsWith("mltest.yaml.bak"));
    expect(backups).toHaveLength(6);
    expect(backups.some((f) => readFileSync(join(dir, f), "utf8") === PLAIN)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("--record on a full disk adds nothing (no cut line); a cut line left earlier is never glued to", async () => {
    const line = (date: string) =>
      `{"date":"${date}","rubric":{"id":"ml-test-score-2017","version":"2017.1","sha256":"${"0".repeat(64)}"},"sections":{"data":0,"model":0,"infra":0,"monitor":0},"final":0,"max":7,"band":"x","statuses":{}}\n`;
    const full = line("2026-01-01").repeat(3);
    const dir = make({ "mltest.yaml": PLAIN, ".mltest/history.jsonl": full });
    // ulimit -f: the file may not grow past 1 KiB; the write fails part-way (EFBIG), as on a full disk.
    const r = await mltestWatched(["score", ".", "--record", "--as-of", AS_OF], { cwd: dir, shell: "trap '' XFSZ; ulimit -f 1" });
    expectRefused(r, /cannot write \.mltest\/history\.jsonl: the file would be larger than the system allows; nothing was added to it/);
    expect(readFileSync(join(dir, ".mltest/history.jsonl"), "utf8")).toBe(full);
    // A line cut by a crash: the next run starts a line of its own.
    writeFileSync(join(dir, ".mltest/history.jsonl"), line("2026-01-01").slice(0, 40));
    const again = await mltestWatched(["score", ".", "--record", "--as-of", AS_OF], { cwd: dir });
    expect(again.status, again.stderr).toBe(0);
    const lines = readFileSync(join(dir, ".mltest/history.jsonl"), "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toMatchObject({ date: AS_OF });
  });

  it("standard output that cannot be written is one message and exit 2, not a dump of the source", async () => {
    const dir = make({ "mltest.yaml": PLAIN });
    const r = await mltestWatched(["score", dir, "--as-of", AS_OF], { shell: "exec >/dev/full" });
    expectSettled(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("mltest: cannot write the output: no space left on the device\n");
  });

  it("temporary files of a killed run are removed by the next write in the same folder; a live run's are kept", async () => {
    const dead = ".report.json.2147483646.0123abcd.tmp";
    const live = `.report.json.${process.pid}.89abcdef.tmp`;
    const dir = make({ "mltest.yaml": PLAIN, [`out/${dead}`]: "cut", [`out/${live}`]: "being written" });
    const r = await mltestWatched(["score", ".", "-o", "out/report.json", "--as-of", AS_OF], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, "out")).sort()).toEqual([live, "report.json"].sort());
  });
});

// -----------------------------------------------------------------------------------------------
// Reads stay inside the working directory and the project

describe.concurrent("reads stay inside the working directory and the project", { timeout: 60_000 }, () => {
  it("a mltest.yaml linked to a file elsewhere is refused and never reported; --evidence may name it", async () => {
    const outside = make({ "secret.yaml": "project: SECRET-PROJECT\ntests:\n  data-1:\n    status: none\n" });
    const dir = make();
    symlinkSync(join(outside, "secret.yaml"), join(dir, "mltest.yaml"));
    const r = await mltestWatched(["score", dir, "--as-of", AS_OF]);
    expectRefused(r, /mltest\.yaml: a symbolic link that leads outside the project/);
    expect(r.stderr).not.toContain("SECRET");
    const named = await mltestWatched(["score", dir, "--evidence", join(outside, "secret.yaml"), "--as-of", AS_OF]);
    expect(named.status, named.stderr).toBe(0);
    expect(named.stdout).toContain("SECRET-PROJECT");
  });

  it("rubric: leading out of the project is refused at the key; a monorepo's shared rubric inside the working directory is read", async () => {
    const outside = make({ "r.yaml": "extends: ml-test-score-2017\nid: secret-rubric\ntitle: Secret\nversion: '1'\n" });
    const dir = make({ "mltest.yaml": `rubric: ${join(outside, "r.yaml")}\ntests: {}\n` });
    const r = await mltestWatched(["score", dir, "--as-of", AS_OF]);
    expectRefused(r, /mltest\.yaml:1:1 rubric: the rubric ".*r\.yaml" lies outside the project and the working directory/);
    expect(r.stderr).not.toContain("secret-rubric");
    const mono = make({
      "rubrics/org.yaml": "extends: ml-test-score-2017\nid: org\ntitle: Org\nversion: '1'\n",
      "packages/a/mltest.yaml": "rubric: ../../rubrics/org.yaml\ntests: {}\n",
    });
    const shared = await mltestWatched(["score", "packages/a", "--format", "json", "--as-of", AS_OF], { cwd: mono });
    expect(shared.status, shared.stderr).toBe(0);
    expect((JSON.parse(shared.stdout) as Report).rubric.id).toBe("org");
  });
});

// -----------------------------------------------------------------------------------------------
// Found by an independent review of this change

describe.concurrent("found by review", { timeout: 120_000 }, () => {
  it("patterns that cannot be joined are searched one by one; an internal error could not forge a command either", async () => {
    const dir = make({
      "mltest.yaml": "rubric: r.yaml\ntests: {}\n",
      "r.yaml": `id: repo\ntitle: Repo\nversion: "1"\nextends: ml-test-score-2017\ntests:\n  data-1:\n    detect:\n      - { what: x, status: manual, files: ["**/*.py"], contains: '(?<x>a)##[error]forged' }\n      - { what: y, status: manual, files: ["**/*.py"], contains: "(?<x>b)" }\n`,
      "a.py": "b\n",
    });
    const r = await mltestWatched(["detect", dir]);
    expectSettled(r);
    expect(r.status, r.stderr).toBe(0);
    expect(`${r.stdout}${r.stderr}`).not.toContain("##[");
  });

  it.each([
    ["131,072 rules, too many for one RE2 program", "*\n".repeat(131_072)],
    ["a rule of 260,000 characters, which `ignore` reads in quadratic time", `a${" ".repeat(260_000)}b\n`],
  ])(".gitignore with %s", async (_, gitignore) => {
    const r = await mltestWatched(["detect", make({ "mltest.yaml": PLAIN, ".gitignore": gitignore, "a.py": "" })]);
    expectBounded(r, { bytes: 8 * MIB });
    expect(r.status, r.stderr).toBe(0);
  });

  it.each([
    [
      "an environment.yml of 90,000 keys (yaml's duplicate-key check)",
      "environment.yml",
      Array.from({ length: 90_000 }, (_, i) => `k${i}: 1`).join("\n"),
    ],
    ["a requirements.txt of 450,000 ' #'", "requirements.txt", `${" #".repeat(450_000)}\rx\n`],
    ["a setup.cfg of 450,000 ' ;'", "setup.cfg", `[options]\ninstall_requires = a${" ;".repeat(450_000)}\rx\n`],
  ])("manifests in linear time: %s", async (_, name, text) => {
    const r = await mltestWatched(["detect", make({ "mltest.yaml": PLAIN, [name]: text })]);
    expectBounded(r, { bytes: 8 * MIB, mb: 400 });
    expect(r.status, r.stderr).toBe(0);
  });

  it("repository text of 200,000 U+2028 is neutralised in linear time", async () => {
    const dir = make({ "mltest.yaml": `project: "a${"\\L".repeat(200_000)}a"\ntests: {}\n` });
    for (const format of ["junit", "json", "table"]) {
      const r = await mltestWatched(["score", dir, "--format", format, "--as-of", AS_OF]);
      expectBounded(r, { bytes: 8 * MIB, mb: 400 });
      expect(r.status, r.stderr).toBe(0);
    }
  });

  it("a history whose every run names a section of its own: trend and the HTML page show the newest run's sections", async () => {
    const runs = Array.from({ length: 5_000 }, (_, i) =>
      JSON.stringify({
        date: "2026-01-01",
        rubric: { id: "r", version: "1", sha256: "0".repeat(64) },
        sections: { [`s${i}`]: 1 },
        final: 1,
        max: 7,
        band: "x",
        statuses: {},
      }),
    );
    const dir = make({ "mltest.yaml": PLAIN, ".mltest/history.jsonl": `${runs.join("\n")}\n` });
    for (const args of [
      ["trend", dir],
      ["score", dir, "--format", "html", "--as-of", AS_OF],
    ]) {
      const r = await mltestWatched(args);
      expectBounded(r, { bytes: 8 * MIB, mb: 300 });
      expect(r.stdout.length).toBeLessThan(2 * MIB);
    }
  });

  it("an HTML page of 30,000 evidence pointers is drawn in linear time", async () => {
    const pointers = Array.from({ length: 30_000 }, (_, i) => `      - url: http://a/${i}`).join("\n");
    const dir = make({ "mltest.yaml": `tests:\n  data-1:\n    status: manual\n    evidence:\n${pointers}\n` });
    const r = await mltestWatched(["score", dir, "--format", "html", "--as-of", AS_OF]);
    expectBounded(r, { bytes: 8 * MIB, mb: 400 });
  });

  it.skipIf(!isRoot)("run from / (a container's default), -o to a device outside the project is written into, not refused", async () => {
    const dir = make({ "mltest.yaml": PLAIN });
    const outside = make();
    execFileSync("mknod", [join(outside, "null"), "c", "1", "3"]);
    const r = await mltestWatched(["score", dir, "-o", join(outside, "null"), "--as-of", AS_OF], { cwd: "/" });
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(join(outside, "null")).isCharacterDevice()).toBe(true);
  });

  it("a path typed through a linked prefix that leads into the project is checked like one inside it", async () => {
    // $PWD can spell the working directory through a link; a committed dangling link must still not be followed.
    const root = make({ "data/proj/mltest.yaml": PLAIN, "outside/.keep": "" });
    symlinkSync("data", join(root, "work"));
    symlinkSync(join(root, "outside/created.json"), join(root, "data/proj/dangle.json"));
    const r = await mltestWatched(["score", ".", "-o", join(root, "work/proj/dangle.json"), "--as-of", AS_OF], {
      cwd: join(root, "data/proj"),
    });
    expectRefused(r, /it is a symbolic link, and mltest writes only to regular files/);
    expect(listing(join(root, "outside"))).toEqual([".keep"]);
  });

  it("score --recursive of a monorepo from elsewhere reads its shared rubric", async () => {
    const mono = make({
      "rubrics/org.yaml": "extends: ml-test-score-2017\nid: org\ntitle: Org\nversion: '1'\n",
      "packages/a/mltest.yaml": "rubric: ../../rubrics/org.yaml\ntests: {}\n",
    });
    const r = await mltestWatched(["score", mono, "--recursive", "--format", "json", "--as-of", AS_OF], { cwd: make() });
    expect(r.status, r.stderr).toBe(0);
  });

  it("init --merge --rubric never reads a mltest.yaml that links out", async () => {
    const outside = make({ "secret.yaml": "project: p\nnotes: SECRET-TOKEN\ntests: {}\n" });
    const dir = make();
    symlinkSync(join(outside, "secret.yaml"), join(dir, "mltest.yaml"));
    const r = await mltestWatched(["init", dir, "--merge", "--rubric", "ml-test-score-2017", "--dry-run"]);
    expectRefused(r, /a symbolic link that leads outside the project/);
    expect(r.stderr).not.toContain("SECRET");
  });

  it("weights past 1,000,000 are refused where they are written, not summed to NaN", async () => {
    const dir = make({
      "r.yaml":
        "extends: ml-test-score-2017\nid: heavy\ntitle: Heavy\nversion: '1'\ntests:\n  data-1: { weight: 1e308 }\n  data-2: { weight: 1e308 }\n",
      "mltest.yaml": "rubric: r.yaml\ntests:\n  data-1: { status: none }\n",
    });
    expectRefused(await mltestWatched(["score", dir, "--as-of", AS_OF]), /r\.yaml:6:\d+ tests\.data-1\.weight: must be at most 1000000/);
  });
});

// -----------------------------------------------------------------------------------------------
// The history past its read limit

describe("a history larger than mltest reads", { timeout: 60_000 }, () => {
  it("trend shows the newest runs and says what it left out; --record keeps appending", async () => {
    const line = (date: string, final: number) =>
      `${JSON.stringify({ date, rubric: { id: "ml-test-score-2017", version: "2017.1", sha256: "0".repeat(64) }, sections: { data: final, model: final, infra: final, monitor: final }, final, max: 7, band: "x", statuses: {} })}\n`;
    const old = line("2025-01-01", 0.5);
    const dir = make({
      "mltest.yaml": PLAIN,
      ".mltest/history.jsonl": `${old.repeat(Math.ceil((10 * MIB) / old.length) + 10)}${line("2026-02-01", 1.5)}`,
    });
    const trend = await mltestWatched(["trend", dir, "--since", "2026-01-01", "--format", "json"]);
    expectBounded(trend, { bytes: 16 * MIB });
    expect(trend.stderr).toMatch(/the history is larger than 10485760 bytes; only the runs in its last 10485760 bytes are read/);
    expect((JSON.parse(trend.stdout) as { entries: { date: string }[] }).entries.map((e) => e.date)).toEqual(["2026-02-01"]);
    const before = statSync(join(dir, ".mltest/history.jsonl")).size;
    const record = await mltestWatched(["score", dir, "--record", "--as-of", AS_OF]);
    expect(record.status, record.stderr).toBe(0);
    expect(statSync(join(dir, ".mltest/history.jsonl")).size).toBeGreaterThan(before);
  });
});
