// Builds the CLI into dist/:
//   core.cjs          the whole CLI in one bundle (one file to load instead of hundreds of modules)
//   mltest.cjs        the executable (src/launch.cts): plain JavaScript that runs core.cjs and keeps
//                     its compiled code in a cache (see there)
//   core-ID-v8-VERSION-ARCH.cache  V8's code cache of core.cjs (ID: the first digits of its
//                     SHA-256), written after a warm-up run of the common commands, for the V8 of
//                     the Node that runs this build (other Nodes make their own)
//   compiled-rubrics/ each built-in rubric, checked once and stored as JSON (see loadRubric)
//   THIRD-PARTY-NOTICES.md the licence of every package the bundle carries, so that the package
//                     needs no dependency installed beside it and still says whose code it holds

import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { build } from "esbuild";

// yaml's "node" export is CommonJS, which esbuild cannot tree-shake; its ESM build is the same code.
const yamlEsm = {
  name: "yaml-esm",
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve("node_modules/yaml/browser/index.js") }));
  },
};
// Built-in modules that would load at every start for nothing:
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
// The CLI reads only package.json's version; carrying the rest (scripts, development dependencies)
// would also make the committed action bundle stale at every edit of them.
const versionOnly = {
  name: "version-only",
  setup(b) {
    const own = resolve("package.json");
    const { version } = JSON.parse(readFileSync(own, "utf8"));
    b.onLoad({ filter: /package\.json$/ }, (args) =>
      args.path === own ? { contents: JSON.stringify({ version }), loader: "json" } : undefined,
    );
  },
};
const ACTION_ENTRY = 'import { runAction } from "./src/cli/action.ts";\nrunAction().then((code) => { process.exitCode = code; });\n';
// What cli-table3 requires, in the bundle:
// - its optional @colors/colors only colours cells by its `style` lists, which mltest leaves empty
//   (chalk colours cells, src/format/boxed.ts), and a failed require is caught: the bundle gets a
//   module that fails, not the colour library, and names nothing outside itself;
// - string-width measures cells: src/format/cell-width.ts (see there) answers first.
const tableDependencies = {
  name: "table-dependencies",
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes("/node_modules/cli-table3/") ? { path: "cell-width", namespace: "table-dependencies" } : undefined,
    );
    b.onResolve({ filter: /^@colors\/colors(\/|$)/ }, (args) =>
      args.importer.includes("/node_modules/cli-table3/") ? { path: "colors", namespace: "table-dependencies" } : undefined,
    );
    // cli-table3 requires a function, CommonJS style; cell-width.ts is ESM with a default export.
    b.onLoad({ filter: /^cell-width$/, namespace: "table-dependencies" }, () => ({
      contents: 'module.exports = require("./src/format/cell-width.ts").default;',
      resolveDir: resolve("."),
      loader: "js",
    }));
    b.onLoad({ filter: /^colors$/, namespace: "table-dependencies" }, () => ({
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
  plugins: [yamlEsm, lighterStart, tableDependencies, versionOnly],
  // The sources are ESM; in the CommonJS bundle import.meta.url is the bundle's own URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "const __bundleUrl=require('node:url').pathToFileURL(__filename).href;" },
};

// `node build.mjs --action [DIR]` builds only the GitHub Action's entry point, DIR/index.cjs (action/
// by default), with its notices. It is committed, so that a job runs it on the runner's own Node with
// nothing installed; test/action.test.ts fails when the committed file is not what this builds.
const actionAt = process.argv.indexOf("--action");
if (actionAt !== -1) {
  const dir = process.argv[actionAt + 1] ?? "action";
  const { metafile } = await build({
    ...common,
    stdin: { contents: ACTION_ENTRY, resolveDir: resolve("."), sourcefile: "action-entry.js", loader: "js" },
    outfile: `${dir}/index.cjs`,
    metafile: true,
  });
  writeFileSync(`${dir}/THIRD-PARTY-NOTICES.md`, notices(metafile, "The GitHub Action's entry point (action/index.cjs)"));
  process.exit(0);
}

rmSync("dist", { recursive: true, force: true });
const { metafile } = await build({ ...common, entryPoints: ["src/cli/main.ts"], outfile: "dist/core.cjs", metafile: true });
writeFileSync("dist/THIRD-PARTY-NOTICES.md", notices(metafile, "mltest's executable"));
// The launcher names its caches by core.cjs's contents (see codeCacheName in src/launch.cts).
const coreId = createHash("sha256").update(readFileSync("dist/core.cjs")).digest("hex").slice(0, 16);
await build({
  ...common,
  entryPoints: ["src/launch.cts"],
  outfile: "dist/mltest.cjs",
  banner: { js: "#!/usr/bin/env node" },
  define: { ...common.define, CORE_ID: JSON.stringify(coreId) },
});
// The rubric loader alone, to check each built-in rubric once and store the result (builtin-rubrics.ts).
const RUBRIC_ENTRY =
  'export { loadRubric } from "./src/load/rubric.ts";\nexport { builtinDir, builtinIds, PRECOMPILED_DIR } from "./src/load/builtin-rubrics.ts";\n';
await build({
  ...common,
  stdin: { contents: RUBRIC_ENTRY, resolveDir: resolve("."), sourcefile: "rubric-entry.js", loader: "js" },
  outfile: "dist/.build/rubric.cjs",
});

const require = createRequire(import.meta.url);
const { builtinIds, builtinDir, loadRubric, PRECOMPILED_DIR } = require("./dist/.build/rubric.cjs");
mkdirSync(`dist/${PRECOMPILED_DIR}`, { recursive: true });
for (const id of builtinIds()) {
  writeFileSync(`dist/${PRECOMPILED_DIR}/${id}.json`, JSON.stringify(loadRubric(`${builtinDir()}/${id}.yaml`)));
}
rmSync("dist/.build", { recursive: true, force: true });

// Warm-up: run the common commands once in this process, then keep the compiled code.
const example = "examples/fraud-scoring";
const rubric = ["--rubric", "rubrics/ml-test-score-2017.yaml"];
const runs = [
  ["rubric", rubric[1]],
  ["describe", "data-1", ...rubric],
];
if (existsSync(`${example}/mltest.yaml`)) {
  runs.push(["score", example, ...rubric], ["score", example, "--format", "json", ...rubric], ["validate", example, ...rubric]);
}
const { loadCore, codeCacheName } = require("./dist/mltest.cjs");
const { core, script } = loadCore(resolve("dist"));
const write = process.stdout.write;
process.stdout.write = () => true;
try {
  for (const args of runs) await core.main(["node", "mltest", ...args]);
} finally {
  process.stdout.write = write;
}
writeFileSync(`dist/${codeCacheName()}`, script.createCachedData());
chmodSync("dist/mltest.cjs", 0o755);

/** The licence text of every npm package whose code is in the bundle, from esbuild's list of inputs. */
function notices(meta, what) {
  const packages = new Map();
  for (const input of Object.keys(meta.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1], resolve(input.slice(0, match.index + match[0].length)));
  }
  const sections = [...packages]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, dir]) => {
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
  return `# Third-party notices\n\n${what} bundles the code of these packages, under their own licences.\n\n${sections.join("\n")}`;
}
