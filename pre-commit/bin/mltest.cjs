#!/usr/bin/env node
// The hook's `mltest` command. pre-commit installs this package globally in its own environment,
// and npm puts only a global package's own commands on the PATH, not its dependencies': this one
// runs the mltest the package pins, in this process (its `bin` exports run(), which reads the same
// process.argv shape: node, this file, then pre-commit's arguments), and exits as mltest does.
"use strict";
const { dirname, join } = require("node:path");

const manifest = require.resolve("mltest/package.json");
const { bin } = require(manifest);
const { run } = require(join(dirname(manifest), typeof bin === "string" ? bin : bin.mltest));
run().then((code) => {
  process.exitCode = code;
});
