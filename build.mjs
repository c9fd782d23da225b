// Bundles the CLI into one ESM file: one module graph to load at start-up instead of hundreds.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli.ts"],
  outfile: "dist/mltest.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifySyntax: true,
  legalComments: "none",
  // Bundled CommonJS dependencies (commander, cli-table3) call require() for Node built-ins.
  banner: {
    js: "#!/usr/bin/env node\nimport{createRequire as __mltestRequire}from'module';const require=__mltestRequire(import.meta.url);",
  },
  logLevel: "warning",
});
