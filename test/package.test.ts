// The package as users install it: `npm pack` gives a tarball that installs from itself alone,
// offline and with an empty npm cache (the bundle carries every runtime library), scores the
// example exactly as the repository's own build does, and carries the licences of the code it
// bundles.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCUMENTS } from "./documents.js";
import { npm, packMltest } from "./pack.js";
import { AS_OF, mltest, ROOT } from "./run.js";

const scratch = mkdtempSync(join(tmpdir(), "mltest-package-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
};
let tarball = "";
let listing: string[] = [];

beforeAll(() => {
  ({ tarball, files: listing } = packMltest(scratch));
}, 60_000);

describe("the packed tarball", { timeout: 120_000 }, () => {
  it("depends on nothing at run time: the bundle carries every library", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
  });

  it("holds the executable, its bundle and the build's code cache, the rubrics, the schemas and the notices, and no run-time cache", () => {
    for (const file of [
      "dist/mltest.cjs",
      "dist/core.cjs",
      "dist/THIRD-PARTY-NOTICES.md",
      "rubrics/ml-test-score-2017.yaml",
      "schemas/report.schema.json",
    ]) {
      expect(listing, file).toContain(file);
    }
    expect(listing.filter((f) => /^dist\/core-[0-9a-f]{16}-v8-[\d.]+-node\.\d+-\w+\.cache$/.test(f))).toHaveLength(1);
    expect(listing.filter((f) => f.startsWith("dist/.cache/"))).toEqual([]);
  });

  it("carries the licence of every library the bundle holds", () => {
    const notices = readFileSync(join(ROOT, "dist/THIRD-PARTY-NOTICES.md"), "utf8");
    const bundled = ["chalk", "cli-table3", "commander", "fast-xml-parser", "ignore", "picomatch", "re2js", "smol-toml", "yaml", "zod"];
    for (const name of bundled)
      expect(notices, name).toMatch(new RegExp(`^## ${name} ${pkg.devDependencies[name]!.replace(/\./g, "\\.")} \\(`, "m"));
    // One YAML library, yaml, reads every file (issue 14): a second one in the bundle is a regression.
    expect(notices).not.toMatch(/^## js-yaml /m);
    // cli-table3's own dependency is bundled with it; its optional colour library is not (src/format/boxed.ts
    // colours with chalk, and build.mjs gives cli-table3 a module that fails in its place).
    expect(notices).toMatch(/^## string-width \d/m);
    expect(notices).not.toMatch(/^## @colors\//m);
    expect(readFileSync(join(ROOT, "dist/core.cjs"), "utf8")).not.toMatch(/require\(["']@colors/);
    // Each section holds a licence text, or what the package declares when it ships none.
    for (const section of notices.split(/^## /m).slice(1))
      expect(section.split("\n").slice(1).join("\n").trim().length, section.split("\n")[0]).toBeGreaterThan(20);
  });

  it("installs offline with an empty npm cache, and scores the example as the repository's build does", () => {
    const prefix = join(scratch, "prefix");
    const install = spawnSync(
      npm,
      ["install", "-g", "--prefix", prefix, "--cache", join(scratch, "empty-cache"), "--offline", "--no-audit", "--no-fund", tarball],
      {
        encoding: "utf8",
      },
    );
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, process.platform === "win32" ? "mltest.cmd" : "bin/mltest");
    const installed = spawnSync(bin, ["score", "examples/fraud-scoring", "--format", "json", "--as-of", AS_OF], {
      cwd: ROOT,
      encoding: "utf8",
      // As test/run.ts runs the repository's build: generation time fixed, no CI variables.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SOURCE_DATE_EPOCH: String(Date.parse(`${AS_OF}T00:00:00Z`) / 1000) },
    });
    expect(installed.stderr).toBe("");
    expect(installed.status).toBe(0);
    expect(installed.stdout).toBe(mltest("score", "examples/fraud-scoring", "--format", "json", "--as-of", AS_OF).stdout);
    // Nothing but mltest itself was installed.
    expect(readdirSync(join(prefix, "lib/node_modules"))).toEqual(["mltest"]);
  });
});

describe("the install instructions of the README and the docs", () => {
  // The README, CONTRIBUTING.md and docs/ (docs/ci.md holds the CI and pre-commit set-ups), read as one text.
  const readme = DOCUMENTS.map((file) => readFileSync(join(ROOT, file), "utf8")).join("\n");
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const blocks = [...readme.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1]!);

  it("pin every install of mltest to this version or to a tarball", () => {
    const installs = blocks.flatMap((b) => b.split("\n")).filter((line) => /\bnpm (install|i)\b/.test(line) && /mltest/.test(line));
    expect(installs.length).toBeGreaterThanOrEqual(3);
    for (const line of installs)
      expect(line, line).toMatch(new RegExp(`mltest@(${version.replace(/\./g, "\\.")}|\\$\\{MLTEST_VERSION\\})|\\.tgz`));
    expect(readme).toContain(`MLTEST_VERSION: "${version}"`);
  });

  it("pin the action and the pre-commit hooks to this release, and never run npx mltest where nothing installed it", () => {
    for (const uses of readme.match(/uses: \S+\/mltest@\S+/g) ?? []) expect(uses).toBe(`uses: <owner>/mltest@v${version}`);
    expect(readme).toContain(`rev: v${version}`);
    // A transcript ("$ npx mltest …" and what it printed) shows the set-up's clone, where npm ci installed it.
    const commands = blocks.filter((b) => !b.startsWith("$ ") && /\bnpx mltest\b/.test(b));
    expect(commands.length).toBeGreaterThan(0);
    for (const block of commands) expect(block, block).toMatch(/\bnpm (ci|install)\b/);
  });
});
