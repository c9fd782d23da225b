// The action on a pull request: scripted scenarios, each a git repository made in a scratch folder
// (a base commit from examples/fraud-scoring, a branch, a change), the event the runner would
// describe, and a stand-in GitHub API on 127.0.0.1 (test/github-api.ts) that records every request.
// The comment each scenario posts is kept as a golden file in test/golden/pr-delta/ (npm run golden).

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkWorkflow, type Workflow } from "./github-actions.js";
import { BOT, type FakeComment, type FakeGitHub, fakeGitHub } from "./github-api.js";
import { AS_OF, caseFolders, ROOT } from "./run.js";

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, unknown>;
  runs: { main: string };
};
const REPOSITORY = "acme/models";
const PR = 7;
const MARKER = "<!-- mltest-pr-delta -->";

/** The Node the runner would use (node24), from .ci/nodes' cache; else this one. */
function runnerNode(): string {
  const cache = process.env.MLTEST_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "mltest-ci/nodes");
  const found = existsSync(cache) ? readdirSync(cache).filter((v) => /^24\.\d+\.\d+$/.test(v)) : [];
  return found.length > 0 ? join(cache, found.sort().at(-1)!, "bin/node") : process.execPath;
}
const NODE = runnerNode();

/** git as the scenarios run it: no user or system configuration, fixed names and dates, so commits are the same every run. */
const GIT_ENV = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Ada",
  GIT_AUTHOR_EMAIL: "ada@example.com",
  GIT_COMMITTER_NAME: "Ada",
  GIT_COMMITTER_EMAIL: "ada@example.com",
  GIT_AUTHOR_DATE: "2026-11-20T12:00:00Z",
  GIT_COMMITTER_DATE: "2026-11-20T12:00:00Z",
};

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...GIT_ENV } });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr}`);
  return run.stdout.trim();
}

const scratch = caseFolders("mltest-pr-delta-");

interface Scenario {
  repo: string;
  base: string;
  head: string;
}

/** A repository whose main branch holds what `base` writes, and a branch "feature" with `change` made on it. */
function scenario(base: (dir: string) => void, change: (dir: string) => void): Scenario {
  const repo = scratch();
  base(repo);
  git(repo, "init", "-q", "-b", "main");
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "base");
  const baseSha = git(repo, "rev-parse", "HEAD");
  git(repo, "checkout", "-q", "-b", "feature");
  change(repo);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", "change");
  return { repo, base: baseSha, head: git(repo, "rev-parse", "HEAD") };
}

const example =
  (name: string, sub = ".") =>
  (dir: string) =>
    cpSync(join(ROOT, "examples", name), join(dir, sub), { recursive: true });
const fraud = example("fraud-scoring");

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

/** monitor-1 from none to manual, with a review that shows it: the monitor section, and so the final score, rise by 0.5. */
function raiseMonitor(project: string): void {
  edit(
    join(project, "mltest.yaml"),
    "  monitor-1:\n    status: none\n    owner: ml-infra\n",
    "  monitor-1:\n    status: manual\n    evidence:\n      - doc: docs/reviews/2026-11-20-dependency-review.md\n    owner: ml-infra\n    verified: 2026-11-20\n",
  );
  writeFileSync(
    join(project, "docs/reviews/2026-11-20-dependency-review.md"),
    "# Dependency review, 2026-11-20\n\nEvery pinned package checked against upstream releases and advisories.\n",
  );
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** $GITHUB_OUTPUT's NAME<<DELIMITER blocks. */
function outputsOf(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (!block) continue;
    const end = lines.indexOf(block[2]!, i + 1);
    outputs[block[1]!] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}

/** The action's bundle as the runner starts it, asynchronously: the stand-in API answers in this process meanwhile. */
function runAction(
  inputs: Record<string, string>,
  { workspace, event, github }: { workspace: string; event: [string, unknown]; github: FakeGitHub },
): Promise<Run> {
  const runner = scratch();
  writeFileSync(join(runner, "event.json"), JSON.stringify(event[1]));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    ...GIT_ENV,
    RUNNER_TEMP: runner,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(runner, "summary.md"),
    GITHUB_OUTPUT: join(runner, "output.txt"),
    GITHUB_EVENT_NAME: event[0],
    GITHUB_EVENT_PATH: join(runner, "event.json"),
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: github.url,
  };
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default;
  env.INPUT_TOKEN = inputs.token ?? "write-token";
  env["INPUT_AS-OF"] = inputs["as-of"] ?? AS_OF;
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join(ROOT, action.runs.main)], { cwd: workspace, env });
    let [stdout, stderr] = ["", ""];
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString("utf8")));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => {
      const read = (f: string) => (existsSync(join(runner, f)) ? readFileSync(join(runner, f), "utf8") : "");
      resolve({ status, stdout, stderr, summary: read("summary.md"), outputs: outputsOf(read("output.txt")) });
    });
  });
}

/** The pull_request event for a scenario; a fork's head is in another repository. */
function prEvent(s: Scenario, { fork = false, base = s.base } = {}): [string, unknown] {
  const repo = (full_name: string) => ({ full_name });
  return [
    "pull_request",
    {
      action: "synchronize",
      number: PR,
      pull_request: {
        number: PR,
        base: { ref: "main", sha: base, repo: repo(REPOSITORY) },
        head: { ref: "feature", sha: s.head, repo: repo(fork ? "contributor/models" : REPOSITORY) },
      },
    },
  ];
}

const servers: FakeGitHub[] = [];
async function github(options: Partial<Parameters<typeof fakeGitHub>[0]> = {}): Promise<FakeGitHub> {
  const server = await fakeGitHub({ repository: REPOSITORY, pr: PR, ...options });
  servers.push(server);
  return server;
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const calls = (g: FakeGitHub) => g.requests.map((r) => `${r.method} ${r.path}`);
const comments = `/repos/${REPOSITORY}/issues/${PR}/comments`;
const checkRuns = `/repos/${REPOSITORY}/check-runs`;
const posted = (g: FakeGitHub) => g.writes().find((r) => r.path === comments)?.body.body as string;

describe("the action on a pull request", () => {
  it("no change: a check run, the summary, and with on-change no comment; always posts one, and on-change brings an old one up to date", async () => {
    const s = scenario(fraud, (dir) => writeFileSync(join(dir, "README.md"), "# Fraud scoring\n\nOnly the README changed.\n"));
    const api = await github();
    const quiet = await runAction({ comment: "on-change", "fail-on": "regression" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(quiet.stderr).toBe("");
    expect(quiet.status).toBe(0);
    expect(calls(api)).toEqual([`POST ${checkRuns}`, `GET ${comments}?per_page=100&page=1`]);
    expect(api.writes()[0]!.body).toMatchObject({
      name: "mltest",
      head_sha: s.head,
      status: "completed",
      conclusion: "success",
      output: { title: "score 1.5 (no change)" },
    });
    expect(quiet.summary).toContain("No change in any score, status or evidence state.");
    expect(quiet.summary).toContain(`The base is \`${s.base.slice(0, 12)}\`, the merge base`);
    expect(quiet.summary).toContain("## ML Test Score: fraud-scoring");
    expect(quiet.outputs).toMatchObject({ delta: "score 1.5 (no change)", regressed: "false", passed: "true", score: "1.5" });

    const always = await runAction({ comment: "always", "check-run": "false" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(always.status).toBe(0);
    const body = posted(api);
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    await expect(body).toMatchFileSnapshot("golden/pr-delta/no-change.md");
    // The job summary holds the same delta, before the report.
    expect(always.summary.startsWith(body.slice(MARKER.length + 1))).toBe(true);

    // An earlier run's comment, now out of date: edited, not added to.
    api.comments[0]!.body = `${MARKER}\nscore 1 → 1.5`;
    api.requests.length = 0;
    await runAction({ comment: "on-change", "check-run": "false" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(calls(api)).toEqual([
      `GET ${comments}?per_page=100&page=1`,
      `PATCH /repos/${REPOSITORY}/issues/comments/${api.comments[0]!.id}`,
    ]);
    expect(api.comments[0]!.body).toBe(body);
  }, 60_000);

  it("a test up: the check run's title is the change; its own comment is found on a later page and edited, not one by someone else", async () => {
    const s = scenario(fraud, raiseMonitor);
    const others: FakeComment[] = Array.from({ length: 130 }, (_, i) => ({
      id: i + 1,
      body: `comment ${i + 1}`,
      user: { login: "dev", type: "User" },
    }));
    // The marker alone is not enough: this one is a person's, quoting it.
    others[3] = { id: 4, body: `${MARKER}\nquoted by hand`, user: { login: "mallory", type: "User" } };
    others[119] = { id: 120, body: `${MARKER}\nan earlier run`, user: BOT };
    const api = await github({ comments: others });
    const run = await runAction({ comment: "on-change", "fail-on": "regression" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(calls(api)).toEqual([
      `POST ${checkRuns}`,
      `GET ${comments}?per_page=100&page=1`,
      `GET ${comments}?per_page=100&page=2`,
      `PATCH /repos/${REPOSITORY}/issues/comments/120`,
    ]);
    expect(api.writes()[0]!.body.output.title).toBe("score 1.5 → 2 (+0.5); monitor 1.5 → 2; 1 test better");
    expect(api.comments[3]!.body).toBe(`${MARKER}\nquoted by hand`);
    const body = api.writes()[1]!.body.body as string;
    await expect(body).toMatchFileSnapshot("golden/pr-delta/test-up.md");
    expect(run.outputs).toMatchObject({ delta: "score 1.5 → 2 (+0.5); monitor 1.5 → 2; 1 test better", regressed: "false", score: "2" });
    // Both sides were scored as of one date.
    const [head, base] = [run.outputs["head-report"]!, run.outputs["base-report"]!].map((f) => JSON.parse(readFileSync(f, "utf8")));
    expect(head.projects[0].report.asOf).toBe(AS_OF);
    expect(base.projects[0].report.asOf).toBe(AS_OF);
    expect(base.projects[0].report.final.score).toBe(1.5);
    // The base run names its own source, not the head's from the CI variables.
    expect(base.projects[0].report.source).toMatchObject({ commit: s.base, branch: "main" });
  }, 60_000);

  it("fetches a base that a shallow clone lacks, and deepens the clone until the histories meet", async () => {
    const s = scenario(fraud, raiseMonitor);
    const clone = scratch();
    rmSync(clone, { recursive: true });
    git(ROOT, "clone", "-q", "--depth", "1", "--branch", "feature", `file://${s.repo}`, clone);
    expect(() => git(clone, "cat-file", "-e", `${s.base}^{commit}`)).toThrow();
    const api = await github();
    const run = await runAction({ comment: "always" }, { workspace: clone, event: prEvent(s), github: api });
    expect(run.stderr).toBe("");
    // The base, then both histories deeper: the head's single commit has no parent in the clone.
    expect(run.stdout).toContain(`git fetch --no-tags --depth=50 origin ${s.base}\n`);
    expect(run.stdout).toContain(`git fetch --no-tags --deepen=50 origin ${s.base} ${s.head}\n`);
    expect(run.stdout).toMatch(/^::group::mltest: the base of pull request #7, scored as of 2026-11-28$/m);
    expect(run.summary).toContain(`The base is \`${s.base.slice(0, 12)}\``);
    // The same comment as from a full clone.
    await expect(posted(api)).toMatchFileSnapshot("golden/pr-delta/test-up.md");
    // The temporary worktree is gone again.
    expect(git(clone, "worktree", "list").split("\n")).toHaveLength(1);
  }, 60_000);

  it("a pointer broken: a regression, which fails the step with fail-on: regression and not under the gate alone", async () => {
    const s = scenario(fraud, (dir) => rmSync(join(dir, "tests/test_privacy.py")));
    const api = await github();
    const strict = await runAction(
      { comment: "on-change", "fail-on": "regression" },
      { workspace: s.repo, event: prEvent(s), github: api },
    );
    expect(strict.status).toBe(1);
    expect(api.writes()[0]!.body).toMatchObject({
      conclusion: "failure",
      output: { title: "score 1.5 (no change); data 4 → 3; 1 test worse" },
    });
    await expect(posted(api)).toMatchFileSnapshot("golden/pr-delta/pointer-broken.md");
    expect(strict.outputs.regressed).toBe("true");

    const gate = await runAction({ "check-run": "false" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(gate.status).toBe(0);
  }, 60_000);

  it("a rubric change: said, and scores on the two scales are not compared", async () => {
    const s = scenario(fraud, (dir) => edit(join(dir, "mltest.yaml"), "rubric: ml-test-score-2017", "rubric: ml-test-score-2016"));
    const api = await github();
    const run = await runAction({ comment: "on-change" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(run.stderr).toBe("");
    const body = posted(api);
    await expect(body).toMatchFileSnapshot("golden/pr-delta/rubric-change.md");
    expect(body).toContain("different rubrics (ml-test-score-2017");
    expect(api.writes()[0]!.body.output.title).toMatch(/^rubric ml-test-score-2017 → ml-test-score-2016; score 1.5 → 3 \(another scale\)$/);
  }, 60_000);

  it("no base: a base without mltest.yaml is said as such, never as everything being new", async () => {
    const s = scenario(
      (dir) => writeFileSync(join(dir, "README.md"), "# Models\n"),
      (dir) => fraud(dir),
    );
    const api = await github();
    const run = await runAction({ comment: "on-change", "fail-on": "regression" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const body = posted(api);
    await expect(body).toMatchFileSnapshot("golden/pr-delta/no-base.md");
    expect(body).toContain("No base to compare with: the base has no mltest.yaml.");
    expect(body).not.toMatch(/only in the new report|new\b/i);
    expect(api.writes()[0]!.body.output.title).toBe("score 1.5 (no base)");
  }, 60_000);

  it("a pull_request event whose payload names no pull request: scored without its base, and said", async () => {
    const api = await github();
    const run = await runAction(
      { path: "examples/fraud-scoring" },
      { workspace: ROOT, event: ["pull_request", { action: "opened" }], github: api },
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("::notice title=mltest::the pull request event's payload names no pull request");
    expect(run.outputs.delta).toBeUndefined();
    expect(api.requests).toEqual([]);
  });

  it("no merge base: histories that never meet are said as such", async () => {
    const s = scenario(fraud, raiseMonitor);
    git(s.repo, "checkout", "-q", "--orphan", "elsewhere");
    git(s.repo, "commit", "-q", "-m", "unrelated");
    const unrelated = git(s.repo, "rev-parse", "HEAD");
    git(s.repo, "checkout", "-q", "feature");
    const api = await github();
    const run = await runAction({ comment: "always" }, { workspace: s.repo, event: prEvent(s, { base: unrelated }), github: api });
    expect(run.status).toBe(0);
    expect(posted(api)).toContain(
      `No base to compare with: no merge base of the base ${unrelated.slice(0, 7)} and the checked-out commit ${s.head.slice(0, 7)} (their histories are unrelated).`,
    );
  }, 60_000);

  it("a monorepo: one section per project, found with recursive or named in path", async () => {
    const s = scenario(
      (dir) => {
        example("fraud-scoring", "fraud")(dir);
        example("research-prototype", "forecast")(dir);
      },
      (dir) => raiseMonitor(join(dir, "fraud")),
    );
    const api = await github();
    const run = await runAction({ recursive: "true", comment: "always" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const body = posted(api);
    await expect(body).toMatchFileSnapshot("golden/pr-delta/monorepo.md");
    expect(api.writes()[0]!.body.output.title).toBe(
      "forecast: score 0 (no change) · fraud: score 1.5 → 2 (+0.5); monitor 1.5 → 2; 1 test better",
    );
    expect(run.outputs).toMatchObject({ score: "0", passed: "true" });

    const named = await runAction({ path: "forecast fraud", comment: "always" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(named.status).toBe(0);
    expect(api.comments.at(-1)!.body).toBe(body);

    // Further reports are one file per format: refused with several projects, before anything runs.
    const reports = await runAction({ recursive: "true", reports: "junit=x.xml" }, { workspace: s.repo, event: prEvent(s), github: api });
    expect(reports.status).toBe(2);
    expect(reports.stderr).toContain('"reports" writes one file per format');
  }, 60_000);

  it("a fork: its read-only token is said once as a notice and fails nothing; a workflow_run job then publishes the delta", async () => {
    const s = scenario(fraud, raiseMonitor);
    const api = await github({ readOnlyTokens: ["fork-token"] });
    const run = await runAction(
      { comment: "on-change", token: "fork-token" },
      { workspace: s.repo, event: prEvent(s, { fork: true }), github: api },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(calls(api)).toEqual([`POST ${checkRuns}`, `GET ${comments}?per_page=100&page=1`, `POST ${comments}`]);
    const notices = run.stdout.split("\n").filter((l) => l.startsWith("::notice title=mltest::"));
    expect(notices).toEqual([
      "::notice title=mltest::the token may not write the check run or the pull-request comment (HTTP 403 or 404). A pull request from a fork gets a read-only token: docs/pr-delta.md shows how a second workflow (workflow_run, mode: comment) publishes the delta.",
    ]);
    const refused = posted(api);
    await expect(refused).toMatchFileSnapshot("golden/pr-delta/fork.md");

    // The second workflow: no checkout, the two reports from the artifact, the pull request found
    // from the event (GitHub links no pull request to a fork's run) and checked against its head.
    const artifact = scratch();
    cpSync(run.outputs["base-report"]!, join(artifact, "base.json"));
    cpSync(run.outputs["head-report"]!, join(artifact, "head.json"));
    const trusted = await github({ pulls: [{ number: PR, head: { sha: s.head, label: "contributor:feature" } }] });
    const event = {
      action: "completed",
      workflow_run: { head_sha: s.head, head_branch: "feature", head_repository: { owner: { login: "contributor" } }, pull_requests: [] },
    };
    const empty = scratch();
    const publish = await runAction(
      { mode: "comment", "base-report": join(artifact, "base.json"), "head-report": join(artifact, "head.json") },
      { workspace: empty, event: ["workflow_run", event], github: trusted },
    );
    expect(publish.stderr).toBe("");
    expect(publish.status).toBe(0);
    expect(calls(trusted)).toEqual([
      `GET /repos/${REPOSITORY}/pulls?state=open&per_page=100&head=contributor%3Afeature`,
      `POST ${checkRuns}`,
      `GET ${comments}?per_page=100&page=1`,
      `POST ${comments}`,
    ]);
    expect(trusted.writes()[0]!.body).toMatchObject({ head_sha: s.head, conclusion: "success" });
    expect(posted(trusted)).toBe(refused);
  }, 60_000);
});

describe("the action's comment mode", () => {
  it("escapes every string from the reports, which a pull request's own job wrote", async () => {
    const s = scenario(fraud, raiseMonitor);
    const api = await github();
    const run = await runAction({ "check-run": "false" }, { workspace: s.repo, event: prEvent(s), github: api });
    const head = JSON.parse(readFileSync(run.outputs["head-report"]!, "utf8"));
    head.projects[0].report.project.name = "<img src=x onerror=alert(1)> [click](https://evil.example) @everyone\n# heading";
    head.projects[0].dir = "| x | y |";
    const forged = join(scratch(), "head.json");
    writeFileSync(forged, JSON.stringify(head));
    const target = await github();
    const publish = await runAction(
      { mode: "comment", comment: "always", "check-run": "false", "base-report": run.outputs["base-report"]!, "head-report": forged },
      { workspace: scratch(), event: prEvent(s), github: target },
    );
    expect(publish.status).toBe(0);
    const body = posted(target);
    expect(body).toContain("### &lt;img src=x onerror=alert(1)&gt; \\[click\\](https\\://evil.example) \\@everyone \\# heading");
    expect(body).not.toContain("<img");
    // The base file has no project at the forged folder: no base, said as such.
    expect(body).toContain("No base to compare with: the base report has no project \\| x \\| y \\|.");
  }, 60_000);

  it("refuses a report whose ids mltest would never write", async () => {
    const s = scenario(fraud, raiseMonitor);
    const api = await github();
    const run = await runAction({ "check-run": "false" }, { workspace: s.repo, event: prEvent(s), github: api });
    const head = JSON.parse(readFileSync(run.outputs["head-report"]!, "utf8"));
    head.projects[0].report.sections[0].tests[0].id = "www.evil.example";
    const forged = join(scratch(), "head.json");
    writeFileSync(forged, JSON.stringify(head));
    const target = await github();
    const publish = await runAction(
      { mode: "comment", "base-report": run.outputs["base-report"]!, "head-report": forged },
      { workspace: scratch(), event: prEvent(s), github: target },
    );
    expect(publish.status).toBe(2);
    expect(publish.stderr).toContain('"www.evil.example" is not an id mltest writes');
    expect(target.requests).toEqual([]);
  }, 60_000);

  it("refuses inputs it does not know, with exit 2 and nothing published", async () => {
    const api = await github();
    const workspace = scratch();
    for (const [inputs, message] of [
      [{ "fail-on": "regressions" }, 'input "fail-on" must be one of gate, regression, not "regressions"'],
      [{ comment: "sometimes" }, 'input "comment" must be one of never, on-change, always, not "sometimes"'],
      [{ "as-of": "2026-02-30" }, 'input "as-of": "2026-02-30" is not a real date'],
      [{ mode: "comment" }, 'mode: comment publishes reports made elsewhere: give at least "head-report"'],
    ] as const) {
      const run = await runAction(inputs, { workspace, event: ["workflow_run", {}], github: api });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(api.requests).toEqual([]);
  }, 60_000);

  it("refuses a file that is not a report, with exit 2 and nothing published", async () => {
    const api = await github();
    const bad = join(scratch(), "head.json");
    writeFileSync(bad, JSON.stringify({ projects: [{ dir: ".", report: { final: 1 } }] }));
    const run = await runAction(
      { mode: "comment", "head-report": bad },
      { workspace: scratch(), event: ["workflow_run", {}], github: api },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("head.json");
    expect(api.requests).toEqual([]);
  });
});

describe("docs/pr-delta.md", () => {
  const doc = readFileSync(join(ROOT, "docs/pr-delta.md"), "utf8");
  const workflows = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => m[1]!)
    .filter((y) => y.includes("jobs:"))
    .map((y) => parse(y.replaceAll("<owner>/", "owner/")) as Workflow);

  it("names every input and output of action.yml", () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(doc, name).toContain(`\`${name}\``);
  });

  it("shows workflows that pass the workflow check: pinned actions, least-privilege tokens, no expression in a script", () => {
    expect(workflows).toHaveLength(3);
    for (const w of workflows) expect(checkWorkflow(w)).toEqual([]);
  });

  it("publishes a fork's delta from a workflow_run job that checks nothing out and has the write token", () => {
    const second = workflows.find((w) => typeof w.on === "object" && "workflow_run" in w.on)!;
    const job = Object.values(second.jobs)[0]!;
    expect(job.steps!.some((s) => s.uses?.startsWith("actions/checkout"))).toBe(false);
    expect(job.permissions).toMatchObject({ "pull-requests": "write", checks: "write", actions: "read" });
    expect(job.steps!.find((s) => s.uses?.startsWith("owner/mltest"))!.with).toMatchObject({ mode: "comment" });
    const first = workflows.find(
      (w) => w.on === "pull_request" && Object.values(w.jobs)[0]!.steps!.some((s) => s.uses?.includes("upload-artifact")),
    )!;
    expect(Object.values(first.jobs)[0]!.permissions).toEqual({ contents: "read" });
  });
});
