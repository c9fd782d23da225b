// Evidence verification: pointers against real files in temp projects, CI files read as data,
// JUnit reports, per-claim states, maximum ages, scoring by mode, and safety (nothing in the
// evidence is ever executed or fetched; reads stay inside the project root).
import { randomUUID } from "node:crypto";
import dns from "node:dns";
import { existsSync, mkdirSync, mkdtempSync, type PathLike, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import tls from "node:tls";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { parseDate } from "../src/cli/io.js";
import { parseHistory } from "../src/history.js";
import { loadRubric } from "../src/load/rubric.js";
import { loadProject, scoreProject } from "../src/project.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { type Rubric, rubricSchema } from "../src/schema/rubric.js";
import { parseIsoDate, parseIsoTimestamp } from "../src/util/dates.js";
import { InputError, UsageError } from "../src/util/errors.js";
import { jenkinsfile } from "../src/verify/ci/jenkinsfile.js";
import { readCi } from "../src/verify/ci.js";
import { MAX_READ_BYTES, MAX_WALK_ENTRIES, ProjectFiles } from "../src/verify/files.js";
import { readJunit } from "../src/verify/junit.js";
import { templatedPath } from "../src/verify/template-path.js";
import { daysBetween, type Finding, maxAgeFor, type Verification, verify } from "../src/verify/verify.js";

// ---------------------------------------------------------------------------------------------
// fs.readdirSync, counted (and, for the walk cap, faked for one folder). Everything else is the
// real module.

const fsSpy = vi.hoisted(() => ({
  readdirCalls: [] as string[],
  fake: undefined as undefined | { path: string; entries: unknown[] },
}));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const real = actual.readdirSync as unknown as (path: PathLike, options?: unknown) => unknown;
  const readdirSync = ((path: PathLike, options?: unknown) => {
    fsSpy.readdirCalls.push(String(path));
    if (fsSpy.fake && String(path) === fsSpy.fake.path) return fsSpy.fake.entries;
    return real(path, options);
  }) as unknown as typeof actual.readdirSync;
  return { ...actual, readdirSync, default: { ...actual, readdirSync } };
});

// ---------------------------------------------------------------------------------------------
// Helpers

const ROOT = join(import.meta.dirname, "..");
const AS_OF = "2026-11-28";
const builtin = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;

const temp = realpathSync(mkdtempSync(join(tmpdir(), "mltest-verify-")));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let counter = 0;
/**
 * A fresh project: `base/project` holds `files`; `base` itself holds `outside`, files next to
 * the project that no pointer may reach. Returns both directories.
 */
function project(files: Record<string, string | Uint8Array>, outside: Record<string, string> = {}): { base: string; root: string } {
  const base = join(temp, `case-${++counter}`);
  const root = join(base, "project");
  mkdirSync(root, { recursive: true });
  for (const [name, content] of Object.entries(outside)) write(join(base, name), content);
  for (const [name, content] of Object.entries(files)) write(join(root, name), content);
  return { base, root };
}

function write(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** verify() over the built-in rubric (or `rubric`) with an evidence file built from `doc`. */
function verifyDoc(
  root: string,
  doc: Record<string, unknown>,
  rubric: Rubric = builtin,
  files = new ProjectFiles(root),
): Map<string, Verification> {
  return verify({ rubric, evidence: evidenceSchema().parse(doc), files, asOf: AS_OF });
}

function verifyTests(root: string, tests: Record<string, unknown>): Map<string, Verification> {
  return verifyDoc(root, { tests });
}

/** The finding for one pointer, claimed as the only evidence of automated data-1. */
function check(root: string, pointer: Record<string, unknown>): Finding {
  const result = verifyTests(root, { "data-1": { status: "automated", evidence: [pointer] } }).get("data-1")!;
  return result.findings[0]!;
}

function stateOf(root: string, claim: Record<string, unknown>, id = "data-1"): Verification {
  return verifyTests(root, { [id]: claim }).get(id)!;
}

function junit(cases: string, attrs = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites><testsuite name="unit"${attrs}>${cases}</testsuite></testsuites>\n`;
}
const PASS = '<testcase classname="tests.test_a" name="test_ok"/><testcase classname="tests.test_a" name="test_also_ok"/>';

// ---------------------------------------------------------------------------------------------

describe("path pointers", () => {
  const { base, root } = project(
    {
      "src/model.py": "print('model')\n",
      "tests/unit/test_a.py": "def test_a(): pass\n",
      "tests/unit/deep/test_b.py": "def test_b(): pass\n",
      "tests/README.md": "tests\n",
      ".git/hooks/hook.py": "",
      "node_modules/pkg/index.py": "",
      "node_modules/pkg/only.js": "",
      ".venv/lib/site.py": "",
    },
    { "outside.txt": "secret\n", "outside-dir/secret.py": "secret\n", x: "x\n" },
  );
  symlinkSync(join(base, "outside.txt"), join(root, "escape.txt"));
  symlinkSync(join(root, "src/model.py"), join(root, "inside-link.py"));
  symlinkSync(join(base, "outside-dir"), join(root, "linked"));

  it("accepts an existing file", () => {
    expect(check(root, { path: "src/model.py" })).toEqual({ pointer: "path src/model.py", result: "ok", message: "exists" });
  });

  it("accepts an existing folder", () => {
    expect(check(root, { path: "tests" }).result).toBe("ok");
    expect(check(root, { path: "tests/unit/" }).result).toBe("ok");
  });

  it("accepts a glob with matches and names one of them", () => {
    const found = check(root, { path: "tests/**/*.py" });
    expect(found.result).toBe("ok");
    expect(found.message).toMatch(/^matches 2 files, e\.g\. tests\/unit\//);
  });

  it("breaks a glob without matches", () => {
    expect(check(root, { path: "tests/**/*.ipynb" })).toMatchObject({ result: "broken", message: "matches no file" });
  });

  it("breaks a missing file", () => {
    expect(check(root, { path: "src/missing.py" })).toMatchObject({ result: "broken", message: "no such file or folder" });
  });

  it.each(["../outside.txt", "a/../../x", "src/../../outside.txt", "..", "../*.txt"])("refuses %s, which leads out of the root", (path) => {
    // The targets exist next to the project, so "broken" is the refusal and not a missing file.
    expect(check(root, { path })).toMatchObject({ result: "broken", message: expect.stringMatching(/outside the project root/) });
  });

  it("refuses an absolute path, even one inside the project", () => {
    expect(check(root, { path: join(root, "src/model.py") })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/absolute path/),
    });
    expect(check(root, { path: "/etc/passwd" }).message).toMatch(/absolute path/);
    expect(check(root, { doc: "C:\\Windows\\win.ini" }).message).toMatch(/absolute path/);
  });

  it("refuses a NUL byte", () => {
    expect(check(root, { path: "src/model.py\0.txt" })).toMatchObject({ result: "broken", message: expect.stringMatching(/NUL byte/) });
  });

  it("refuses a symbolic link to a file outside the root", () => {
    expect(check(root, { path: "escape.txt" })).toMatchObject({ result: "broken", message: expect.stringMatching(/symbolic link/) });
    expect(check(root, { path: "linked/secret.py" })).toMatchObject({ result: "broken", message: expect.stringMatching(/symbolic link/) });
    expect(check(root, { doc: "escape.txt" }).message).toMatch(/symbolic link/);
  });

  it("accepts a symbolic link to a file inside the root", () => {
    expect(check(root, { path: "inside-link.py" }).result).toBe("ok");
    expect(check(root, { doc: "inside-link.py" }).result).toBe("ok");
    expect(new ProjectFiles(root).glob("inside-*.py")).toMatchObject({ ok: true, matches: ["inside-link.py"] });
  });

  it("never matches a glob through a symbolic link that leads outside", () => {
    expect(check(root, { path: "linked/**/*.py" })).toMatchObject({ result: "broken", message: "matches no file" });
    expect(check(root, { path: "linked/*" }).result).toBe("broken");
    expect(check(root, { path: "escape*" }).result).toBe("broken");
    const all = new ProjectFiles(root).glob("**", 1000);
    expect(all.ok && all.matches.filter((m) => m.startsWith("linked") || m.startsWith("escape"))).toEqual([]);
  });

  it("never looks into .git, node_modules or a virtual environment", () => {
    const globbed = new ProjectFiles(root).glob("**/*.py", 1000);
    expect(globbed).toEqual({
      ok: true,
      matches: ["inside-link.py", "src/model.py", "tests/unit/deep/test_b.py", "tests/unit/test_a.py"],
      truncatedWalk: false,
    });
    expect(check(root, { path: "node_modules/**/*.js" }).result).toBe("broken");
    expect(check(root, { path: ".git/**" }).result).toBe("broken");
    // A plain path into such a folder is a file like any other.
    expect(check(root, { path: "node_modules/pkg/only.js" }).result).toBe("ok");
  });
});

describe("doc pointers", () => {
  const { root } = project({ "docs/review.md": "# Review\n" });

  it("accepts an existing document", () => {
    expect(check(root, { doc: "docs/review.md" })).toEqual({ pointer: "doc docs/review.md", result: "ok", message: "exists" });
  });

  it("breaks a missing document", () => {
    expect(check(root, { doc: "docs/missing.md" })).toMatchObject({ result: "broken", message: "no such file or folder" });
  });

  it("breaks a folder", () => {
    expect(check(root, { doc: "docs" })).toMatchObject({ result: "broken", message: "a folder, not a file" });
  });

  it("does not glob", () => {
    expect(check(root, { doc: "docs/*.md" }).result).toBe("broken");
  });
});

// ---------------------------------------------------------------------------------------------

describe("ci pointers: GitHub Actions", () => {
  const { root } = project({
    ".github/workflows/ci.yml": [
      "name: ci",
      "on:",
      "  push:",
      "  schedule:",
      '    - cron: "0 3 * * *"',
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - run: |",
      "          pip install -r requirements.txt",
      "          pytest tests --junitxml=reports/junit.xml",
      "  lint:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - uses: astral-sh/ruff-action@v3",
      "  reuse:",
      "    uses: ./.github/workflows/reusable.yml",
      "    with:",
      "      target: prod",
      "",
    ].join("\n"),
    ".github/workflows/push.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests\n",
    ".github/workflows/not-cron.yml": "on:\n  schedule:\n    - interval: daily\njobs:\n  test:\n    steps:\n      - run: pytest\n",
    ".github/workflows/broken.yml": "on: [push\njobs:\n  test: {\n",
    ".github/workflows/list.yml": "- just\n- a list\n",
  });

  it("accepts an existing job", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test" })).toEqual({
      pointer: "ci .github/workflows/ci.yml#test",
      result: "ok",
      message: 'GitHub Actions job "test" exists',
    });
  });

  it("breaks a missing job and lists the jobs there are", () => {
    const found = check(root, { ci: ".github/workflows/ci.yml#deploy" });
    expect(found.result).toBe("broken");
    expect(found.message).toContain('no job "deploy"');
    expect(found.message).toContain("its jobs: test, lint, reuse");
  });

  it("breaks a workflow file that does not exist", () => {
    expect(check(root, { ci: ".github/workflows/missing.yml#test" })).toMatchObject({
      result: "broken",
      message: "no such file or folder",
    });
  });

  it("finds runs: text in a multi-line run: step and in a uses: step", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "pytest tests" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "actions/checkout" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#lint", runs: "ruff-action" })).toMatchObject({
      result: "ok",
      message: 'GitHub Actions job "lint" exists and runs "ruff-action"',
    });
  });

  it("breaks when the runs: text is absent from the job (even if another job has it)", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", runs: "mypy" })).toMatchObject({
      result: "broken",
      message: 'the job\'s steps never run "mypy", nor do the task runners and scripts they call',
    });
    expect(check(root, { ci: ".github/workflows/ci.yml#lint", runs: "pytest" }).result).toBe("broken");
  });

  it("accepts scheduled: true with an on.schedule cron and breaks it without one", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#test", scheduled: true }).message).toMatch(/on a schedule$/);
    expect(check(root, { ci: ".github/workflows/push.yml#test", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/no schedule/),
    });
    expect(check(root, { ci: ".github/workflows/not-cron.yml#test", scheduled: true }).result).toBe("broken");
    expect(check(root, { ci: ".github/workflows/push.yml#test", scheduled: false }).result).toBe("ok");
  });

  it.each([".github/workflows/ci.yml", ".github/workflows/ci.yml#", "#test"])("breaks %s, which is not FILE#JOB", (ci) => {
    expect(check(root, { ci })).toMatchObject({ result: "broken", message: expect.stringMatching(/WORKFLOW-FILE#JOB/) });
  });

  it("breaks a workflow that is not valid YAML, or not a mapping", () => {
    expect(check(root, { ci: ".github/workflows/broken.yml#test" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^not valid YAML/),
    });
    expect(check(root, { ci: ".github/workflows/list.yml#test" }).message).toMatch(/no mapping/);
  });

  it("knows a reusable-workflow job (jobs.x.uses) and what it uses", () => {
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse", runs: "reusable.yml" }).result).toBe("ok");
    expect(check(root, { ci: ".github/workflows/ci.yml#reuse", runs: "pytest" }).result).toBe("broken");
  });

  it("refuses a workflow path outside the root", () => {
    expect(check(root, { ci: "../.github/workflows/ci.yml#test" }).message).toMatch(/outside the project root/);
  });

  it("verifies an automated claim with a ci pointer", () => {
    expect(stateOf(root, { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: "pytest" }] }).state).toBe(
      "verified",
    );
  });
});

describe("ci pointers: GitLab CI", () => {
  const { root } = project(
    {
      ".gitlab-ci.yml": [
        "stages: [test, train, monitor]",
        "variables:",
        "  PIP_CACHE_DIR: .cache",
        "include:",
        "  - local: ci/x.yml",
        "  - local: /ci/z.yml",
        "  - remote: https://example.com/shared-ci.yml",
        "  - template: Security/SAST.gitlab-ci.yml",
        "  - local: ../outside-ci.yml",
        "  - local: ci/escape.yml",
        "default:",
        "  image: python:3.11",
        "  before_script:",
        "    - pip install -r requirements.txt",
        ".template:",
        "  script:",
        "    - python -m forecast.train --config configs/train.yaml",
        "  rules:",
        `    - if: '$CI_PIPELINE_SOURCE == "schedule"'`,
        "build:",
        "  script: make build",
        "trained:",
        "  extends: .template",
        "nightly:",
        "  only: [schedules]",
        "  script: [pytest nightly]",
        "nightly-refs:",
        "  only:",
        "    refs: [schedules]",
        "  script: [pytest nightly]",
        "custom-before:",
        "  before_script: [echo hello]",
        "  script: [pytest]",
        "never-scheduled:",
        "  script: [pytest]",
        "  rules:",
        `    - if: '$CI_PIPELINE_SOURCE == "schedule"'`,
        "      when: never",
        "    - when: always",
        "loop-a:",
        "  extends: loop-b",
        "  script: [echo a]",
        "loop-b:",
        "  extends: loop-a",
        "",
      ].join("\n"),
      "ci/x.yml": "include: 'ci/y.yml'\nfrom-x:\n  script: [echo x]\n",
      // y includes x and the root file again: a cycle, which must end.
      "ci/y.yml": "include:\n  - local: ci/x.yml\n  - .gitlab-ci.yml\nfrom-y:\n  script: [echo y]\n",
      "ci/z.yml": "from-z:\n  script: [echo z]\n",
    },
    { "outside-ci.yml": "outside-job:\n  script: [echo outside]\n", "evil.yml": "evil-job:\n  script: [echo evil]\n" },
  );
  symlinkSync(join(dirname(root), "evil.yml"), join(root, "ci/escape.yml"));
  const gl = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `.gitlab-ci.yml#${job}`, ...extra });

  it("finds a job in .gitlab-ci.yml", () => {
    expect(gl("build")).toEqual({ pointer: "ci .gitlab-ci.yml#build", result: "ok", message: 'GitLab CI job "build" exists' });
  });

  it("finds jobs from include: local:, the string form include: 'ci/y.yml', and a leading-slash include", () => {
    expect(gl("from-x").result).toBe("ok");
    expect(gl("from-y").result).toBe("ok");
    expect(gl("from-z").result).toBe("ok");
    expect(gl("from-z", { runs: "echo z" }).result).toBe("ok");
  });

  it("does not count hidden .template jobs or settings as jobs", () => {
    const found = gl(".template");
    expect(found.result).toBe("broken");
    const jobs = found.message
      .match(/its jobs: ([^(]*)/)![1]!
      .trim()
      .split(", ");
    expect(jobs).toContain("build");
    expect(jobs).toContain("from-y");
    for (const notJob of [".template", "stages", "variables", "include", "default"]) expect(jobs).not.toContain(notJob);
    for (const notJob of ["stages", "variables", "default"]) expect(gl(notJob).result).toBe("broken");
  });

  it("brings script and rules in from an extends: template", () => {
    expect(gl("trained", { runs: "forecast.train" }).result).toBe("ok");
    expect(gl("trained", { scheduled: true }).result).toBe("ok");
  });

  it("counts before_script from default: for runs:, unless the job has its own", () => {
    expect(gl("build", { runs: "pip install" }).result).toBe("ok");
    expect(gl("from-x", { runs: "pip install" }).result).toBe("ok");
    expect(gl("custom-before", { runs: "echo hello" }).result).toBe("ok");
    expect(gl("custom-before", { runs: "pip install" }).result).toBe("broken");
    expect(gl("build", { runs: "pytest" })).toMatchObject({
      result: "broken",
      message: 'the job\'s steps never run "pytest", nor do the task runners and scripts they call',
    });
  });

  it("knows schedule pipelines from rules: if $CI_PIPELINE_SOURCE and from only: [schedules]", () => {
    expect(gl("nightly", { scheduled: true }).result).toBe("ok");
    expect(gl("nightly-refs", { scheduled: true }).result).toBe("ok");
    expect(gl("build", { scheduled: true })).toMatchObject({ result: "broken", message: "the job does not run in schedule pipelines" });
    expect(gl("never-scheduled", { scheduled: true }).result).toBe("broken");
  });

  it("notes a remote include and does not follow it: a job only defined there is broken", () => {
    const found = gl("shared-job");
    expect(found.result).toBe("broken");
    expect(found.message).toContain("remote include not followed");
    expect(found.message).toContain("template include not followed");
    const parsed = readCi(new ProjectFiles(root), ".gitlab-ci.yml");
    expect(parsed.ok && parsed.notes.some((n) => n.startsWith("remote include"))).toBe(true);
  });

  it("never follows a local include out of the root, by .. or by a symbolic link", () => {
    const outside = gl("outside-job");
    expect(outside.result).toBe("broken");
    expect(outside.message).toMatch(/include \.\.\/outside-ci\.yml: leads outside the project root/);
    const evil = gl("evil-job");
    expect(evil.result).toBe("broken");
    expect(evil.message).toMatch(/include ci\/escape\.yml: a symbolic link/);
  });

  it("ends an include cycle and an extends cycle", () => {
    const parsed = readCi(new ProjectFiles(root), ".gitlab-ci.yml");
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && [...parsed.jobs.keys()].filter((j) => j.startsWith("from-")).sort()).toEqual(["from-x", "from-y", "from-z"]);
    expect(gl("loop-a", { runs: "echo a" }).result).toBe("ok");
  });

  it("follows a local include given as a glob", () => {
    const { root: globbed } = project({
      ".gitlab-ci.yml": "include:\n  - local: ci/jobs/*.yml\n",
      "ci/jobs/a.yml": "job-a:\n  script: [echo a]\n",
      "ci/jobs/b.yml": "job-b:\n  script: [echo b]\n",
    });
    expect(check(globbed, { ci: ".gitlab-ci.yml#job-a" }).result).toBe("ok");
    expect(check(globbed, { ci: ".gitlab-ci.yml#job-b" }).result).toBe("ok");
  });

  it("breaks a .gitlab-ci.yml that is not valid YAML", () => {
    const { root: bad } = project({ ".gitlab-ci.yml": "build:\n  script: [unclosed\n" });
    expect(check(bad, { ci: ".gitlab-ci.yml#build" }).message).toMatch(/^not valid YAML/);
  });

  // Regression: a schedule rule that EXCLUDES schedule pipelines counts as scheduled. runsOnSchedule()
  // only checks that the `if:` mentions $CI_PIPELINE_SOURCE and a quoted "schedule", not the
  // operator. Input: job `rules: - if: '$CI_PIPELINE_SOURCE != "schedule"'`, pointer
  // `scheduled: true`. Expected: broken (the job never runs in a schedule pipeline). Actual: ok.
  it('does not count rules: if $CI_PIPELINE_SOURCE != "schedule" as scheduled', () => {
    const { root: neg } = project({
      ".gitlab-ci.yml": `not-nightly:\n  script: [pytest]\n  rules:\n    - if: '$CI_PIPELINE_SOURCE != "schedule"'\n`,
    });
    expect(check(neg, { ci: ".gitlab-ci.yml#not-nightly", scheduled: true }).result).toBe("broken");
  });

  // Regression: included files override the including file. gitlab() reads breadth first and lets later
  // definitions replace earlier ones, so an included job replaces the root file's job of the same
  // name. GitLab does the opposite: "the configuration in the main .gitlab-ci.yml takes precedence
  // over included configuration". Input: .gitlab-ci.yml includes ci/base.yml; both define `test`,
  // the root with `script: [pytest --strict-markers]`, ci/base.yml with `script: [pytest]`.
  // Pointer `.gitlab-ci.yml#test` runs "--strict-markers". Expected: ok. Actual: broken.
  it("lets the main .gitlab-ci.yml override a job from an included file", () => {
    const { root: over } = project({
      ".gitlab-ci.yml": "include:\n  - local: ci/base.yml\ntest:\n  script: [pytest --strict-markers]\n",
      "ci/base.yml": "test:\n  script: [pytest]\n",
    });
    expect(check(over, { ci: ".gitlab-ci.yml#test", runs: "--strict-markers" }).result).toBe("ok");
  });

  // Regression: GitLab's `!reference [.template, script]` tag is not resolved. The yaml parser leaves the
  // unknown tag's sequence as plain data (and emits a YAMLWarning on the process), so the job's
  // commands become the literal strings ".setup" and "script". Input: `.setup: {script: [pip
  // install -r requirements.txt]}` and `test: {script: [!reference [.setup, script], pytest]}`;
  // pointer `.gitlab-ci.yml#test` runs "pip install". Expected: ok (GitLab runs that line).
  // Actual: broken, 'the job's steps never run "pip install"'.
  it("resolves !reference [.template, script] in a script", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const { root: ref } = project({
        ".gitlab-ci.yml":
          ".setup:\n  script:\n    - pip install -r requirements.txt\ntest:\n  script:\n    - !reference [.setup, script]\n    - pytest\n",
      });
      expect(check(ref, { ci: ".gitlab-ci.yml#test", runs: "pip install" }).result).toBe("ok");
    } finally {
      warn.mockRestore();
    }
  });
});

describe("ci pointers: CircleCI", () => {
  const { root } = project({
    ".circleci/config.yml": [
      "version: 2.1",
      "orbs: { python: circleci/python@2.1 }",
      "jobs:",
      "  test:",
      "    docker: [{ image: cimg/python:3.12 }]",
      "    steps:",
      "      - checkout",
      "      - python/install-packages",
      "      - run: pytest tests/test_data.py",
      "  drift:",
      "    steps:",
      "      - run: { name: Drift report, command: python -m monitoring.drift --window 7d }",
      "workflows:",
      "  build: { jobs: [test] }",
      "  nightly:",
      "    triggers: [{ schedule: { cron: '0 3 * * *', filters: { branches: { only: [main] } } } }]",
      "    jobs: [{ drift: { context: prod } }]",
      "",
    ].join("\n"),
  });
  const cc = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `.circleci/config.yml#${job}`, ...extra });

  it("verifies a job, what its run steps and orb commands run, and a schedule trigger of a workflow that lists it", () => {
    expect(cc("test", { runs: "pytest tests/test_data.py" })).toMatchObject({
      result: "ok",
      message: 'CircleCI job "test" exists and runs "pytest tests/test_data.py"',
    });
    expect(cc("test", { runs: "python/install-packages" }).result).toBe("ok");
    expect(cc("drift", { runs: "monitoring.drift", scheduled: true }).result).toBe("ok");
  });

  it("breaks a job that does not exist, that never runs the text, or that no scheduled workflow runs", () => {
    expect(cc("deploy")).toMatchObject({ result: "broken", message: 'no job "deploy" in .circleci/config.yml; its jobs: test, drift' });
    expect(cc("test", { runs: "great_expectations" })).toMatchObject({ result: "broken" });
    expect(cc("test", { scheduled: true })).toMatchObject({ result: "broken", message: expect.stringContaining("schedule trigger") });
  });

  it("counts a workflow that runs only for scheduled pipelines as a schedule", () => {
    const { root: other } = project({
      ".circleci/config.yml":
        "version: 2.1\njobs:\n  retrain:\n    steps: [{ run: python train.py }]\nworkflows:\n  weekly:\n" +
        "    when: { equal: [scheduled_pipeline, << pipeline.trigger_source >>] }\n    jobs: [retrain]\n",
    });
    expect(check(other, { ci: ".circleci/config.yml#retrain", scheduled: true }).result).toBe("ok");
  });
});

describe("ci pointers: Bitbucket Pipelines", () => {
  const { root } = project({
    "bitbucket-pipelines.yml": [
      "image: python:3.12",
      "definitions:",
      "  steps:",
      "    - step: &unit",
      "        name: Unit tests",
      "        script: [pip install -r requirements.txt, pytest tests]",
      "pipelines:",
      "  default:",
      "    - step: *unit",
      "    - parallel:",
      "        - step: { name: Validate data, script: [python -m pipeline.validate_data] }",
      "        - step: { script: [ruff check .] }",
      "  branches:",
      "    main:",
      "      - stage:",
      "          name: Release",
      "          steps:",
      "            - step: { name: Canary, script: [{ pipe: atlassian/aws-ecs-deploy:1.6.2 }] }",
      "  custom:",
      "    nightly-drift:",
      "      - step: { name: Drift, script: [python -m monitoring.drift] }",
      "",
    ].join("\n"),
  });
  const bb = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `bitbucket-pipelines.yml#${job}`, ...extra });

  it("names steps by their name, in parallel and stage blocks too, and an unnamed one by its pipeline and place", () => {
    expect(bb("Unit tests", { runs: "pytest tests" }).result).toBe("ok");
    expect(bb("Validate data", { runs: "validate_data" }).result).toBe("ok");
    expect(bb("default-3", { runs: "ruff check" }).result).toBe("ok");
    expect(bb("Canary", { runs: "atlassian/aws-ecs-deploy" }).result).toBe("ok");
    expect(bb("Deploy")).toMatchObject({
      result: "broken",
      message: expect.stringContaining("its jobs: Unit tests, Validate data, default-3, Canary, Drift"),
    });
  });

  it("leaves scheduled: true unverified, since Bitbucket keeps schedules in the repository's settings", () => {
    expect(bb("Drift", { scheduled: true })).toMatchObject({
      result: "unverified",
      message: expect.stringContaining("repository's settings"),
    });
    const claim = stateOf(root, { status: "automated", evidence: [{ ci: "bitbucket-pipelines.yml#Drift", scheduled: true }] });
    expect(claim.state).toBe("unverified");
  });
});

describe("ci pointers: Azure Pipelines", () => {
  const staged = [
    "trigger: [main]",
    "schedules:",
    "  - cron: '0 2 * * *'",
    "    branches: { include: [main] }",
    "stages:",
    "  - stage: Test",
    "    jobs:",
    "      - job: unit",
    "        steps:",
    "          - script: pytest tests/unit",
    "          - task: PythonScript@0",
    "            inputs: { scriptSource: filePath, scriptPath: validate.py, arguments: --schema data/schema.json }",
    "  - stage: Deploy",
    "    jobs:",
    "      - deployment: canary",
    "        environment: prod",
    "        strategy: { canary: { increments: [10], deploy: { steps: [{ bash: ./deploy.sh --canary }] } } }",
    "      - template: jobs/monitor.yml",
    "",
  ].join("\n");
  const { root } = project({ "azure-pipelines.yml": staged, ".azure-pipelines/steps-only.yml": "steps:\n  - pwsh: ./check.ps1\n" });
  const az = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `azure-pipelines.yml#${job}`, ...extra });

  it("verifies jobs and deployments by id, and by STAGE.JOB, with what their steps and tasks run", () => {
    expect(az("unit", { runs: "pytest tests/unit" }).result).toBe("ok");
    expect(az("Test.unit", { runs: "PythonScript@0" }).result).toBe("ok");
    expect(az("unit", { runs: "--schema data/schema.json" }).result).toBe("ok");
    expect(az("Deploy.canary", { runs: "deploy.sh --canary" }).result).toBe("ok");
  });

  it("schedules every job of a pipeline with schedules: and a cron, and names a template it did not follow", () => {
    expect(az("unit", { scheduled: true }).result).toBe("ok");
    expect(az("monitor")).toMatchObject({
      result: "broken",
      message: expect.stringContaining("job template jobs/monitor.yml not followed"),
    });
  });

  it("names a pipeline of bare steps __default, and breaks scheduled: true without schedules", () => {
    expect(check(root, { ci: ".azure-pipelines/steps-only.yml#__default", runs: "check.ps1" }).result).toBe("ok");
    expect(check(root, { ci: ".azure-pipelines/steps-only.yml#__default", scheduled: true })).toMatchObject({
      result: "broken",
      message: "the pipeline has no schedules: with a cron",
    });
  });
});

describe("ci pointers: Google Cloud Build, AWS CodeBuild and Databricks asset bundles", () => {
  const { root } = project({
    "cloudbuild.yaml": [
      "steps:",
      "  - name: python:3.12",
      "    entrypoint: bash",
      "    args: [-c, 'pip install -r requirements.txt && pytest tests/test_model.py']",
      "  - id: validate-data",
      "    name: python:3.12",
      "    script: python -m pipeline.validate_data",
      "",
    ].join("\n"),
    "buildspec.yml":
      "version: 0.2\nphases:\n  install:\n    commands: [pip install -r requirements.txt]\n  build:\n    commands: [pytest tests]\n    finally: [python report.py]\n",
    "databricks.yml": "bundle: { name: churn }\ninclude: [resources/*.yml]\n",
    "resources/churn.job.yml": [
      "resources:",
      "  jobs:",
      "    retrain:",
      "      schedule: { quartz_cron_expression: '0 0 3 * * ?', timezone_id: UTC }",
      "      tasks:",
      "        - task_key: train",
      "          notebook_task: { notebook_path: ../src/train.ipynb }",
      "        - task_key: evaluate",
      "          python_wheel_task: { package_name: churn, entry_point: evaluate, parameters: [--compare-to, production] }",
      "    backfill:",
      "      schedule: { quartz_cron_expression: '0 0 4 * * ?', timezone_id: UTC, pause_status: PAUSED }",
      "      tasks: [{ task_key: run, spark_python_task: { python_file: ../src/backfill.py } }]",
      "",
    ].join("\n"),
  });

  it("names Cloud Build steps by id or place, with the command line their entrypoint and args make", () => {
    expect(check(root, { ci: "cloudbuild.yaml#step-1", runs: "pytest tests/test_model.py" }).result).toBe("ok");
    expect(check(root, { ci: "cloudbuild.yaml#validate-data", runs: "pipeline.validate_data" }).result).toBe("ok");
    expect(check(root, { ci: "cloudbuild.yaml#validate-data", scheduled: true })).toMatchObject({
      result: "unverified",
      message: expect.stringContaining("Cloud Scheduler"),
    });
  });

  it("names CodeBuild phases, with their commands and finally lines", () => {
    expect(check(root, { ci: "buildspec.yml#build", runs: "pytest tests" }).result).toBe("ok");
    expect(check(root, { ci: "buildspec.yml#build", runs: "report.py" }).result).toBe("ok");
    expect(check(root, { ci: "buildspec.yml#test" })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("its jobs: install, build"),
    });
    expect(check(root, { ci: "buildspec.yml#build", scheduled: true }).result).toBe("unverified");
  });

  it("names Databricks jobs by their key, with their tasks, scheduled by a Quartz cron that is not paused", () => {
    expect(check(root, { ci: "resources/churn.job.yml#retrain", runs: "train.ipynb", scheduled: true }).result).toBe("ok");
    expect(check(root, { ci: "resources/churn.job.yml#retrain", runs: "--compare-to production" }).result).toBe("ok");
    // A job with its schedule paused runs when someone starts it, and the finding says so.
    expect(check(root, { ci: "resources/churn.job.yml#backfill", runs: "backfill.py" })).toMatchObject({
      result: "ok",
      message:
        'Databricks asset bundle job "backfill" exists and runs "backfill.py"; the job runs only when started: its schedule is paused and it has no trigger or continuous run',
    });
    expect(check(root, { ci: "resources/churn.job.yml#backfill", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("not paused"),
    });
  });
});

describe("ci pointers: Jenkins", () => {
  const { root } = project({
    Jenkinsfile: [
      "// Declarative pipeline",
      "pipeline {",
      "  agent any",
      "  triggers { cron('H 3 * * *') }",
      "  stages {",
      "    stage('Validate data') {",
      "      steps {",
      "        sh 'python -m pipeline.validate_data'",
      '        sh(script: """',
      "          pytest tests/test_features.py",
      '        """, returnStatus: true)',
      "      }",
      "    }",
      '    stage("Checks") {',
      "      parallel {",
      "        stage('Lint') { steps { bat 'ruff check .' } }",
      "        /* stage('Old') { steps { sh 'never' } } */",
      "      }",
      "    }",
      "  }",
      "  post { always { junit 'reports/*.xml' } }",
      "}",
      "",
    ].join("\n"),
    "ci/nightly.Jenkinsfile": "node {\n  stage('Train') {\n    sh \"python train.py --seed ${SEED}\"\n  }\n}\n",
  });
  const jk = (job: string, extra: Record<string, unknown> = {}) => check(root, { ci: `Jenkinsfile#${job}`, ...extra });

  it("reads stages as jobs, nested ones too, with their shell steps in every quoting", () => {
    expect(jk("Validate data", { runs: "pipeline.validate_data" })).toMatchObject({
      result: "ok",
      message: expect.stringContaining('Jenkins job "Validate data"'),
    });
    expect(jk("Validate data", { runs: "pytest tests/test_features.py" }).result).toBe("ok");
    expect(jk("Lint", { runs: "ruff check" }).result).toBe("ok");
    expect(jk("Checks", { runs: "ruff check" }).result).toBe("ok");
    expect(jk("Old")).toMatchObject({ result: "broken", message: 'no job "Old" in Jenkinsfile; its jobs: Validate data, Checks, Lint' });
  });

  it("reads hostile text in one pass: unclosed strings and comments, a million brackets, stages nested past the depth it reads", () => {
    expect(jenkinsfile("stage('a') { sh 'never closed", "J").jobs.get("a")?.commands).toEqual(["never closed"]);
    expect([...jenkinsfile("/* open comment stage('b') { sh 'x' }", "J").jobs.keys()]).toEqual([]);
    const brackets = "{(".repeat(500_000);
    expect(jenkinsfile(brackets, "J").jobs.size).toBe(0);
    const nested = `${"stage('s') { ".repeat(5_000)}sh 'deep'${" }".repeat(5_000)}`;
    const deep = jenkinsfile(nested, "J");
    expect(deep.jobs.get("s")!.commands).toContain("deep");
  });

  it("schedules the pipeline by a cron trigger, and a scripted pipeline without one is not", () => {
    expect(jk("Validate data", { scheduled: true }).result).toBe("ok");
    expect(check(root, { ci: "ci/nightly.Jenkinsfile#Train", runs: "train.py --seed ${SEED}" }).result).toBe("ok");
    expect(check(root, { ci: "ci/nightly.Jenkinsfile#Train", scheduled: true })).toMatchObject({
      result: "broken",
      message: expect.stringContaining("no cron trigger"),
    });
  });
});

describe("template paths", () => {
  it.each([
    ["{{cookiecutter.project_slug}}/.github/workflows/ci.yml", ".github/workflows/ci.yml"],
    ["templates/{{ .input_root_dir }}/src/train.py.tmpl", "src/train.py"],
    [".github/workflows/ci.yml.j2", ".github/workflows/ci.yml"],
    ["src/model.py.jinja", "src/model.py"],
    ["src/model.py", "src/model.py"],
    ["docs/.tmpl", "docs/.tmpl"],
    ["{{x}}.py", "{{x}}.py"],
  ])("reads %s as %s", (path, standsFor) => {
    expect(templatedPath(path)).toBe(standsFor);
  });
});

describe("unsupported CI systems", () => {
  const { root } = project({
    ".buildkite/pipeline.yml": "steps:\n  - command: make test\n",
    ".travis.yml": "language: python\nscript: pytest\n",
    Makefile: "test:\n\tpytest\n",
  });

  it.each([
    [".buildkite/pipeline.yml#test", "Buildkite"],
    [".travis.yml#test", "Travis CI"],
  ])("gives %s an info finding naming %s as not supported", (ci, system) => {
    const found = check(root, { ci });
    expect(found.result).toBe("info");
    expect(found.message).toContain(`${system} is not supported`);
    expect(found.message).toContain("GitHub Actions");
  });

  it("gives an unknown CI file an info finding too", () => {
    expect(check(root, { ci: "Makefile#test" })).toMatchObject({
      result: "info",
      message: expect.stringMatching(/not a CI file mltest understands/),
    });
  });

  it("leaves an automated claim whose only pointers are unsupported CI unverified", () => {
    const result = stateOf(root, { status: "automated", evidence: [{ ci: ".buildkite/pipeline.yml#test" }, { ci: ".travis.yml#test" }] });
    expect(result.state).toBe("unverified");
    expect(result.findings.map((f) => f.result)).toEqual(["info", "info", "unverified"]);
  });

  it("still breaks a pointer to a CI file that does not exist", () => {
    const { root: empty } = project({ "README.md": "" });
    expect(check(empty, { ci: "Jenkinsfile#build" }).result).toBe("broken");
  });
});

// ---------------------------------------------------------------------------------------------

describe("report pointers (JUnit XML)", () => {
  const REFUSED = "cannot read the XML: it declares a DOCTYPE, which a test report never needs, so it is refused";
  const recent = ' timestamp="2026-11-20T00:00:00"'; // 8 days before AS_OF
  const bomb = [
    '<?xml version="1.0"?>',
    "<!DOCTYPE lolz [",
    ' <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
    "]>",
    '<testsuite name="s" timestamp="2026-11-27T00:00:00"><testcase name="&lol9;">&lol9;</testcase><testcase name="b"><system-out>&lol9;</system-out></testcase></testsuite>',
  ].join("\n");
  const { root } = project({
    "reports/pass.xml": junit(PASS, recent),
    "reports/fail.xml": junit(
      `${PASS}<testcase classname="tests.test_b" name="test_fails"><failure message="assert 1 == 2">trace</failure></testcase>`,
      recent,
    ),
    "reports/error.xml": junit('<testcase classname="t" name="crashes"><error message="boom"/></testcase><testcase name="fine"/>', recent),
    "reports/skipped.xml": junit(
      '<testcase name="a"><skipped/></testcase><testcase name="b"><skipped message="later"/></testcase>',
      recent,
    ),
    "reports/nested.xml":
      '<testsuites><testsuite name="outer"><testsuite name="inner" timestamp="2026-11-25T00:00:00"><testcase name="a"/><testcase name="b"/></testsuite><testcase name="c"/></testsuite></testsuites>',
    "reports/bare.xml": `<testsuite name="bare" timestamp="2026-11-27T12:00:00"><testcase name="only"/></testsuite>`,
    "reports/malformed.xml": '<testsuites><testsuite name="x"><testcase name="a">',
    "reports/pom.xml": "<project><modelVersion>4.0.0</modelVersion></project>",
    "reports/old.xml": junit(PASS, ' timestamp="2026-09-01T00:00:00"'), // 88 days before AS_OF
    "reports/undated.xml": junit(PASS),
    "reports/empty.xml": "<testsuites><testsuite name='none'/></testsuites>",
    "reports/binary.xml": Buffer.concat([Buffer.from("<testsuite>"), Buffer.from([0, 1, 2, 0]), Buffer.from("</testsuite>")]),
    "reports/latin1.xml": Buffer.from([0x3c, 0x61, 0x3e, 0xe9, 0x3c, 0x2f, 0x61, 0x3e]),
    "reports/bomb.xml": bomb,
    "reports/huge.xml": "",
  });
  truncateSync(join(root, "reports/huge.xml"), MAX_READ_BYTES + 1); // sparse: no 10 MiB written

  it("accepts a report whose cases all passed, with its age", () => {
    expect(check(root, { report: "reports/pass.xml" })).toEqual({
      pointer: "report reports/pass.xml",
      result: "ok",
      message: "2 test cases passed, 8 days ago",
    });
    expect(stateOf(root, { status: "automated", evidence: [{ report: "reports/pass.xml" }] }).state).toBe("verified");
  });

  it("breaks a report with a failure and names the failed case", () => {
    expect(check(root, { report: "reports/fail.xml" })).toMatchObject({
      result: "broken",
      message: "1 of 3 test cases failed: tests.test_b.test_fails",
    });
    expect(check(root, { report: "reports/error.xml" }).message).toBe("1 of 2 test cases failed: t.crashes");
  });

  it("checks only the cases a cases: filter selects", () => {
    expect(check(root, { report: "reports/fail.xml", cases: "test_a" })).toMatchObject({
      result: "ok",
      message: "2 test cases passed, 8 days ago",
    });
    expect(check(root, { report: "reports/fail.xml", cases: "test_fails" }).result).toBe("broken");
  });

  it("breaks a cases: filter that matches nothing", () => {
    expect(check(root, { report: "reports/pass.xml", cases: "test_zzz" })).toMatchObject({
      result: "broken",
      message: 'no test case matches "test_zzz"',
    });
  });

  it("breaks a report whose cases were all skipped, or that has none", () => {
    expect(check(root, { report: "reports/skipped.xml" })).toMatchObject({ result: "broken", message: "all 2 test cases were skipped" });
    expect(check(root, { report: "reports/empty.xml" })).toMatchObject({ result: "broken", message: "the report has no test case" });
  });

  it("reads nested <testsuites><testsuite><testsuite> and a bare <testsuite> root", () => {
    expect(check(root, { report: "reports/nested.xml" })).toMatchObject({ result: "ok", message: "3 test cases passed, 3 days ago" });
    expect(check(root, { report: "reports/bare.xml" })).toMatchObject({ result: "ok", message: "1 test cases passed, 0 days ago" });
    const nested = readJunit(
      '<testsuites><testsuite><testsuite><testsuite><testcase name="deep"><failure/></testcase></testsuite></testsuite></testsuite></testsuites>',
    );
    expect(nested).toEqual({ ok: true, cases: [{ id: "deep", outcome: "failed" }] });
  });

  it("breaks malformed XML and XML that is not JUnit", () => {
    expect(check(root, { report: "reports/malformed.xml" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^not well-formed XML/),
    });
    expect(check(root, { report: "reports/pom.xml" })).toMatchObject({
      result: "broken",
      message: "not a JUnit report: no <testsuite> element",
    });
  });

  it("marks a report older than the maximum age stale, on the claim too", () => {
    expect(check(root, { report: "reports/old.xml" })).toMatchObject({
      result: "stale",
      message: "the report is 88 days old; the limit is 30",
    });
    expect(stateOf(root, { status: "automated", evidence: [{ report: "reports/old.xml" }] }).state).toBe("stale");
  });

  it("accepts a report without a timestamp and says its age is unknown", () => {
    const found = check(root, { report: "reports/undated.xml" });
    expect(found.result).toBe("ok");
    expect(found.message).toContain("age is unknown");
  });

  it("breaks a report over 10 MiB without reading it", () => {
    expect(check(root, { report: "reports/huge.xml" })).toMatchObject({
      result: "broken",
      message: expect.stringMatching(/^too large: 10485761 bytes/),
    });
  });

  it("breaks binary content and text that is not UTF-8", () => {
    expect(check(root, { report: "reports/binary.xml" })).toMatchObject({ result: "broken", message: "a binary file, not text" });
    expect(check(root, { report: "reports/latin1.xml" })).toMatchObject({ result: "broken", message: "not valid UTF-8 text" });
  });

  it("breaks a missing report and a folder", () => {
    expect(check(root, { report: "reports/missing.xml" }).message).toBe("no such file or folder");
    expect(check(root, { report: "reports" }).message).toBe("a folder, not a file");
  });

  it("refuses an entity-expansion bomb quickly and without throwing", () => {
    const started = performance.now();
    const found = check(root, { report: "reports/bomb.xml" });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(found).toMatchObject({ result: "broken", message: REFUSED });
    expect(readJunit(bomb)).toEqual({ ok: false, reason: REFUSED });
  });

  it("refuses any DOCTYPE, wherever the parser reads one, with or without entities", () => {
    const cases = '<testcase name="a"/>';
    for (const xml of [
      `<!DOCTYPE testsuite SYSTEM "junit.dtd">\n<testsuite>${cases}</testsuite>`, // no entities at all
      `<!DOCTYPE t [<!ENTITY a "&amp;b">]><testsuite><testcase name="&a;"/></testsuite>`, // only an entity the parser would drop
      `<!DOCTYPE t [<!ENTITY a "x">]><testsuite><testcase name="&a;"/></testsuite>`, // an entity the parser would expand
      `<!-- comment --><!DOCTYPE t [<!ENTITY a "x">]><testsuite>${cases}</testsuite>`,
      // Not well-formed, yet the validator lets it through and the parser would expand &a;.
      `<testsuite><!DOCTYPE t [<!ENTITY a "x">]><testcase name="&a;"/></testsuite>`,
      `<testsuite>${cases}</testsuite><!DOCTYPE t [<!ENTITY a "x">]>`,
    ]) {
      expect(readJunit(xml), xml).toEqual({ ok: false, reason: REFUSED });
    }
  });

  it("still reads the standard XML entities in names", () => {
    const read = readJunit(
      '<testsuite><testcase classname="a&amp;b" name="&lt;x&gt; &quot;q&quot; &apos;s&apos;"/><testcase name="t &amp;amp; u"/></testsuite>',
    );
    expect(read).toEqual({
      ok: true,
      cases: [
        { id: "a&b.<x> \"q\" 's'", outcome: "passed" },
        { id: "t &amp; u", outcome: "passed" },
      ],
    });
  });

  it("reads a large report with many standard entities in bounded time", () => {
    const many = Array.from(
      { length: 20_000 },
      (_, i) => `<testcase classname="m&amp;n" name="t${i} &lt;ok&gt;"><system-out>${"&amp;".repeat(20)}</system-out></testcase>`,
    ).join("");
    const started = performance.now();
    const read = readJunit(`<testsuite timestamp="2026-11-20T00:00:00">${many}</testsuite>`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(read.ok && read.cases.length).toBe(20_000);
    expect(read.ok && read.cases[0]).toEqual({ id: "m&n.t0 <ok>", outcome: "passed" });
  });

  it("ignores a timestamp whose date or time does not exist, like any unparseable one", () => {
    for (const stamp of [
      "2026-02-30T00:00:00Z", // Date.parse reads this as 2026-03-02
      "2025-02-29T00:00:00", // not a leap year
      "2100-02-29", // nor is 2100
      "2026-04-31T12:00:00",
      "2026-13-01T00:00:00",
      "2026-00-10T00:00:00",
      "2026-01-00T00:00:00",
      "2026-01-01T24:00:00",
      "2026-01-01T12:60:00",
      "2026-01-01T12:00:60Z", // a leap second
      "2026-01-01T12:00:00+24:00",
      "2026-01-01T12:00:00.Z",
      "2026-1-1T12:00:00",
      "Mon, 30 Feb 2026 12:00:00 GMT", // not ISO 8601; Date.parse reads it as March 2
      "yesterday",
      "",
    ]) {
      expect(readJunit(`<testsuite timestamp="${stamp}"><testcase name="a"/></testsuite>`), stamp).toEqual({
        ok: true,
        cases: [{ id: "a", outcome: "passed" }],
      });
    }
  });

  it("accepts the timestamps test runners write, and dates the report by the newest instant", () => {
    for (const stamp of [
      "2024-02-29T12:00:00",
      "2026-11-20T00:00:00Z",
      "2026-11-20T01:00:00.123456+01:00",
      "2026-11-20 00:00:00",
      "2026-11-20T00:00",
      "2026-11-20",
      "2026-11-20T03:00:00+0300",
    ]) {
      expect(readJunit(`<testsuite timestamp="${stamp}"><testcase name="a"/></testsuite>`), stamp).toMatchObject({
        ok: true,
        timestamp: stamp,
      });
    }
    // 10:00+05:00 is 05:00 UTC, earlier than 06:00Z although it sorts later as text.
    const suites =
      '<testsuite timestamp="2026-11-20T10:00:00+05:00"><testcase name="a"/></testsuite><testsuite timestamp="2026-11-20T06:00:00Z"/><testsuite timestamp="2026-11-31T00:00:00Z"/>';
    expect(readJunit(`<testsuites>${suites}</testsuites>`)).toMatchObject({ ok: true, timestamp: "2026-11-20T06:00:00Z" });
  });
});

describe("dates (src/dates.ts)", () => {
  const utc = (iso: string) => new Date(iso).getTime();

  it("parseIsoDate reads a real YYYY-MM-DD as its midnight UTC, and nothing else", () => {
    expect(parseIsoDate("2026-11-28")).toBe(utc("2026-11-28T00:00:00Z"));
    expect(parseIsoDate("2024-02-29")).toBe(utc("2024-02-29T00:00:00Z"));
    expect(parseIsoDate("2000-02-29")).toBe(utc("2000-02-29T00:00:00Z"));
    expect(parseIsoDate("0050-01-01")).toBe(new Date("0050-01-01T00:00:00Z").getTime()); // year 50, not 1950
    for (const bad of [
      "2026-02-30",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-01",
      "2026-01-00",
      "2026-1-01",
      "26-01-01",
      "2026-01-01T00:00:00",
      " 2026-01-01",
      "2026-01-01 ",
      "２０２６-01-01",
      "",
    ]) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it("parseIsoTimestamp reads dates and times in their zone, UTC when none is given", () => {
    expect(parseIsoTimestamp("2026-11-28")).toBe(utc("2026-11-28T00:00:00Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56")).toBe(utc("2026-11-28T12:34:56Z"));
    expect(parseIsoTimestamp("2026-11-28t12:34:56z")).toBe(utc("2026-11-28T12:34:56Z"));
    expect(parseIsoTimestamp("2026-11-28 12:34")).toBe(utc("2026-11-28T12:34:00Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56.7891+02:00")).toBe(utc("2026-11-28T10:34:56.789Z"));
    expect(parseIsoTimestamp("2026-11-28T12:34:56,5Z")).toBe(utc("2026-11-28T12:34:56.500Z"));
    expect(parseIsoTimestamp("2026-11-28T00:30:00-0130")).toBe(utc("2026-11-28T02:00:00Z"));
    expect(parseIsoTimestamp("2026-11-28T00:00:00-05")).toBe(utc("2026-11-28T05:00:00Z"));
    expect(parseIsoTimestamp("2026-02-28T23:59:59+00:00")).toBe(utc("2026-02-28T23:59:59Z"));
    for (const bad of [
      "2026-02-30T00:00:00Z",
      "2026-11-28T",
      "2026-11-28T12",
      "2026-11-28T1:00",
      "2026-11-28T12:00:0",
      "2026-11-28T12:00:00.",
      "2026-11-28T12:00:00+1",
      "2026-11-28T12:00:00+01:0",
      "2026-11-28T12:00:00+01:60",
      "2026-11-28T12:00:00 Z",
      "2026-11-28T12:00:00ZZ",
      "2026-11-28_12:00",
      "20261128T120000Z",
    ]) {
      expect(parseIsoTimestamp(bad), bad).toBeUndefined();
    }
  });

  it("daysBetween counts whole UTC days, from a date or a timestamp in any zone", () => {
    expect(daysBetween("2026-11-20", AS_OF)).toBe(8);
    expect(daysBetween("2026-11-20T23:59:59", AS_OF)).toBe(7);
    expect(daysBetween("2026-11-21T01:00:00+02:00", AS_OF)).toBe(7); // 2026-11-20T23:00Z
    expect(daysBetween("2026-11-29T00:00:00Z", AS_OF)).toBe(0); // the future counts as today
    expect(daysBetween("2026-02-30", AS_OF)).toBeNaN(); // callers pass checked dates; never a rolled-over one
  });

  it("--as-of and --since take only real dates, through the same parser", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2026-02-30", "2026-2-3", "2026-02-03T00:00:00", "today"]) {
      expect(() => parseDate(bad), bad).toThrow(UsageError);
    }
  });

  it("the evidence file's verified and expires, and history dates, refuse impossible dates too (zod's calendar check)", () => {
    const claim = { status: "not-applicable", reason: "no model", expires: "2026-02-29" };
    expect(evidenceSchema().safeParse({ tests: { "data-1": claim } }).success).toBe(false);
    expect(evidenceSchema().safeParse({ tests: { "data-1": { ...claim, expires: "2028-02-29" } } }).success).toBe(true);
    expect(evidenceSchema().safeParse({ tests: { "data-1": { status: "manual", verified: "2026-04-31" } } }).success).toBe(false);
    const line = (date: string) =>
      `${JSON.stringify({ date, rubric: { id: "r", version: "1", sha256: "0".repeat(64) }, sections: {}, final: 0, max: 0, band: "b", statuses: {} })}\n`;
    expect(parseHistory(line("2026-02-30"), "h.jsonl").entries).toEqual([]);
    expect(parseHistory(line("2026-02-28"), "h.jsonl").problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("claims and states", () => {
  const { root } = project({
    "docs/run.md": "# Manual run\n",
    "tests/test_x.py": "",
    ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    steps:\n      - run: pytest\n",
  });
  const doc = { doc: "docs/run.md" };
  const ci = { ci: ".github/workflows/ci.yml#test" };

  it("verifies a manual claim with a recent verified date and a document", () => {
    const result = stateOf(root, { status: "manual", verified: "2026-10-01", evidence: [doc] });
    expect(result.state).toBe("verified");
    expect(result.findings).toContainEqual({ pointer: "verified 2026-10-01", result: "ok", message: "58 days old" });
  });

  it("leaves a manual claim without a verified date unverified", () => {
    const result = stateOf(root, { status: "manual", evidence: [doc] });
    expect(result.state).toBe("unverified");
    expect(result.findings).toContainEqual(expect.objectContaining({ pointer: "verified", result: "unverified" }));
  });

  it("makes a manual claim with an old verified date stale", () => {
    // 2026-08-29 → 2026-11-28 is 91 days; the built-in rubric allows 90.
    const result = stateOf(root, { status: "manual", verified: "2026-08-29", evidence: [doc] });
    expect(result.state).toBe("stale");
    expect(result.findings).toContainEqual({
      pointer: "verified 2026-08-29",
      result: "stale",
      message: "the manual run is 91 days old; the limit is 90",
    });
    expect(stateOf(root, { status: "manual", verified: "2026-08-30", evidence: [doc] }).state).toBe("verified"); // exactly 90
  });

  it("leaves a manual claim with only a URL unverified", () => {
    const result = stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [{ url: "https://wiki.example.com/run" }] });
    expect(result.state).toBe("unverified");
    expect(result.findings[0]).toEqual({
      pointer: "url https://wiki.example.com/run",
      result: "info",
      message: "shown in reports, never fetched",
    });
  });

  it("leaves an automated claim with only path and doc pointers unverified", () => {
    const result = stateOf(root, { status: "automated", evidence: [{ path: "tests/test_x.py" }, doc] });
    expect(result.state).toBe("unverified");
    expect(result.findings.at(-1)).toMatchObject({ pointer: "evidence", result: "unverified" });
    expect(stateOf(root, { status: "automated" }).state).toBe("unverified");
  });

  it("breaks a claim with any broken pointer, even beside verified ones", () => {
    expect(stateOf(root, { status: "automated", evidence: [ci, { path: "tests/test_x.py" }, { path: "tests/gone.py" }] }).state).toBe(
      "broken",
    );
    expect(stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [doc, { doc: "docs/gone.md" }] }).state).toBe("broken");
    // broken beats stale
    expect(stateOf(root, { status: "manual", verified: "2020-01-01", evidence: [{ doc: "docs/gone.md" }] }).state).toBe("broken");
  });

  it("lets stale beat unverified", () => {
    expect(stateOf(root, { status: "manual", verified: "2020-01-01", evidence: [{ url: "https://example.com" }] }).state).toBe("stale");
  });

  it("does not let URLs downgrade a verified claim", () => {
    expect(stateOf(root, { status: "automated", evidence: [ci, { url: "https://grafana.example.com/d/x" }] }).state).toBe("verified");
    expect(stateOf(root, { status: "manual", verified: "2026-11-01", evidence: [{ url: "https://a.example.com" }, doc] }).state).toBe(
      "verified",
    );
  });

  it("gives none and not-applicable tests no verification", () => {
    const result = verifyTests(root, {
      "data-1": { status: "none", evidence: [{ path: "tests/gone.py" }] },
      "data-2": { status: "not-applicable", reason: "no features", evidence: [{ doc: "docs/gone.md" }] },
      "data-3": { status: "automated", evidence: [ci] },
    });
    expect([...result.keys()]).toEqual(["data-3"]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("maximum ages as data", () => {
  const t = (id: string, maxAgeDays?: Record<string, number>) => ({
    id,
    title: id,
    why: "why",
    how: "how",
    manual: "manual",
    automated: "automated",
    ...(maxAgeDays && { maxAgeDays }),
  });
  const rubric = rubricSchema().parse({
    id: "ages",
    title: "Ages",
    version: 1,
    scoring: { points: { none: 0, manual: 0.5, automated: 1 }, bands: [{ max: 2, label: "all" }] },
    maxAgeDays: { verified: 100, report: 50 },
    sections: [
      { id: "a", title: "A", maxAgeDays: { report: 20 }, tests: [t("a-1"), t("a-2", { verified: 10 })] },
      { id: "b", title: "B", tests: [t("b-1")] },
    ],
  });
  const [a, b] = [rubric.sections[0]!, rubric.sections[1]!];
  const ev = (doc: Record<string, unknown>) => evidenceSchema().parse({ tests: {}, ...doc });

  it("layers rubric, section and test", () => {
    expect(maxAgeFor(rubric, b, b.tests[0]!, ev({}))).toEqual({ verified: 100, report: 50 });
    expect(maxAgeFor(rubric, a, a.tests[0]!, ev({}))).toEqual({ verified: 100, report: 20 });
    expect(maxAgeFor(rubric, a, a.tests[1]!, ev({}))).toEqual({ verified: 10, report: 20 });
  });

  it("lets the evidence file override key by key, its per-test setting last", () => {
    const evidence = ev({
      maxAgeDays: { report: 5 },
      tests: { "a-2": { status: "manual", maxAgeDays: { verified: 3 } }, "b-1": { status: "manual", maxAgeDays: { report: 60 } } },
    });
    expect(maxAgeFor(rubric, a, a.tests[0]!, evidence)).toEqual({ verified: 100, report: 5 });
    expect(maxAgeFor(rubric, a, a.tests[1]!, evidence)).toEqual({ verified: 3, report: 5 });
    expect(maxAgeFor(rubric, b, b.tests[0]!, evidence)).toEqual({ verified: 100, report: 60 });
  });

  it("gives the built-in rubric's monitor section 7 days for reports", () => {
    const monitor = builtin.sections.find((s) => s.id === "monitor")!;
    const data = builtin.sections.find((s) => s.id === "data")!;
    expect(maxAgeFor(builtin, monitor, monitor.tests[1]!, ev({}))).toEqual({ verified: 90, report: 7 });
    expect(maxAgeFor(builtin, data, data.tests[0]!, ev({}))).toEqual({ verified: 90, report: 30 });
  });

  describe("applied to a 10-day-old report", () => {
    const { root } = project({ "r.xml": junit(PASS, ' timestamp="2026-11-18T00:00:00"') }); // 10 days before AS_OF
    const claim = (extra: Record<string, unknown> = {}) => ({ status: "automated", evidence: [{ report: "r.xml" }], ...extra });

    it("is current for data (30 days) and stale for monitor (7 days)", () => {
      const result = verifyDoc(root, { tests: { "data-1": claim(), "monitor-2": claim() } });
      expect(result.get("data-1")!.state).toBe("verified");
      expect(result.get("monitor-2")!.state).toBe("stale");
      expect(result.get("monitor-2")!.findings[0]!.message).toBe("the report is 10 days old; the limit is 7");
    });

    it("follows the evidence file's top level, then its per-test override", () => {
      const result = verifyDoc(root, {
        maxAgeDays: { report: 5 },
        tests: {
          "data-1": claim(),
          "monitor-2": claim({ maxAgeDays: { report: 14 } }),
          "data-2": claim({ maxAgeDays: { verified: 400 } }),
        },
      });
      expect(result.get("data-1")!.findings[0]!.message).toBe("the report is 10 days old; the limit is 5");
      expect(result.get("monitor-2")!.state).toBe("verified");
      expect(result.get("data-2")!.state).toBe("stale"); // the per-test override sets verified only
    });

    it("follows a test-level rubric setting", () => {
      const custom = rubricSchema().parse({
        ...rubric,
        sections: [{ ...rubric.sections[0], tests: [t("a-1", { report: 12 }), t("a-2", { report: 9 })] }, rubric.sections[1]],
      });
      const result = verifyDoc(root, { tests: { "a-1": claim(), "a-2": claim(), "b-1": claim() } }, custom);
      expect(result.get("a-1")!.state).toBe("verified");
      expect(result.get("a-2")!.state).toBe("stale");
      expect(result.get("b-1")!.state).toBe("verified"); // 50 days
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("scoring by mode", () => {
  const workflow = "on: [push]\njobs:\n  test:\n    steps:\n      - run: pytest tests\n";
  const verifiedElsewhere = Object.fromEntries(
    builtin.sections
      .filter((s) => s.id !== "data")
      .flatMap((s) => s.tests.map((t) => [t.id, { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test" }] }] as const)),
  );
  const claimsOfData = {
    "data-1": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: "pytest" }] }, // verified
    "data-2": { status: "automated", evidence: [{ path: "tests" }] }, // unverified
    "data-3": { status: "manual", verified: "2026-01-01", evidence: [{ doc: "docs/run.md" }] }, // stale (331 days > 90)
    "data-4": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#gone" }] }, // broken
    "data-5": { status: "not-applicable", reason: "no personal data", approvedBy: "privacy", expires: AS_OF }, // expired today
    "data-6": { status: "not-applicable", reason: "no infra cost", approvedBy: "platform", expires: "2026-11-29" }, // holds
  };
  const { root } = project({
    "mltest.yaml": JSON.stringify({ project: "modes", tests: { ...claimsOfData, ...verifiedElsewhere } }), // JSON is YAML
    "strict.yaml": JSON.stringify({ project: "modes", gate: { strict: true }, tests: { ...claimsOfData, ...verifiedElsewhere } }),
    ".github/workflows/ci.yml": workflow,
    "docs/run.md": "# run\n",
    "tests/test_a.py": "",
  });
  const score = (options: { strict?: boolean; evidence?: string } = {}) =>
    scoreProject(loadProject(root, options.evidence ? { evidence: join(root, options.evidence) } : {}), {
      asOf: AS_OF,
      thresholds: {},
      ...(options.strict !== undefined && { strict: options.strict }),
    });
  const testOf = (report: ReturnType<typeof score>, id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;

  it("by default keeps unverified and stale points and zeroes broken ones", () => {
    const report = score();
    expect(report.mode).toBe("default");
    const data = report.sections[0]!;
    expect(data.tests.map((t) => [t.id, t.verification?.state ?? "-", t.points, t.claimed])).toEqual([
      ["data-1", "verified", 1, 1],
      ["data-2", "unverified", 1, 1],
      ["data-3", "stale", 0.5, 0.5],
      ["data-4", "broken", 0, 1],
      ["data-5", "-", 0, 0],
      ["data-6", "-", 0, 0],
      ["data-7", "-", 0, 0],
    ]);
    // Counted: data-6 alone is not-applicable (data-5's waiver expired, so it counts as none):
    // 1 + 1 + 0.5 + 0 + 0 + 0 = 2.5 over 6 applicable tests → 7 × 2.5 / 6 = 2.9166… → 2.92.
    expect(data.score).toBe(2.92);
    // Claimed: data-5 and data-6 are not-applicable; data-4 counts 1:
    // 1 + 1 + 0.5 + 1 + 0 = 3.5 over 5 → 7 × 3.5 / 5 = 4.9.
    expect(data.claimed).toBe(4.9);
    expect(report.sections.slice(1).map((s) => [s.score, s.claimed])).toEqual([
      [7, 7],
      [7, 7],
      [7, 7],
    ]);
    // Without waivers: data-6 counts as none too: 2.5 over 7 → 2.5. Final = min over sections.
    expect(report.final).toMatchObject({ score: 2.92, claimed: 4.9, withoutWaivers: 2.5, max: 7, weakest: ["data"] });
    expect(report.final.band.label).toBe("Solid, partly manual");
  });

  it("marks the expired waiver (expires ≤ as-of) and keeps the one still running", () => {
    const report = score();
    expect(testOf(report, "data-5").waiver).toEqual({ approvedBy: "privacy", expires: AS_OF, expired: true });
    expect(testOf(report, "data-6").waiver).toEqual({ approvedBy: "platform", expires: "2026-11-29", expired: false });
    expect(testOf(report, "data-5").status).toBe("not-applicable");
  });

  it("in strict mode (--strict) zeroes unverified and stale claims", () => {
    const report = score({ strict: true });
    expect(report.mode).toBe("strict");
    expect(report.sections[0]!.tests.slice(0, 4).map((t) => t.points)).toEqual([1, 0, 0, 0]);
    // Counted: only data-1 → 7 × 1 / 6 = 1.1666… → 1.17; claimed is unchanged (4.9);
    // without waivers: 1 over 7 → 1.
    expect(report.final).toMatchObject({ score: 1.17, claimed: 4.9, withoutWaivers: 1 });
    expect(report.final.band.label).toBe("First production pass");
  });

  it("in strict mode from gate: { strict: true } in the file", () => {
    const report = score({ evidence: "strict.yaml" });
    expect(report.mode).toBe("strict");
    expect(report.final.score).toBe(1.17);
    expect(score({ evidence: "strict.yaml", strict: false }).mode).toBe("strict"); // the file's gate still holds
  });

  it("lists a fix-evidence step first, for the broken claim", () => {
    const steps = score().nextSteps;
    expect(steps[0]).toMatchObject({ section: "data", test: "data-4", kind: "fix-evidence", from: "none", to: "automated", gain: 1.17 });
    expect(steps[0]!.action).toMatch(/^Fix the evidence \(broken\): ci \.github\/workflows\/ci\.yml#gone: no job "gone"/);
    expect(steps.filter((s) => s.kind === "fix-evidence").map((s) => s.test)).toEqual(["data-4"]);
    // Strict: the unverified and stale claims need their proof fixed too, before any raise.
    const strict = score({ strict: true }).nextSteps;
    expect(strict.slice(0, 3).map((s) => [s.test, s.kind, s.gain])).toEqual([
      ["data-2", "fix-evidence", 1.17],
      ["data-3", "fix-evidence", 0.58],
      ["data-4", "fix-evidence", 1.17],
    ]);
    expect(strict[3]!.kind).toBe("raise");
  });

  it("rejects approvedBy or expires on a test that is not a waiver", () => {
    const { root: bad } = project({
      "mltest.yaml": JSON.stringify({ tests: { "data-1": { status: "automated", approvedBy: "me", expires: "2027-01-01" } } }),
    });
    let error: unknown;
    try {
      loadProject(bad);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    const messages = (error as InputError).problems.map((p) => p.message);
    expect(messages).toContain('"approvedBy" belongs to a not-applicable waiver; this test\'s status is automated');
    expect(messages).toContain('"expires" belongs to a not-applicable waiver; this test\'s status is automated');
  });
});

// ---------------------------------------------------------------------------------------------

describe("safety", () => {
  it("never executes anything named in the evidence", () => {
    const marks = Array.from({ length: 5 }, () => join(tmpdir(), `pwned-${randomUUID()}`));
    const [m0, m1, m2, m3, m4] = marks as [string, string, string, string, string];
    const { root } = project({
      ".github/workflows/ci.yml": `on: [push]\njobs:\n  test:\n    steps:\n      - run: touch ${m0}\n`,
      ".gitlab-ci.yml": `include:\n  - local: '$(touch ${m3})'\njob:\n  script: ["touch ${m4}"]\n`,
      "mltest.yaml": JSON.stringify({
        tests: {
          "data-1": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: `touch ${m0}` }] },
          "data-2": { status: "manual", verified: "2026-11-01", evidence: [{ doc: `$(touch ${m1})` }, { path: `\`touch ${m2}\`` }] },
          "data-3": {
            status: "automated",
            evidence: [{ ci: ".gitlab-ci.yml#job", runs: `touch ${m4}` }, { report: `$(touch ${m1}).xml` }],
          },
          "data-4": { status: "automated", evidence: [{ ci: `.gitlab-ci.yml#$(touch ${m2})` }] },
        },
      }),
    });
    try {
      const report = scoreProject(loadProject(root), { asOf: AS_OF, thresholds: {} });
      const tests = report.sections[0]!.tests;
      expect(tests[0]!.verification?.state).toBe("verified"); // the text is found, not run
      expect(tests[1]!.verification?.state).toBe("broken");
      expect(tests[2]!.verification?.state).toBe("broken");
      for (const mark of marks) expect(existsSync(mark), mark).toBe(false);
    } finally {
      for (const mark of marks) rmSync(mark, { force: true });
    }
  });

  describe("never opens a network connection", () => {
    it("while scoring examples/demand-forecast (which has URL pointers)", () => {
      const trap = () => {
        throw new Error("network access during verification");
      };
      const watched = [
        vi.spyOn(net.Socket.prototype, "connect").mockImplementation(trap),
        vi.spyOn(net, "connect").mockImplementation(trap),
        vi.spyOn(net, "createConnection").mockImplementation(trap),
        vi.spyOn(tls, "connect").mockImplementation(trap),
        vi.spyOn(http, "request").mockImplementation(trap),
        vi.spyOn(http, "get").mockImplementation(trap),
        vi.spyOn(https, "request").mockImplementation(trap),
        vi.spyOn(https, "get").mockImplementation(trap),
        vi.spyOn(dns, "lookup").mockImplementation(trap),
        vi.spyOn(globalThis, "fetch").mockImplementation(trap),
      ];
      let report: ReturnType<typeof scoreProject> | undefined;
      try {
        report = scoreProject(loadProject(join(ROOT, "examples/demand-forecast")), { asOf: AS_OF, thresholds: {} });
        for (const spy of watched) expect(spy).not.toHaveBeenCalled();
      } finally {
        for (const spy of watched) spy.mockRestore();
      }

      const state = (id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!.verification;
      expect(state("data-1")?.state).toBe("verified");
      expect(state("model-2")?.state).toBe("unverified");
      expect(state("monitor-6")?.state).toBe("unverified"); // automated, URL only
      expect(state("monitor-6")?.findings[0]).toMatchObject({ result: "info", message: "shown in reports, never fetched" });
      expect(state("data-7")?.state).toBe("broken");
      expect(state("infra-6")?.state).toBe("broken");
      expect(state("model-6")?.state).toBe("stale");
      expect(state("monitor-2")?.state).toBe("stale"); // 25-day-old report; monitor allows 7
      expect(state("monitor-1")?.state).toBe("verified"); // scheduled via an included file's template
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("one walk however many globs", () => {
  // 100 files across nested folders, plus folders a walk must skip and a link back to the root.
  const dirs = [
    "",
    "src",
    "src/pkg",
    "src/pkg/a",
    "src/pkg/a/b",
    "src/pkg/a/b/c",
    "src/pkg/a/b/c/d",
    "src/pkg/a/b/c/d/deep",
    "tests",
    "tests/unit",
    "docs",
  ];
  const files: Record<string, string> = {};
  for (let i = 0; i < 100; i++) {
    const dir = dirs[i % dirs.length]!;
    files[`${dir ? `${dir}/` : ""}f${i}.${i % 3 === 0 ? "py" : "txt"}`] = "";
  }
  files[".git/objects/x.py"] = "";
  files["node_modules/p/q/y.py"] = "";
  const { root } = project(files);
  symlinkSync(root, join(root, "src/loop"));
  const readsUnder = () => fsSpy.readdirCalls.filter((p) => p === root || p.startsWith(`${root}/`));

  beforeEach(() => {
    fsSpy.readdirCalls.length = 0;
  });

  it("reads each folder once for many globs, skipping .git and node_modules", () => {
    const projectFiles = new ProjectFiles(root);
    const deep = projectFiles.glob("src/**/deep/*.txt", 100);
    expect(deep.ok && deep.matches.length).toBeGreaterThan(0);
    expect(deep.ok && deep.matches.every((m) => m.startsWith("src/pkg/a/b/c/d/deep/"))).toBe(true);
    for (const pattern of ["**/*.py", "tests/**", "docs/*.txt", "**/f9*", "nothing/**"]) projectFiles.glob(pattern);
    expect(projectFiles.walk().files).toHaveLength(100);
    expect(readsUnder().sort()).toEqual(dirs.map((d) => (d ? join(root, d) : root)).sort());
  });

  it("walks once for every glob pointer of every claim in one verification", () => {
    const globs = ["src/**/*.py", "src/**/deep/*.txt", "tests/**/*.txt", "docs/*", "**/f1*"];
    const tests = Object.fromEntries(
      ["data-1", "data-2", "data-3", "model-1", "infra-1"].map((id, i) => [
        id,
        { status: "automated", evidence: globs.slice(i).map((path) => ({ path })) },
      ]),
    );
    const result = verifyDoc(root, { tests });
    expect([...result.values()].flatMap((v) => v.findings).filter((f) => f.pointer.startsWith("path") && f.result !== "ok")).toEqual([]);
    expect(readsUnder()).toHaveLength(dirs.length);
    expect(result.get("data-2")!.findings.find((f) => f.pointer === "path src/**/deep/*.txt")!.message).toMatch(
      /^matches \d+ files?, e\.g\. src\/pkg\/a\/b\/c\/d\/deep\//,
    );
    expect(result.get("data-1")!.findings.find((f) => f.pointer === "path **/f1*")!.message).toMatch(/^matches 10 or more files/);
  });

  it("stops a walk at the entry cap and says the glob looked at part of the project", () => {
    const big = project({ "top.py": "", "big/.keep": "" }).root;
    const other = { name: "socket", isDirectory: () => false, isFile: () => false, isSymbolicLink: () => false };
    fsSpy.fake = { path: join(big, "big"), entries: new Array<unknown>(MAX_WALK_ENTRIES + 1).fill(other) };
    try {
      const projectFiles = new ProjectFiles(big);
      const walked = projectFiles.walk();
      expect(walked.truncated).toBe(true);
      expect(projectFiles.glob("top.py")).toEqual({ ok: true, matches: ["top.py"], truncatedWalk: true });
      const found = verifyDoc(
        big,
        { tests: { "data-1": { status: "automated", evidence: [{ path: "**/*.nothing" }] } } },
        builtin,
        projectFiles,
      ).get("data-1")!.findings[0]!;
      expect(found).toMatchObject({ result: "broken", message: expect.stringMatching(/too large to walk whole/) });
    } finally {
      fsSpy.fake = undefined;
    }
  });
});
