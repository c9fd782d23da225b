// `npm run bench`: start-up cost of `mltest score` as a ratio to `node -e 0`, both measured in
// this run, interleaved, so machine noise hits both alike. A script, never a test: timing
// assertions in tests are flaky. Usage: node test/bench.mjs [runs]
import { spawnSync } from "node:child_process";

const runs = Number(process.argv[2] ?? 30);
const example = "examples/fraud-scoring";
const cases = {
  "node -e 0": [process.execPath, ["-e", "0"]],
  [`mltest score ${example}`]: [process.execPath, ["dist/mltest.cjs", "score", example, "--no-color"]],
  [`mltest score ${example} --format json`]: [process.execPath, ["dist/mltest.cjs", "score", example, "--format", "json"]],
};

const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let i = 0; i < runs + 2; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    if (i >= 2) times[name].push(ms); // the first two rounds warm the file cache
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times["node -e 0"]);
console.log(`median wall time of ${runs} runs each, interleaved (node ${process.version}, ${process.platform}/${process.arch})`);
for (const [name, xs] of Object.entries(times)) {
  console.log(`${name.padEnd(50)} ${median(xs).toFixed(1).padStart(7)} ms  ${(median(xs) / base).toFixed(2)}×`);
}
