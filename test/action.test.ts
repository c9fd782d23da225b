// The composite GitHub Action: its scoring step is run here as GitHub would run it, with the
// runner's files (job summary, outputs) in a temporary folder.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";
import { BIN, caseFolders, ROOT } from "./run.js";

interface Step {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const scoreStep = action.runs.steps.find((s) => s.id === "score")!;

function runAction(inputs: Record<string, string>) {
  const runner = mkdtempSync(join(tmpdir(), "mltest-action-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    RUNNER_TEMP: runner,
    GITHUB_STEP_SUMMARY: join(runner, "summary.md"),
    GITHUB_OUTPUT: join(runner, "output.txt"),
    MLTEST: BIN,
  };
  for (const [name, value] of Object.entries(scoreStep.env ?? {})) {
    const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1];
    if (input) env[name] = inputs[input] ?? action.inputs[input]!.default;
  }
  // The shell GitHub uses for `shell: bash`.
  const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", scoreStep.run!], { cwd: ROOT, env, encoding: "utf8" });
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
  it("is a composite action whose outputs come from the scoring step", () => {
    expect(action.runs.using).toBe("composite");
    for (const output of Object.values(action.outputs)) expect(output.value).toMatch(/^\$\{\{ steps\.score\.outputs\.\w+ \}\}$/);
  });

  it("passes every input to the script through the environment", () => {
    const passed = Object.values(scoreStep.env ?? {}).join(" ");
    for (const input of Object.keys(action.inputs)) expect(passed).toContain(`inputs.${input} }}`);
    expect(scoreStep.run).not.toContain("${{");
  });

  it("annotates, writes the job summary and outputs, and passes a met gate", () => {
    const run = runAction({ path: "examples/fraud-scoring" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^::notice title=ML Test Score::fraud-scoring: 1\.5 \/ 7/);
    expect(run.summary).toContain("## ML Test Score: fraud-scoring");
    expect(run.outputs).toEqual({ score: "1.5", band: "First production pass", passed: "true" });
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
    expect(run.outputs).toEqual({ score: "0", band: label, passed: "true" });
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
