// File access behind ProjectReader (src/verify/files.ts): verify() asks a project for its files
// only through that interface, so evidence pointers can be checked against a project held in
// memory (test/fake-project.ts) without touching the disk; and the fake answers as ProjectFiles
// does, so that what a test learns from it holds for the real thing.
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { loadRubric } from "../src/load/rubric.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { ProjectFiles, type ProjectReader } from "../src/verify/files.js";
import { type Verification, verify } from "../src/verify/verify.js";
import { FakeProject } from "./fake-project.js";
import { AS_OF, caseFolders, ROOT } from "./run.js";

// node:fs with every function watched (realpathSync.native too): while `disk.closed` is set, a
// call is recorded and throws.
const disk = vi.hoisted(() => ({ closed: false, calls: [] as string[] }));
vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  const watch =
    (name: string, fn: (...args: unknown[]) => unknown) =>
    (...args: unknown[]) => {
      if (disk.closed) {
        disk.calls.push(`${name}(${String(args[0])})`);
        throw new Error(`the disk was touched: fs.${name}(${String(args[0])})`);
      }
      return fn(...args);
    };
  const watched: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(actual)) {
    // Functions only; classes (Dirent, Stats) and namespaces (promises, constants) stay as they are.
    if (typeof value !== "function" || !/^[a-z]/.test(name)) {
      watched[name] = value;
      continue;
    }
    const props = Object.entries(value).map(([key, prop]) => [key, typeof prop === "function" ? watch(`${name}.${key}`, prop) : prop]);
    watched[name] = Object.assign(watch(name, value as (...args: unknown[]) => unknown), Object.fromEntries(props));
  }
  return { ...watched, default: watched };
});

const RUBRIC = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;
const dirWith = caseFolders("mltest-project-reader-");

const junit = (cases: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="unit" timestamp="2026-11-20T10:00:00Z">${cases}</testsuite>\n`;

/** A small project: code, a review, a workflow whose job reaches pytest through make, two reports. */
const FILES: Record<string, string> = {
  "src/model.py": "print('model')\n",
  "tests/test_model.py": "def test_model(): pass\n",
  "docs/review.md": "# Model review\n",
  Makefile: "test:\n\tpytest tests\n",
  ".github/workflows/ci.yml": "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
  "reports/unit.xml": junit('<testcase classname="tests.test_model" name="test_model"/>'),
  "reports/failed.xml": junit('<testcase classname="tests.test_model" name="test_bad"><failure message="no"/></testcase>'),
  "reports/binary.xml": "\u0000\u0001\u0002",
  "node_modules/pkg/vendored.py": "",
};

/** A claim per pointer kind, each pointer alone, so that every finding can be read off by test id. */
const TESTS = {
  "data-1": {
    status: "manual",
    verified: "2026-11-01",
    evidence: [{ path: "src/model.py" }, { path: "tests/*.py" }, { path: "./src/../src/model.py" }],
  },
  "data-2": { status: "manual", verified: "2026-11-01", evidence: [{ doc: "docs/review.md" }, { url: "https://example.com/review" }] },
  "data-3": { status: "automated", evidence: [{ ci: ".github/workflows/ci.yml#test", runs: "pytest tests" }] },
  "data-4": { status: "automated", evidence: [{ report: "reports/unit.xml" }] },
  "data-5": {
    status: "automated",
    evidence: [
      { path: "missing.py" },
      { path: "../outside.py" },
      { path: "/etc/passwd" },
      { path: "src/model.py/inner" },
      { path: "**/vendored.py" },
      { doc: "docs" },
    ],
  },
  "data-6": {
    status: "automated",
    evidence: [
      { ci: ".github/workflows/ci.yml#deploy" },
      { ci: ".github/workflows/ci.yml#test", runs: "pytest --slow" },
      { report: "reports/failed.xml" },
      { report: "reports/binary.xml" },
    ],
  },
};

const NO_RUN = "an automated claim needs a ci or report pointer that shows the test runs";

function verified(files: ProjectReader): Map<string, Verification> {
  return verify({ rubric: RUBRIC, evidence: evidenceSchema().parse({ tests: TESTS }), files, asOf: AS_OF });
}

describe("evidence pointers checked against a project in memory", () => {
  it("verifies every kind of pointer through ProjectReader alone, without touching the disk", () => {
    const project = new FakeProject(FILES);
    disk.closed = true;
    let result: Map<string, Verification>;
    try {
      result = verified(project);
    } finally {
      disk.closed = false;
    }
    expect(disk.calls).toEqual([]);

    expect(result.get("data-1")).toEqual({
      state: "verified",
      findings: [
        { pointer: "path src/model.py", result: "ok", message: "exists" },
        { pointer: "path tests/*.py", result: "ok", message: "matches 1 file, e.g. tests/test_model.py" },
        { pointer: "path ./src/../src/model.py", result: "ok", message: "exists" },
        { pointer: "verified 2026-11-01", result: "ok", message: "27 days old" },
      ],
    });
    expect(result.get("data-2")).toEqual({
      state: "verified",
      findings: [
        { pointer: "doc docs/review.md", result: "ok", message: "exists" },
        { pointer: "url https://example.com/review", result: "info", message: "shown in reports, never fetched" },
        { pointer: "verified 2026-11-01", result: "ok", message: "27 days old" },
      ],
    });
    expect(result.get("data-3")).toEqual({
      state: "verified",
      findings: [
        {
          pointer: "ci .github/workflows/ci.yml#test",
          result: "ok",
          message: 'GitHub Actions job "test" exists and runs "pytest tests" via make test (Makefile:1)',
        },
      ],
    });
    expect(result.get("data-4")).toEqual({
      state: "verified",
      findings: [
        { pointer: "report reports/unit.xml", result: "ok", message: expect.stringMatching(/^1 test cases? passed, 7 days ago$/) },
      ],
    });
    expect(result.get("data-5")).toEqual({
      state: "broken",
      findings: [
        { pointer: "path missing.py", result: "broken", message: "no such file or folder" },
        { pointer: "path ../outside.py", result: "broken", message: "leads outside the project root" },
        { pointer: "path /etc/passwd", result: "broken", message: "an absolute path; evidence paths are relative to the project root" },
        { pointer: "path src/model.py/inner", result: "broken", message: "a part of the path is not a folder" },
        { pointer: "path **/vendored.py", result: "broken", message: "matches no file" },
        { pointer: "doc docs", result: "broken", message: "a folder, not a file" },
        { pointer: "evidence", result: "unverified", message: NO_RUN },
      ],
    });
    expect(result.get("data-6")).toEqual({
      state: "broken",
      findings: [
        {
          pointer: "ci .github/workflows/ci.yml#deploy",
          result: "broken",
          message: 'no job "deploy" in .github/workflows/ci.yml; its jobs: test',
        },
        {
          pointer: "ci .github/workflows/ci.yml#test",
          result: "broken",
          message: 'the job\'s steps never run "pytest --slow", nor do the task runners and scripts they call',
        },
        { pointer: "report reports/failed.xml", result: "broken", message: "1 of 1 test cases failed: tests.test_model.test_bad" },
        { pointer: "report reports/binary.xml", result: "broken", message: "a binary file, not text" },
        { pointer: "evidence", result: "unverified", message: NO_RUN },
      ],
    });
    // What was looked at: the pointers, and the Makefile the job's `make test` led to.
    expect(project.asked).toEqual(expect.arrayContaining(["docs/review.md", "reports/unit.xml", "Makefile"]));
  });

  it("control: ProjectFiles on the same files is caught touching the disk", () => {
    const dir = dirWith(FILES);
    disk.closed = true;
    try {
      expect(() => verified(new ProjectFiles(dir))).toThrow(/the disk was touched: fs\.realpathSync\.native/);
    } finally {
      disk.closed = false;
      disk.calls.length = 0;
    }
  });

  it("gives what ProjectFiles gives for the same files on the disk", () => {
    const onDisk = verified(new ProjectFiles(dirWith(FILES)));
    const inMemory = verified(new FakeProject(FILES));
    expect([...inMemory.keys()]).toEqual(["data-1", "data-2", "data-3", "data-4", "data-5", "data-6"]);
    expect(inMemory).toEqual(onDisk);
  });
});
