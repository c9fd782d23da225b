// Builds the CLI into dist/:
//   core.cjs          the whole CLI in one bundle (one file to load instead of hundreds of modules)
//   mltest.cjs        the executable: runs core.cjs from V8's code cache (see src/launch.cts)
//   core.cache        that code cache, written after a warm-up run of the common commands
//   compiled-rubrics/ each built-in rubric, checked once and stored as JSON (see loadRubric)
import { build } from "esbuild";
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ESM build is the same code.
const yamlEsm = {
  name: "yaml-esm",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve("node_modules/yaml/browser/index.js") }));
  },
};
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [yamlEsm],
  // The sources are ESM; in the CommonJS bundle import.meta.url is the bundle's own URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
};

rmSync("dist", { recursive: true, force: true });
await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/core.cjs" });
await build({ ...common, entryPoints: ["src/launch.cts"], outfile: "dist/mltest.cjs", banner: { js: "#!/usr/bin/env node" } });
await build({ ...common, entryPoints: ["src/load/rubric.ts"], outfile: "dist/.build/rubric.cjs" });

const require = createRequire(import.meta.url);
const { builtinIds, builtinDir, loadRubric, PRECOMPILED_DIR } = require("./dist/.build/rubric.cjs");
mkdirSync(`dist/${PRECOMPILED_DIR}`, { recursive: true });
for (const id of builtinIds()) {
  writeFileSync(`dist/${PRECOMPILED_DIR}/${id}.json`, JSON.stringify(loadRubric(`${builtinDir()}/${id}.yaml`)));
}
rmSync("dist/.build", { recursive: true, force: true });

// Warm-up: run the common commands once in this process, then keep the compiled code.
const { loadCore, CODE_CACHE } = require("./dist/mltest.cjs");
const { core, script } = loadCore(resolve("dist"));
const example = "examples/fraud-scoring";
const runs = [["rubric"], ["describe", "data-1"]];
if (existsSync(`${example}/mltest.yaml`)) {
  runs.push(["score", example], ["score", example, "--format", "json"], ["validate", example]);
}
const write = process.stdout.write;
process.stdout.write = () => true;
try {
  for (const args of runs) await core.main(["node", "mltest", ...args]);
} finally {
  process.stdout.write = write;
}
writeFileSync(`dist/${CODE_CACHE}`, script.createCachedData());
chmodSync("dist/mltest.cjs", 0o755);
