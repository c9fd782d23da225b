#!/usr/bin/env node
// The hook's `mltest` command. pre-commit installs this package globally in its own environment,
// and npm puts only a global package's own commands on the PATH, not its dependencies': this one
// runs the mltest the package pins, with pre-commit's arguments, and exits as mltest does.
"use strict";
const { spawnSync } = require("node:child_process");
const { dirname, join } = require("node:path");

const manifest = require.resolve("mltest/package.json");
const { bin } = require(manifest);
const cli = join(dirname(manifest), typeof bin === "string" ? bin : bin.mltest);
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit" });
if (run.error) {
  console.error(`mltest: ${run.error.message}`);
  process.exit(2);
}
// Killed by a signal: end the same way, so pre-commit sees what mltest saw.
if (run.signal) process.kill(process.pid, run.signal);
process.exit(run.status ?? 2);
