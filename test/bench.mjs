// `npm run bench`: what mltest costs, as ratios against a plain tool measured in the same run,
// interleaved so that machine noise hits both sides alike. A script, never a test: timing
// assertions in tests are flaky. Usage: node test/bench.mjs [runs]
//   1. cold `mltest score` on an example vs `node -e 0`
//   2. `mltest score` verifying evidence in a generated project of 100,000 files vs `find` over it
//   3. `mltest score --recursive` over a generated monorepo of 1,000 projects vs `score` of one
//   4. `mltest detect` over a generated repository of 100,000 files vs `grep -rlE` with the union of
//      the rubric's content patterns over the same tree, and detect's peak memory vs `node -e 0`
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";

const runs = Number(process.argv[2] ?? 30);
const bin = "dist/mltest.cjs";

function measure(cases, rounds, okCodes = [0]) {
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let i = 0; i < rounds + 2; i++) {
    for (const [name, [cmd, args]] of Object.entries(cases)) {
      const start = process.hrtime.bigint();
      const result = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!okCodes.includes(result.status)) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
      if (i >= 2) times[name].push(ms); // the first two rounds warm the file cache
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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
  writeFileSync(join(root, ".github/workflows/ci.yml"), "on: { schedule: [{ cron: '0 3 * * *' }] }\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests\n");
  mkdirSync(join(root, "docs"));
  writeFileSync(join(root, "docs/review.md"), "# Review\n");
  const tests = ["data-1", "data-2", "model-1", "infra-1", "monitor-1"]
    .map((id, i) => `  ${id}:\n    status: automated\n    evidence:\n      - path: "src/**/file${99_990 + i}.py"\n      - ci: .github/workflows/ci.yml#test\n        runs: pytest\n        scheduled: true\n`)
    .join("");
  writeFileSync(join(root, "mltest.yaml"), `tests:\n${tests}  model-2:\n    status: manual\n    verified: 2026-11-01\n    evidence:\n      - doc: docs/review.md\n      - path: "src/**/missing-*.py"\n`);
  return root;
}

const rows = [];
const memory = [];
const example = "examples/fraud-scoring";
const startup = measure(
  {
    node: [process.execPath, ["-e", "0"]],
    table: [process.execPath, [bin, "score", example, "--no-color"]],
    json: [process.execPath, [bin, "score", example, "--format", "json"]],
  },
  runs,
);
rows.push(["cold `mltest score` (table) vs `node -e 0`", startup.table, startup.node]);
rows.push(["cold `mltest score --format json` vs `node -e 0`", startup.json, startup.node]);

const files = 100_000;
const project = generateProject(files);
try {
  const big = measure(
    {
      find: ["find", [project, "-type", "f"]],
      score: [process.execPath, [bin, "score", project, "--format", "json", "--as-of", "2026-11-28"]],
    },
    Math.max(5, Math.floor(runs / 6)),
  );
  rows.push([`verify a ${files.toLocaleString("en")}-file project vs \`find -type f\``, big.score, big.find]);
} finally {
  rmSync(project, { recursive: true, force: true });
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
    const tests = statuses.map((id) => `  ${id}:\n    status: manual\n    verified: 2026-11-01\n    evidence:\n      - doc: docs/review.md\n      - path: train.py\n`).join("");
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
  writeFileSync(join(root, ".github/workflows/ci.yml"), "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/test_features.py\n");
  return root;
}

/** The rubric's content patterns that grep's extended syntax can run too, as one alternation. */
function grepPattern() {
  const rubric = parse(readFileSync("rubrics/ml-test-score-2017.yaml", "utf8"));
  const patterns = rubric.sections.flatMap((s) => s.tests.flatMap((t) => (t.detect ?? []).map((d) => d.contains).filter(Boolean)));
  const portable = patterns.filter((p) => !/\(\?|\\d|\\[DSW]/.test(p));
  return { pattern: portable.map((p) => `(${p})`).join("|"), used: portable.length, all: patterns.length };
}

const monorepo = generateMonorepo(1000);
try {
  const one = join(monorepo, "team0", "model0");
  const mono = measure(
    {
      one: [process.execPath, [bin, "score", one, "--format", "json", "--as-of", "2026-11-28"]],
      all: [process.execPath, [bin, "score", monorepo, "--recursive", "--format", "json", "--as-of", "2026-11-28"]],
    },
    Math.max(5, Math.floor(runs / 6)),
  );
  rows.push(["`score --recursive` over 1,000 projects vs `score` of one", mono.all, mono.one]);
} finally {
  rmSync(monorepo, { recursive: true, force: true });
}

const repo = generateRepo(files);
try {
  const { pattern, used, all } = grepPattern();
  const detect = measure(
    {
      grep: ["grep", ["-rlE", pattern, repo]],
      detect: [process.execPath, [bin, "detect", repo, "--format", "json"]],
    },
    Math.max(5, Math.floor(runs / 6)),
    [0, 1],
  );
  rows.push([`detect over ${files.toLocaleString("en")} files vs \`grep -rlE\` (${used} of ${all} patterns)`, detect.detect, detect.grep]);
  const rss = (cmd, args) => {
    const out = spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    return Number(out.stderr.trim().split("\n").pop()) / 1024;
  };
  memory.push(["peak memory of detect over the repository vs `node -e 0`", rss(process.execPath, [bin, "detect", repo, "--format", "json"]), rss(process.execPath, ["-e", "0"])]);
} finally {
  rmSync(repo, { recursive: true, force: true });
}

console.log(`medians, interleaved runs (node ${process.version}, ${process.platform}/${process.arch})`);
console.log(`${"measure".padEnd(62)} ${"mltest".padStart(9)} ${"baseline".padStart(9)}  ratio`);
for (const [name, ours, base] of rows) {
  console.log(`${name.padEnd(62)} ${`${ours.toFixed(0)} ms`.padStart(9)} ${`${base.toFixed(0)} ms`.padStart(9)}  ${(ours / base).toFixed(2)}×`);
}
for (const [name, ours, base] of memory) {
  console.log(`${name.padEnd(62)} ${`${ours.toFixed(0)} MB`.padStart(9)} ${`${base.toFixed(0)} MB`.padStart(9)}  ${(ours / base).toFixed(2)}×`);
}
const figures = {
  node: process.version,
  platform: `${process.platform}/${process.arch}`,
  runs,
  time: rows.map(([name, ours, base]) => ({ name, ms: Math.round(ours), baselineMs: Math.round(base), ratio: Number((ours / base).toFixed(2)) })),
  memory: memory.map(([name, ours, base]) => ({ name, mb: Math.round(ours), baselineMb: Math.round(base), ratio: Number((ours / base).toFixed(2)) })),
};
writeFileSync("bench-results.json", `${JSON.stringify(figures, null, 2)}\n`);
console.log("figures written to bench-results.json");
