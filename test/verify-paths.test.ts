// Evidence pointers to the project's own files, checked against real files in temporary
// projects: path and doc pointers (globs, links, folders a glob never enters), reads that stay
// inside the project root, one walk of the tree however many globs ask (fs.readdirSync counted),
// and safety: nothing named in the evidence is ever executed or fetched.
import { randomUUID } from "node:crypto";
import dns from "node:dns";
import { existsSync, type PathLike, rmSync, symlinkSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadProject, scoreProject } from "../src/project.js";
import { MAX_WALK_ENTRIES, ProjectFiles } from "../src/verify/files.js";
import { AS_OF, ROOT } from "./run.js";
import { builtin, check, projects, verifyDoc } from "./verify-cases.js";

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

const project = projects("mltest-verify-paths-");

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
