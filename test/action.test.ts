// The GitHub Action as the runner runs it: action.yml's `main` (the committed bundle
// action/index.cjs) on Node 24 when the install checks' cache has it (.ci/nodes), with INPUT_*
// variables, GITHUB_WORKSPACE, and the runner's files (outputs, job summary) in a temporary folder.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commandLine, outputBlocks } from "../src/cli/action.js";
import { caseFolders, ROOT } from "./run.js";

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { description: string; value?: string }>;
  runs: { using: string; main: string; steps?: unknown };
};

/** The Node the runner would use (node24), from .ci/nodes' cache; else this one. */
function runnerNode(): string {
  const cache = process.env.MLTEST_NODE_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "mltest-ci/nodes");
  const found = existsSync(cache) ? readdirSync(cache).filter((v) => /^24\.\d+\.\d+$/.test(v)) : [];
  return found.length > 0 ? join(cache, found.sort().at(-1)!, "bin/node") : process.execPath;
}
const NODE = runnerNode();

function runAction(inputs: Record<string, string>, { workspace = ROOT } = {}) {
  const runner = mkdtempSync(join(tmpdir(), "mltest-action-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    RUNNER_TEMP: runner,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: join(runner, "summary.md"),
    GITHUB_OUTPUT: join(runner, "output.txt"),
  };
  // As the runner passes inputs: every declared input, its default when the workflow gives none.
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default;
  const result = spawnSync(NODE, [join(ROOT, action.runs.main)], { cwd: workspace, env, encoding: "utf8" });
  const read = (f: string) => (existsSync(join(runner, f)) ? readFileSync(join(runner, f), "utf8") : "");
  return { ...result, runner, summary: read("summary.md"), output: read("output.txt"), outputs: outputsOf(read("output.txt")) };
}

/** $GITHUB_OUTPUT as the runner reads it: NAME=VALUE lines and NAME<<DELIMITER blocks. */
function outputsOf(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2]!, i + 1);
      outputs[block[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return outputs;
}

/** Scratch projects for the action to score (removed when this file's tests are done). */
const projectWith = caseFolders("mltest-action-project-");

describe("action.yml", () => {
  it("is a JavaScript action on node24 whose entry point is committed: nothing is installed at run time", () => {
    expect(action.runs).toEqual({ using: "node24", main: "action/index.cjs" });
    const tracked = spawnSync("git", ["ls-files", "--error-unmatch", action.runs.main, "action/THIRD-PARTY-NOTICES.md"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(tracked.status, tracked.stderr).toBe(0);
    for (const output of Object.values(action.outputs)) expect(output.value).toBeUndefined();
  });

  it("its committed entry point and notices are what `npm run action` builds from the sources today", () => {
    const out = mkdtempSync(join(tmpdir(), "mltest-action-build-"));
    const build = spawnSync(process.execPath, ["build.mjs", "--action", out], { cwd: ROOT, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
    for (const file of ["index.cjs", "THIRD-PARTY-NOTICES.md"]) {
      const fresh = readFileSync(join(out, file), "utf8");
      expect(readFileSync(join(ROOT, "action", file), "utf8") === fresh, `action/${file} is stale: run npm run action and commit it`).toBe(
        true,
      );
    }
  }, 60_000);

  it("turns every input into the command line (the summary input is checked by running it)", () => {
    const base = commandLine({}, "/out");
    expect(base).toEqual([
      "score",
      ".",
      "--force",
      "--report",
      "json=/out/report.json",
      "--report",
      "markdown=/out/report.md",
      "--format",
      "github",
    ]);
    const given: Record<string, string> = {
      INPUT_PATH: "ml/model",
      "INPUT_MIN-SCORE": "2",
      "INPUT_MIN-SECTION": " monitor=1.5\n data=2 ",
      INPUT_RUBRIC: "ml-test-score-2016",
      INPUT_REPORTS: "sarif=a.sarif junit=b.xml",
      INPUT_ANNOTATIONS: "false",
    };
    expect(commandLine(given, "/out")).toEqual([
      "score",
      "ml/model",
      "--force",
      "--report",
      "json=/out/report.json",
      "--report",
      "markdown=/out/report.md",
      "--min-score",
      "2",
      "--rubric",
      "ml-test-score-2016",
      "--min-section",
      "monitor=1.5",
      "--min-section",
      "data=2",
      "--report",
      "sarif=a.sarif",
      "--report",
      "junit=b.xml",
      "--format",
      "table",
      "--no-color",
    ]);
    // The rest are read by the action itself: the job summary, and the pull request's delta (test/action-pr-delta.test.ts).
    const own = [
      "summary",
      "recursive",
      "as-of",
      "pr-delta",
      "fail-on",
      "comment",
      "comment-author",
      "check-run",
      "token",
      "mode",
      "base-report",
      "head-report",
    ];
    const declared = Object.keys(action.inputs)
      .filter((name) => !own.includes(name))
      .map((name) => `INPUT_${name.toUpperCase()}`);
    expect(declared.sort()).toEqual(Object.keys(given).sort());
  });

  it("refuses a boolean input that is not true or false, with exit 2", () => {
    expect(() => commandLine({ INPUT_ANNOTATIONS: "yes" }, "/out")).toThrow('input "annotations" must be true or false, not "yes"');
    const run = runAction({ path: "examples/fraud-scoring", summary: "maybe" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('input "summary" must be true or false');
    expect(run.output).toBe("");
  });

  it("writes each output as a NAME<<DELIMITER block whose delimiter is not in the value", () => {
    const blocks = outputBlocks({ band: "a\nb=1" });
    expect(outputsOf(blocks)).toEqual({ band: "a\nb=1" });
    expect(blocks).toMatch(/^band<<mltest_[0-9a-f]{32}\n/);
  });

  it("annotates, writes the job summary and outputs, and passes a met gate", () => {
    const run = runAction({ path: "examples/fraud-scoring" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^::notice title=ML Test Score::fraud-scoring: 1\.5 \/ 7/);
    expect(run.summary).toContain("## ML Test Score: fraud-scoring");
    const { report, ...outputs } = run.outputs;
    expect(outputs).toEqual({ score: "1.5", band: "First production pass", passed: "true" });
    expect(JSON.parse(readFileSync(report!, "utf8")).final.score).toBe(1.5);
    expect(report!.startsWith(run.runner)).toBe(true);
  });

  it("fails the step below min-score and writes the requested reports", () => {
    const out = mkdtempSync(join(tmpdir(), "mltest-action-reports-"));
    const run = runAction({
      path: "examples/fraud-scoring",
      "min-score": "2",
      "min-section": "monitor=1 data=4.5",
      reports: `sarif=${out}/mltest.sarif junit=${out}/junit.xml`,
      annotations: "false",
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("final score 1.5 is below the minimum 2");
    expect(run.stdout).toContain('section "data" 4 is below the minimum 4.5');
    expect(run.outputs.passed).toBe("false");
    expect(JSON.parse(readFileSync(join(out, "mltest.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toContain("<testsuites");
  });

  it("writes a repository band label holding line feeds as one output: no line of it becomes an output of its own", () => {
    // The band label is repository text (a rubric in the pull request). Written as NAME=VALUE,
    // its second line would be read as an output "evil" and its third would replace "passed".
    const label = "Forged band\nevil=1\npassed=false";
    const project = projectWith({
      "mltest.yaml": "project: forged-band\ntests: {}\n",
      "rubric.yaml": [
        "id: forged-band",
        "title: A rubric whose band label holds line feeds",
        'version: "1"',
        "extends: ml-test-score-2017",
        "scoring:",
        `  bands: [{ max: 7, label: ${JSON.stringify(label)} }]`,
        "",
      ].join("\n"),
    });
    // As a workflow passes them: paths relative to the workspace.
    const path = relative(ROOT, project);
    const run = runAction({ path, rubric: join(path, "rubric.yaml") });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ score: "0", band: label, passed: "true" });
    expect(Object.keys(run.outputs).sort()).toEqual(["band", "passed", "report", "score"]);
    // The annotations carry the label too, its line feeds encoded: each line is one command.
    for (const line of run.stdout.trimEnd().split("\n")) expect(line).toMatch(/^::(notice|warning|error) /);
    expect(run.stdout).toContain("Forged band%0Aevil=1%0Apassed=false");
  });

  it("stops with exit 2 and no outputs on bad input", () => {
    const run = runAction({ path: "no/such/project" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("no such project directory");
    expect(run.output).toBe("");
  });
});
