// `npm run bench`: what mltest costs, as ratios against a plain tool measured in the same run,
// interleaved so that machine noise hits both sides alike. A script, never a test: timing
// assertions in tests are flaky. Usage: node test/bench.mjs [runs] [--only part,…], the parts
// being start, json, repolinter, verify, recursive, detect and fleet (default: all of them).
//
// mltest runs as users run it: the packed tarball installed with npm into a scratch prefix, its
// `mltest` executable started directly (so `#!/usr/bin/env node` picks the Node on the PATH).
// NODE_OPTIONS is removed from the environment of every run.
//   1. on each Node that .ci/nodes lists (the machine's, then 22, 24 and 26 from its cache):
//      `mltest score` on an example vs that Node's `node -e 0`, cold (no code cache but the
//      build's, which only the Node that built it can use) and warm (the cache written by the run
//      before), at least 20 rounds; and peak memory vs `node -e 0`. Targets: cold at most 2× on
//      Node 20, warm at most 3.5× on Node 24, memory at most 2×
//   2. `mltest score --format json` vs `node -e 0` on the machine's Node
//   3. `mltest score` vs repolinter 0.12.0 (installed for the benchmark only, in a cache folder
//      outside the repository) linting the example with the same file rules, generated from its
//      mltest.yaml
//   4. `mltest score` verifying evidence in a generated project of 100,000 files vs `find` over it
//   5. `mltest score --recursive` over a generated monorepo of 1,000 projects vs `score` of one
//   6. `mltest detect` over a generated repository of 100,000 files vs `grep -rlE` with the union of
//      the rubric's content patterns over the same tree, and detect's peak memory vs `node -e 0`
//   7. `mltest fleet --format json` over 5,000 generated reports (1,000 repositories, five reports
//      each, copies of the examples' reports) vs `cat` of every report and vs plain Node reading
//      and JSON.parse-ing each; fleet's peak memory vs that Node script and `node -e 0`
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

process.chdir(fileURLToPath(new URL("..", import.meta.url)));

const PARTS = ["start", "json", "repolinter", "verify", "recursive", "detect", "fleet"];
const argv = process.argv.slice(2);
const onlyAt = argv.indexOf("--only");
const only = onlyAt >= 0 ? argv.splice(onlyAt, 2)[1] : undefined;
const parts = new Set(only === undefined ? PARTS : only.split(","));
const unknown = [...parts].filter((part) => !PARTS.includes(part));
if (unknown.length > 0 || parts.size === 0) {
  console.error(
    `usage: node test/bench.mjs [runs] [--only part,…]: the parts are ${PARTS.join(", ")}, not ${unknown.join(", ") || "none"}`,
  );
  process.exit(2);
}
const runs = Number(argv[0] ?? 30);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`usage: node test/bench.mjs [runs] [--only part,…]: runs must be a positive integer, not ${argv[0]}`);
  process.exit(2);
}
if (!existsSync("dist/mltest.cjs")) {
  console.error("dist/mltest.cjs is missing: build it first (npm run build)");
  process.exit(1);
}

/** The environment of every run: without NODE_OPTIONS, a user's setting that would change what is measured. */
const baseEnv = { ...process.env };
delete baseEnv.NODE_OPTIONS;

/** The packed tarball, installed as a user installs it: offline, from itself alone, into a scratch prefix. */
const installDir = mkdtempSync(join(tmpdir(), "mltest-bench-install-"));
process.on("exit", () => rmSync(installDir, { recursive: true, force: true }));
const packed = spawnSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", installDir], {
  encoding: "utf8",
  env: baseEnv,
});
const tarball = join(installDir, packed.stdout.trim().split("\n").pop());
const install = spawnSync(
  "npm",
  [
    "install",
    "-g",
    "--prefix",
    join(installDir, "prefix"),
    "--offline",
    "--cache",
    join(installDir, "cache"),
    "--no-audit",
    "--no-fund",
    tarball,
  ],
  {
    encoding: "utf8",
    env: baseEnv,
  },
);
if (packed.status !== 0 || install.status !== 0) {
  console.error(`could not pack and install mltest: ${packed.stderr}${install.stderr}`);
  process.exit(1);
}
const bin = join(installDir, "prefix/bin/mltest");
const installedDist = join(installDir, "prefix/lib/node_modules/mltest/dist");

/** The Nodes to measure on: .ci/nodes' list (the machine's first); only the machine's when it fails. */
function nodes() {
  const listed = spawnSync(".ci/nodes", { encoding: "utf8", env: baseEnv });
  const lines = listed.status === 0 ? listed.stdout.trim().split("\n") : [`${process.versions.node.split(".")[0]} ${process.execPath}`];
  return lines.map((line) => {
    const [major, path] = line.split(" ");
    return { major, path, env: { PATH: `${dirname(path)}:${baseEnv.PATH}` } };
  });
}

/** mltest as a user runs it: the executable itself, extra environment variables optional. */
const mltest = (args, env) => [bin, args, { env }];
const nodeE0 = [process.execPath, ["-e", "0"]];
const loadAtStart = os.loadavg()[0];
const progress = (text) => process.stderr.write(`… ${text}\n`);

/**
 * Median wall time of each case, run in turn `rounds` times after two warm-up rounds. A case is
 * [cmd, args, { env, anyExit, before }]: env adds to (or, undefined, removes from) the environment;
 * anyExit accepts every exit code, else only `okCodes`; before runs untimed ahead of each run.
 */
function measure(cases, rounds, okCodes = [0]) {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  const envs = Object.fromEntries(Object.entries(cases).map(([name, [, , options]]) => [name, withEnv(options?.env)]));
  for (let i = 0; i < rounds + 2; i++) {
    for (const [name, [cmd, args, options]] of Object.entries(cases)) {
      options?.before?.();
      const start = process.hrtime.bigint();
      const result = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env: envs[name] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.error) throw new Error(`${name} did not start: ${result.error.message}`);
      const ok = options?.anyExit ? result.status !== null : okCodes.includes(result.status);
      if (!ok) throw new Error(`${name} exited ${result.status ?? result.signal}: ${result.stderr}`);
      if (i >= 2) times[name].push(ms); // the first two rounds warm the file cache
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
}

function withEnv(extra = {}) {
  const env = { ...baseEnv };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Peak resident memory (MB) with GNU time, median of `rounds` interleaved runs per case; null without it. */
const timeBin = "/usr/bin/time";
function peakMemory(cases, rounds = 5) {
  if (!existsSync(timeBin)) return null;
  const mbs = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    for (const [name, [cmd, args, options]] of Object.entries(cases)) {
      const out = spawnSync(timeBin, ["-f", "%M", cmd, ...args], {
        encoding: "utf8",
        stdio: ["ignore", "ignore", "pipe"],
        env: withEnv(options?.env),
      });
      const kb = Number(out.stderr.trim().split("\n").pop());
      if (out.error || !Number.isFinite(kb) || kb <= 0) return null; // not GNU time, or it failed
      mbs[name].push(kb / 1024);
    }
  }
  return Object.fromEntries(Object.entries(mbs).map(([name, xs]) => [name, median(xs)]));
}

const rows = [];
const memory = [];
const notes = [];
const example = "examples/fraud-scoring";
// A fixed date, so that evidence growing stale with time never turns the gate (and the exit code).
const asOf = ["--as-of", "2026-11-28"];
const scoreExample = mltest(["score", example, "--no-color", ...asOf]);

// 1. Start on each Node, cold and warm, and peak memory: always at least 20 rounds.
const coldRuns = Math.max(20, runs);
const timeMissing = !existsSync(timeBin);
const targets = [];
const perNode = [];
let scoreMemory;
if (parts.has("start")) {
  const nodeList = nodes();
  for (const node of nodeList) {
    progress(`Node ${node.major}: cold and warm start, ${coldRuns} rounds; peak memory`);
    const dropCache = () => rmSync(join(installedDist, ".cache"), { recursive: true, force: true });
    const score = ["score", example, "--no-color", ...asOf];
    const start = measure(
      {
        node: [node.path, ["-e", "0"], { env: node.env }],
        cold: [bin, score, { env: node.env, before: dropCache }],
        warm: [bin, score, { env: node.env }],
      },
      coldRuns,
    );
    const version = spawnSync(node.path, ["--version"], { encoding: "utf8" }).stdout.trim();
    rows.push([`Node ${version}: cold \`mltest score\` vs \`node -e 0\``, start.cold, start.node, "node -e 0"]);
    rows.push([
      `Node ${version}: warm \`mltest score\` (code cache of an earlier run) vs \`node -e 0\``,
      start.warm,
      start.node,
      "node -e 0",
    ]);
    const mem = peakMemory({ score: [bin, score, { env: node.env }], node: [node.path, ["-e", "0"], { env: node.env }] });
    if (mem) memory.push([`Node ${version}: peak memory of \`mltest score\` vs \`node -e 0\``, mem.score, mem.node, "node -e 0"]);
    if (node === nodeList[0]) scoreMemory = mem;
    perNode.push({
      node: version,
      coldMs: Math.round(start.cold),
      warmMs: Math.round(start.warm),
      nodeMs: Math.round(start.node),
      ...(mem && { peakMB: Math.round(mem.score), nodePeakMB: Math.round(mem.node) }),
    });
    const ratio = (a, b) => a / b;
    if (node.major === "20") targets.push([`Node 20 cold start at most 2× node -e 0`, ratio(start.cold, start.node), 2]);
    if (node.major === "24") targets.push([`Node 24 warm start at most 3.5× node -e 0`, ratio(start.warm, start.node), 3.5]);
    if (mem) targets.push([`Node ${node.major} peak memory at most 2× node -e 0`, ratio(mem.score, mem.node), 2]);
  }
}

// 2. The JSON report on the machine's Node.
if (parts.has("json")) {
  progress(`score --format json, ${coldRuns} rounds`);
  const json = measure({ node: nodeE0, json: mltest(["score", example, "--format", "json", ...asOf]) }, coldRuns);
  rows.push(["`mltest score --format json` vs `node -e 0`", json.json, json.node, "node -e 0"]);
}

// 3. repolinter on the same file rules.
const repolinterVersion = "0.12.0";
const repolinterDir = join(tmpdir(), `mltest-bench-repolinter-${repolinterVersion}`);
const repolinterBin = join(repolinterDir, "node_modules", ".bin", "repolinter");

/** Installs repolinter into its cache folder when missing; the reason when it cannot, else null. */
function installRepolinter() {
  if (existsSync(repolinterBin)) return null;
  console.log(`installing repolinter@${repolinterVersion} into ${repolinterDir} (for the benchmark only)`);
  mkdirSync(repolinterDir, { recursive: true });
  const npm = spawnSync(
    "npm",
    ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", repolinterDir, `repolinter@${repolinterVersion}`],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: baseEnv,
    },
  );
  if (npm.error) return `npm did not start (${npm.error.message})`;
  if (npm.status !== 0) {
    const errors = `${npm.stderr}`
      .trim()
      .split("\n")
      .filter((line) => line && !/complete log of this run/i.test(line));
    return `npm install exited ${npm.status}: ${errors.slice(0, 2).join(" / ") || "no message"}`;
  }
  if (!existsSync(repolinterBin)) return `npm install left no ${repolinterBin}`;
  return null;
}

/** A regular expression matching `text` literally. */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** repolinter rules equivalent to the file checks of an mltest.yaml: file existence, and CI steps' text. */
function repolinterRuleset(evidenceFile) {
  const evidence = parse(readFileSync(evidenceFile, "utf8"));
  const rules = {};
  for (const [id, test] of Object.entries(evidence.tests ?? {})) {
    (test.evidence ?? []).forEach((pointer, i) => {
      const name = `${id}-${i + 1}`;
      const file = pointer.path ?? pointer.doc ?? pointer.report;
      if (file !== undefined) {
        rules[`${name}-exists`] = { level: "error", rule: { type: "file-existence", options: { globsAny: [file] } } };
      } else if (pointer.ci !== undefined) {
        const [workflow] = String(pointer.ci).split("#");
        rules[pointer.runs === undefined ? `${name}-ci-exists` : `${name}-ci-runs`] =
          pointer.runs === undefined
            ? { level: "error", rule: { type: "file-existence", options: { globsAny: [workflow] } } }
            : {
                level: "error",
                rule: {
                  type: "file-contents",
                  options: { globsAll: [workflow], content: escapeRegExp(String(pointer.runs)), "fail-on-non-existent": true },
                },
              };
      }
    });
  }
  // repolinter's schema requires an axioms object; an empty one runs none
  return { $schema: "https://raw.githubusercontent.com/todogroup/repolinter/master/rulesets/schema.json", version: 2, axioms: {}, rules };
}

if (parts.has("repolinter")) {
  let rulesetDir;
  try {
    const failure = installRepolinter();
    if (failure) {
      console.log(`repolinter comparison skipped: ${failure}`);
      notes.push(`repolinter comparison skipped: ${failure}`);
    } else {
      const ruleset = repolinterRuleset(join(example, "mltest.yaml"));
      const count = Object.keys(ruleset.rules).length;
      rulesetDir = mkdtempSync(join(tmpdir(), "mltest-bench-ruleset-"));
      const rulesetFile = join(rulesetDir, "repolinter.json");
      writeFileSync(rulesetFile, `${JSON.stringify(ruleset, null, 2)}\n`);
      const repolinter = [
        process.execPath,
        [realpathSync(repolinterBin), "lint", example, "--rulesetFile", rulesetFile, "--dryRun"],
        { anyExit: true },
      ];
      // Once, to check that repolinter accepted the rule set and ran every rule (its JSON output
      // lists one result per rule run); the timed runs use its default output.
      const check = spawnSync(repolinter[0], [...repolinter[1], "--format", "json"], {
        encoding: "utf8",
        env: baseEnv,
        maxBuffer: 64 << 20,
      });
      let report;
      try {
        report = JSON.parse(check.stdout);
      } catch {
        report = {
          errored: true,
          errMsg: `no JSON report (exit ${check.status}): ${`${check.stdout}${check.stderr}`.trim().split("\n").slice(-5).join(" / ")}`,
        };
      }
      const results = report.results ?? [];
      const ran = results.filter(
        (result) => result.status !== "IGNORED" && result.status !== "ERROR" && result.ruleInfo?.name in ruleset.rules,
      ).length;
      const passed = results.filter((result) => result.status === "PASSED").length;
      const other = results.length - passed;
      const timed = spawnSync(repolinter[0], repolinter[1], { encoding: "utf8", env: baseEnv });
      const summary = `ran ${ran} of the ${count} rules: ${passed} passed, ${other} failed or did not run; exit code ${timed.status}`;
      console.log(`repolinter ${repolinterVersion}: ${count} file rules generated from ${example}/mltest.yaml; ${summary}`);
      if (timed.status !== 0 || other > 0) notes.push(`repolinter: ${summary}`);
      if (timed.stderr.trim()) notes.push(`repolinter wrote to stderr: ${timed.stderr.trim().split("\n").slice(0, 3).join(" / ")}`);
      if (report.errored || ran !== count) {
        const reason = report.errored ? `it failed: ${report.errMsg}` : `it ran ${ran} of the ${count} rules`;
        console.log(`repolinter comparison skipped: ${reason}`);
        notes.push(`repolinter comparison skipped: ${reason}`);
      } else {
        const rounds = Math.max(10, Math.floor(runs / 2));
        progress(`mltest vs repolinter, ${rounds} rounds`);
        const versus = measure({ repolinter, score: scoreExample }, rounds);
        rows.push([
          `mltest score vs repolinter on the same ${count} file rules`,
          versus.score,
          versus.repolinter,
          `repolinter ${repolinterVersion}`,
        ]);
      }
    }
  } catch (error) {
    console.log(`repolinter comparison skipped: ${error.message}`);
    notes.push(`repolinter comparison skipped: ${error.message}`);
  } finally {
    if (rulesetDir) rmSync(rulesetDir, { recursive: true, force: true });
  }
}

/** A project of `count` files in nested folders, with evidence that the verifier has to find. */
function generateProject(count) {
  const root = mkdtempSync(join(tmpdir(), "mltest-bench-"));
  for (let i = 0; i < count; i++) {
    const dir = join(root, "src", `pkg${i % 100}`, `mod${Math.floor(i / 100) % 100}`);
    if (i < 10_000) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.py`), "x = 1\n");
  }
  mkdirSync(join(root, ".github/workflows"), { recursive: true });
  writeFileSync(
    join(root, ".github/workflows/ci.yml"),
    "on: { schedule: [{ cron: '0 3 * * *' }] }\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests\n",
  );
  mkdirSync(join(root, "docs"));
  writeFileSync(join(root, "docs/review.md"), "# Review\n");
  const tests = ["data-1", "data-2", "model-1", "infra-1", "monitor-1"]
    .map(
      (id, i) =>
        `  ${id}:\n    status: automated\n    evidence:\n      - path: "src/**/file${99_990 + i}.py"\n      - ci: .github/workflows/ci.yml#test\n        runs: pytest\n        scheduled: true\n`,
    )
    .join("");
  writeFileSync(
    join(root, "mltest.yaml"),
    `tests:\n${tests}  model-2:\n    status: manual\n    verified: 2026-11-01\n    evidence:\n      - doc: docs/review.md\n      - path: "src/**/missing-*.py"\n`,
  );
  return root;
}

const files = 100_000;
if (parts.has("verify")) {
  progress(`verify a ${files.toLocaleString("en")}-file project`);
  const project = generateProject(files);
  try {
    const big = measure(
      {
        find: ["find", [project, "-type", "f"]],
        score: mltest(["score", project, "--format", "json", "--as-of", "2026-11-28"]),
      },
      Math.max(5, Math.floor(runs / 6)),
    );
    rows.push([`verify a ${files.toLocaleString("en")}-file project vs \`find -type f\``, big.score, big.find, "find -type f"]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}

/** A monorepo of `count` small projects, each with its own mltest.yaml and evidence that verifies. */
function generateMonorepo(count) {
  const root = mkdtempSync(join(tmpdir(), "mltest-bench-mono-"));
  for (let i = 0; i < count; i++) {
    const dir = join(root, `team${i % 20}`, `model${i}`);
    mkdirSync(join(dir, "docs"), { recursive: true });
    writeFileSync(join(dir, "docs/review.md"), "# Review\n");
    writeFileSync(join(dir, "train.py"), "print('train')\n");
    const statuses = ["data-1", "model-1", "infra-1", "monitor-1"].slice(0, 1 + (i % 4));
    const tests = statuses
      .map(
        (id) =>
          `  ${id}:\n    status: manual\n    verified: 2026-11-01\n    evidence:\n      - doc: docs/review.md\n      - path: train.py\n`,
      )
      .join("");
    writeFileSync(join(dir, "mltest.yaml"), `project: model-${i}\ngate:\n  minScore: 0\ntests:\n${tests}`);
  }
  return root;
}

/** A repository of `count` text files: Python modules, configs and docs, a few of them signals. */
function generateRepo(count) {
  const root = mkdtempSync(join(tmpdir(), "mltest-bench-detect-"));
  const kinds = [
    ["py", (i) => `import os\n\ndef f${i}(x):\n    return x + ${i}\n`],
    ["yaml", (i) => `name: config-${i}\nvalue: ${i}\n`],
    ["md", (i) => `# Notes ${i}\n\nNothing to see.\n`],
    ["txt", (i) => `line ${i}\n`],
  ];
  for (let i = 0; i < count; i++) {
    const dir = join(root, `pkg${i % 50}`, `sub${Math.floor(i / 50) % 40}`);
    if (i < 2000) mkdirSync(dir, { recursive: true });
    const [ext, body] = kinds[i % kinds.length];
    writeFileSync(join(dir, `f${i}.${ext}`), body(i));
  }
  writeFileSync(join(root, "pkg1/sub1/schema.py"), "import pandera as pa\n");
  writeFileSync(join(root, "requirements.txt"), "pandas\nmlflow\npytest\n");
  mkdirSync(join(root, ".github/workflows"), { recursive: true });
  writeFileSync(
    join(root, ".github/workflows/ci.yml"),
    "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/test_features.py\n",
  );
  return root;
}

/** The rubric's content patterns that grep's extended syntax can run too, as one alternation. */
function grepPattern() {
  const rubric = parse(readFileSync("rubrics/ml-test-score-2017.yaml", "utf8"));
  const patterns = rubric.sections.flatMap((s) => s.tests.flatMap((t) => (t.detect ?? []).map((d) => d.contains).filter(Boolean)));
  const portable = patterns.filter((p) => !/\(\?|\\d|\\[DSW]/.test(p));
  return { pattern: portable.map((p) => `(${p})`).join("|"), used: portable.length, all: patterns.length };
}

if (parts.has("recursive")) {
  progress("score --recursive over 1,000 projects");
  const monorepo = generateMonorepo(1000);
  try {
    const one = join(monorepo, "team0", "model0");
    const mono = measure(
      {
        one: mltest(["score", one, "--format", "json", "--as-of", "2026-11-28"]),
        all: mltest(["score", monorepo, "--recursive", "--format", "json", "--as-of", "2026-11-28"]),
      },
      Math.max(5, Math.floor(runs / 6)),
    );
    rows.push(["`score --recursive` over 1,000 projects vs `score` of one", mono.all, mono.one, "score of one project"]);
  } finally {
    rmSync(monorepo, { recursive: true, force: true });
  }
}

if (parts.has("detect")) {
  progress(`detect over ${files.toLocaleString("en")} files`);
  const repo = generateRepo(files);
  try {
    const { pattern, used, all } = grepPattern();
    const detect = measure(
      {
        grep: ["grep", ["-rlE", pattern, repo]],
        detect: mltest(["detect", repo, "--format", "json"]),
      },
      Math.max(5, Math.floor(runs / 6)),
      [0, 1],
    );
    rows.push([
      `detect over ${files.toLocaleString("en")} files vs \`grep -rlE\` (${used} of ${all} patterns)`,
      detect.detect,
      detect.grep,
      "grep -rlE",
    ]);
    progress("peak memory of detect");
    const detectMemory = peakMemory({ detect: mltest(["detect", repo, "--format", "json"]), node: nodeE0 });
    if (detectMemory)
      memory.push(["peak memory of detect over the repository vs `node -e 0`", detectMemory.detect, detectMemory.node, "node -e 0"]);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/**
 * `count` JSON reports in a folder, as CI artifacts collected for a fleet would be: copies of the
 * examples' reports (scored by the installed mltest), each under its own repository (five
 * reports a repository, a week apart) with its final score varied, in one folder per team.
 */
function generateFleet(count) {
  const examples = ["fraud-scoring", "mature-recommender", "research-prototype", "demand-forecast", "payments-risk"].map((name) => {
    const out = spawnSync(bin, ["score", `examples/${name}`, "--format", "json", ...asOf], {
      encoding: "utf8",
      env: baseEnv,
      maxBuffer: 64 << 20,
    });
    if (out.status !== 0 && out.status !== 1) throw new Error(`score examples/${name} exited ${out.status}: ${out.stderr}`);
    return JSON.parse(out.stdout);
  });
  const root = mkdtempSync(join(tmpdir(), "mltest-bench-fleet-"));
  const repositories = count / 5;
  const last = Date.parse("2026-11-28T00:00:00Z");
  for (let i = 0; i < count; i++) {
    const n = i % repositories;
    const report = structuredClone(examples[n % examples.length]);
    report.project.name = `model-${n}`;
    report.project.dir = `team${n % 20}/model-${n}`;
    report.asOf = new Date(last - Math.floor(i / repositories) * 7 * 86_400_000).toISOString().slice(0, 10);
    report.final.score = Math.min(report.final.max, ((i * 7) % 15) / 2);
    const dir = join(root, `team${n % 20}`);
    if (i < 20) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `model-${n}-${report.asOf}.json`), `${JSON.stringify(report, null, 2)}\n`);
  }
  return { root, repositories };
}

/** Plain Node doing the least a fleet must: find every *.json below a folder, read it and parse it. */
const parseAll = [
  process.execPath,
  [
    "-e",
    `const fs = require("node:fs"), path = require("node:path");
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith(".json")) JSON.parse(fs.readFileSync(p, "utf8"));
  }
})(process.argv[1]);`,
  ],
];

if (parts.has("fleet")) {
  const reports = 5000;
  progress(`fleet over ${reports.toLocaleString("en")} reports`);
  const { root: folder, repositories } = generateFleet(reports);
  try {
    const fleetArgs = ["fleet", folder, "--format", "json", ...asOf];
    // Once, to check that every report was read and every repository has its row.
    const check = spawnSync(bin, fleetArgs, { encoding: "utf8", env: baseEnv, maxBuffer: 256 << 20 });
    const view = check.status === 0 ? JSON.parse(check.stdout) : undefined;
    if (!view || view.rows.length !== repositories || view.skipped.length > 0 || view.rows.some((r) => r.trend.length !== 5)) {
      throw new Error(`fleet did not read the ${reports} reports as ${repositories} repositories: exit ${check.status} ${check.stderr}`);
    }
    const plain = [process.execPath, [...parseAll[1], folder]];
    const cat = ["find", [folder, "-name", "*.json", "-exec", "cat", "{}", "+"]];
    const timed = measure({ cat, plain, fleet: mltest(fleetArgs) }, Math.max(5, Math.floor(runs / 6)));
    const name = `fleet over ${reports.toLocaleString("en")} reports (${repositories.toLocaleString("en")} repositories)`;
    rows.push([`${name} vs \`cat\` of every report`, timed.fleet, timed.cat, "find -exec cat"]);
    rows.push([`${name} vs Node reading and parsing each`, timed.fleet, timed.plain, "node: read + JSON.parse"]);
    progress("peak memory of fleet");
    const fleetMemory = peakMemory({ fleet: mltest(fleetArgs), plain, node: nodeE0 });
    if (fleetMemory) {
      memory.push([
        `peak memory of ${name} vs Node reading and parsing each`,
        fleetMemory.fleet,
        fleetMemory.plain,
        "node: read + JSON.parse",
      ]);
      memory.push([`peak memory of ${name} vs \`node -e 0\``, fleetMemory.fleet, fleetMemory.node, "node -e 0"]);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model?.trim() ?? "unknown",
  cpus: cpus.length,
  memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  loadavg1: Number(loadAtStart.toFixed(2)),
};
const noisy = machine.cpus > 0 && loadAtStart > machine.cpus / 2;
if (timeMissing) notes.push(`peak memory not measured: ${timeBin} is missing`);
else if (parts.has("start") && !scoreMemory) notes.push(`peak memory not measured: ${timeBin} -f %M gave no figure (not GNU time?)`);
if (noisy) notes.push(`1-minute load average ${machine.loadavg1} was above half the ${machine.cpus} cores: figures are noisy`);

console.log("");
console.log(
  `machine: ${machine.cpu} × ${machine.cpus}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.platform}, load average (1 min) ${machine.loadavg1} at start`,
);
if (noisy)
  console.log(
    `warning: the 1-minute load average (${machine.loadavg1}) is above half the core count (${machine.cpus}): the figures are noisy`,
  );
console.log(`mltest: the packed tarball installed with npm, ${bin} run directly, without NODE_OPTIONS`);
if (timeMissing) console.log(`memory was not measured: ${timeBin} (GNU time) is missing`);
else if (parts.has("start") && !scoreMemory) console.log(`memory was not measured: ${timeBin} -f %M gave no figure (not GNU time?)`);
console.log(`medians, interleaved runs (cold start ${coldRuns} rounds, peak memory 5 runs each)`);
const width = Math.max(...[...rows, ...memory].map(([name]) => name.length), "measure".length);
console.log(`${"measure".padEnd(width)} ${"mltest".padStart(9)} ${"baseline".padStart(9)}  ratio`);
for (const [name, ours, base] of rows) {
  console.log(
    `${name.padEnd(width)} ${`${ours.toFixed(0)} ms`.padStart(9)} ${`${base.toFixed(0)} ms`.padStart(9)}  ${(ours / base).toFixed(2)}×`,
  );
}
for (const [name, ours, base] of memory) {
  console.log(
    `${name.padEnd(width)} ${`${ours.toFixed(0)} MB`.padStart(9)} ${`${base.toFixed(0)} MB`.padStart(9)}  ${(ours / base).toFixed(2)}×`,
  );
}
if (targets.length > 0) console.log("targets:");
for (const [name, ratio, limit] of targets) console.log(`  ${ratio <= limit ? "met " : "MISSED"} ${name}: ${ratio.toFixed(2)}×`);
const figures = {
  timestamp: new Date().toISOString(),
  machine,
  runs,
  parts: [...parts],
  nodes: perNode,
  targets: targets.map(([name, ratio, limit]) => ({ name, ratio: Number(ratio.toFixed(2)), limit, met: ratio <= limit })),
  coldStartRuns: coldRuns,
  notes,
  time: rows.map(([name, ours, base, baseline]) => ({
    name,
    ms: Math.round(ours),
    baseline,
    baselineMs: Math.round(base),
    ratio: Number((ours / base).toFixed(2)),
  })),
  memory: memory.map(([name, ours, base, baseline]) => ({
    name,
    mb: Math.round(ours),
    baseline,
    baselineMb: Math.round(base),
    ratio: Number((ours / base).toFixed(2)),
  })),
};
writeFileSync("bench-results.json", `${JSON.stringify(figures, null, 2)}\n`);
console.log("figures written to bench-results.json");
