// Builds the CLI into dist/:
//   core.cjs          the whole CLI in one bundle (one file to load instead of hundreds of modules)
//   mltest.cjs        the executable: a shell head (src/launch.sh) that starts Node from the
//                     snapshot below when it can, then JavaScript (src/launch.cts) that runs
//                     core.cjs from V8's code cache when it cannot
//   core.cache        that code cache, written after a warm-up run of the common commands
//   mltest.blob       a V8 start-up snapshot of core.cjs after the same warm-up, which the shell
//                     head of mltest.cjs starts Node from (see src/launch.sh); mltest.blob.node
//                     names the Node binary it belongs to and bears its modification time;
//                     snapshot.cjs is the script it was made of
//   compiled-rubrics/ each built-in rubric, checked once and stored as JSON (see loadRubric)
//   THIRD-PARTY-NOTICES.md the licence of every package the bundle carries, so that the package
//                     needs no dependency installed beside it and still says whose code it holds
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

// yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ESM build is the same code.
const yamlEsm = {
  name: "yaml-esm",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve("node_modules/yaml/browser/index.js") }));
  },
};
// Built-in modules that would load at every start for nothing (and sit in the snapshot's heap):
// - chalk's terminal probe (os, tty): mltest decides colour itself (src/cli/io.ts) and always
//   makes its Chalk with an explicit level, so chalk gets its probe that reports no colour;
// - child_process (with net, dgram and streams): commander needs it only to run executable
//   subcommands, which mltest has none of, so commander gets it on first use.
const lighterStart = {
  name: "lighter-start",
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: resolve("node_modules/chalk/source/vendor/supports-color/browser.js") }));
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/") ? { path: "child_process", namespace: "on-first-use" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "on-first-use" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });',
      loader: "js",
    }));
  },
};
// cli-table3 requires its optional @colors/colors only to colour cells by its `style` lists, which
// mltest leaves empty (chalk colours cells, src/format/boxed.ts), and catches a failed require.
// The bundle gets a module that fails, not the colour library, and names nothing outside itself.
const noTableColors = {
  name: "no-table-colors",
  setup(b) {
    b.onResolve({ filter: /^@colors\/colors(\/|$)/ }, (args) =>
      args.importer.includes("/node_modules/cli-table3/") ? { path: "colors", namespace: "no-table-colors" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "no-table-colors" }, () => ({
      contents: 'throw new Error("mltest colours table cells with chalk, never through cli-table3");',
      loader: "js",
    }));
  },
};
const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [yamlEsm, lighterStart, noTableColors],
  // The sources are ESM; in the CommonJS bundle import.meta.url is the bundle's own URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
};

rmSync("dist", { recursive: true, force: true });
const { metafile } = await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/core.cjs", metafile: true });
writeFileSync("dist/THIRD-PARTY-NOTICES.md", notices(metafile));
// The shell head opens a JavaScript comment on its second line and closes it on its last: no other
// "*" + "/" may appear in it.
const shellHead = readFileSync("src/launch.sh", "utf8");
const headLines = shellHead.trimEnd().split("\n");
if (headLines[1] !== "':' /*" || shellHead.indexOf("*/") !== shellHead.lastIndexOf("*/") || !headLines.at(-1).includes("*/")) {
  throw new Error("src/launch.sh: the JavaScript comment must open on line 2 and close on the last line only");
}
await build({ ...common, entryPoints: ["src/launch.cts"], outfile: "dist/mltest.cjs", banner: { js: shellHead } });
await build({ ...common, entryPoints: ["src/load/rubric.ts"], outfile: "dist/.build/rubric.cjs" });

const require = createRequire(import.meta.url);
const { builtinIds, builtinDir, loadRubric, PRECOMPILED_DIR } = require("./dist/.build/rubric.cjs");
mkdirSync(`dist/${PRECOMPILED_DIR}`, { recursive: true });
for (const id of builtinIds()) {
  writeFileSync(`dist/${PRECOMPILED_DIR}/${id}.json`, JSON.stringify(loadRubric(`${builtinDir()}/${id}.yaml`)));
}
rmSync("dist/.build", { recursive: true, force: true });

// Warm-up: run the common commands once in this process, then keep the compiled code.
// Every run names the rubric by path: a built-in id would make the snapshot keep the list of
// built-in rubrics it read, and miss one added to rubrics/ after the build.
const example = "examples/fraud-scoring";
const rubric = ["--rubric", "rubrics/ml-test-score-2017.yaml"];
const runs = [["rubric", rubric[1]], ["describe", "data-1", ...rubric]];
if (existsSync(`${example}/mltest.yaml`)) {
  runs.push(["score", example, ...rubric], ["score", example, "--format", "json", ...rubric], ["validate", example, ...rubric]);
}
const { loadCore, CODE_CACHE } = require("./dist/mltest.cjs");
const { core, script } = loadCore(resolve("dist"));
const write = process.stdout.write;
process.stdout.write = () => true;
try {
  for (const args of runs) await core.main(["node", "mltest", ...args]);
} finally {
  process.stdout.write = write;
}
writeFileSync(`dist/${CODE_CACHE}`, script.createCachedData());
chmodSync("dist/mltest.cjs", 0o755);

// The start-up snapshot: core.cjs, warmed up by the same runs, with main() as what Node runs on
// start. Written by this Node binary, for this Node binary only (src/launch.sh checks).
const snapshotEntry = "dist/snapshot.cjs";
writeFileSync(
  snapshotEntry,
  `const module = { exports: {} };\n${readFileSync("dist/core.cjs", "utf8")}\n;(${snapshotMain})(module.exports, ${JSON.stringify(runs)});\n`,
);
// --no-rehash-snapshot: V8 would otherwise rehash every hash table of the snapshot at each start
// (~5 ms) to give the process its own hash seed. The seed is then the one this build drew at
// random, the same for every run of this build (and readable from the blob): a hash-flooding key
// set would have to be made for one installation, against a file its own user controls.
// A snapshot loads only with the V8 flags it was made with, so src/launch.sh passes the same ones.
const SNAPSHOT_FLAGS = ["--no-rehash-snapshot"];
// The snapshot only speeds mltest up: where it cannot be made (Windows, whose npm shims cannot run
// the shell head anyway; an unusual Node), the build goes on without it and the JavaScript path runs.
try {
  if (process.platform === "win32") throw new Error("no POSIX shell to start it from");
  execFileSync(process.execPath, [...SNAPSHOT_FLAGS, "--snapshot-blob", "dist/mltest.blob", "--build-snapshot", snapshotEntry], { stdio: ["ignore", "ignore", "pipe"] });
  // The Node binary the snapshot belongs to (its path, and its modification time copied with
  // touch), and the folder it was made in, whose paths it holds.
  const nodeBinary = realpathSync(process.execPath);
  writeFileSync("dist/mltest.blob.node", `${nodeBinary}\n${realpathSync("dist")}\n`);
  execFileSync("touch", ["-r", nodeBinary, "dist/mltest.blob.node"]);
} catch (err) {
  rmSync("dist/mltest.blob", { force: true });
  rmSync("dist/mltest.blob.node", { force: true });
  console.warn(`mltest build: no start-up snapshot (${String(err.message).split("\n")[0]}); mltest will start from the code cache instead`);
}

/** Runs inside the snapshot builder: warm up, then name main() as the snapshot's entry point. */
function snapshotMain(core, runs) {
  const { startupSnapshot } = require("node:v8");
  const write = process.stdout.write;
  process.stdout.write = () => true;
  (async () => {
    for (const args of runs) await core.main(["node", "mltest", ...args]);
    process.stdout.write = write;
  })();
  startupSnapshot.setDeserializeMainFunction(() => {
    core.main(process.argv).then((code) => {
      process.exitCode = code;
    });
  });
}

/** The licence text of every npm package whose code is in the bundle, from esbuild's list of inputs. */
function notices(meta) {
  const packages = new Map();
  for (const input of Object.keys(meta.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1], resolve(input.slice(0, match.index + match[0].length)));
  }
  const sections = [...packages].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, dir]) => {
    const { version, license, author, repository } = JSON.parse(readFileSync(resolve(dir, "package.json"), "utf8"));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    if (!license && !file) throw new Error(`${name} ${version} names no licence: it cannot be bundled`);
    // A package that ships no licence text is carried with what its package.json declares.
    const text = file
      ? readFileSync(resolve(dir, file), "utf8").trim()
      : `${license}, as its package.json declares; the package ships no licence text.` +
        `${author ? ` Author: ${typeof author === "string" ? author : author.name}.` : ""}` +
        `${repository ? ` Source: ${typeof repository === "string" ? repository : repository.url}.` : ""}`;
    return `## ${name} ${version} (${license})\n\n${text}\n`;
  });
  return `# Third-party notices\n\nmltest's executable bundles the code of these packages, under their own licences.\n\n${sections.join("\n")}`;
}
