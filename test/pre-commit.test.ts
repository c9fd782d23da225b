// pre-commit, as a Python repository adopts mltest: the hook package in pre-commit/ (published as a
// hook repository of its own) installed by Debian's pre-commit from a git clone, its one dependency
// pointed at the packed mltest tarball. No registry is reachable (npm is offline, its registry a
// closed local port) and the npm cache starts empty, so the hooks run only if the tarball alone
// carries everything; the hook environment must then hold mltest and the hook package, nothing else.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { packMltest } from "./pack.js";
import { caseFolders, ROOT } from "./run.js";

interface Manifest {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: Record<string, string>;
}

const HOOK_PACKAGE = join(ROOT, "pre-commit");
const readManifest = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Manifest;
const mltestManifest = readManifest(join(ROOT, "package.json"));
const hookManifest = readManifest(join(HOOK_PACKAGE, "package.json"));
const hookReadme = readFileSync(join(HOOK_PACKAGE, "README.md"), "utf8");
/** The first YAML block of the hook README: the configuration users paste. */
const documentedConfig = /^```yaml\n([\s\S]*?)^```/m.exec(hookReadme)?.[1] ?? "";

describe("the hook package", () => {
  it("pins mltest exactly to this repository's version, and bears that version itself", () => {
    expect(hookManifest.dependencies).toEqual({ mltest: mltestManifest.version });
    expect(hookManifest.version).toBe(mltestManifest.version);
  });

  it("runs nothing at install and has no development dependencies, so users install mltest alone", () => {
    expect(hookManifest.scripts).toBeUndefined();
    expect(hookManifest.devDependencies).toBeUndefined();
    expect(hookManifest.bin).toEqual({ mltest: "bin/mltest.cjs" });
  });

  it("documents a configuration pinned to the tag of this version", () => {
    expect(documentedConfig).toMatch(/^ {2}- repo: \S+\n {4}rev: (\S+)\n {4}hooks:\n {6}- id: mltest\n$/m);
    expect(/rev: (\S+)/.exec(documentedConfig)?.[1]).toBe(`v${mltestManifest.version}`);
  });
});

const preCommitInstalled = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
if (!preCommitInstalled && process.env.CI) throw new Error("pre-commit is missing: .ci/run should have installed it");

// A small Python ML repository: one automated test per section, with no dated claims, so its score
// (1 in each section, final 1) does not depend on the day the test runs.
const PYTHON_REPO = {
  "src/churn/__init__.py": "",
  "src/churn/features.py": "def tenure_months(days: int) -> float:\n    return days / 30.0\n",
  "tests/test_features.py": "from churn.features import tenure_months\n\n\ndef test_tenure():\n    assert tenure_months(60) == 2.0\n",
  "requirements.txt": "pandas==2.2.3\nscikit-learn==1.5.2\npytest==8.3.3\n",
  ".github/workflows/ci.yml": [
    "name: ci",
    "on: [push]",
    "jobs:",
    "  tests:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - run: pip install -r requirements.txt",
    "      - run: pytest tests",
    "",
  ].join("\n"),
  "mltest.yaml": [
    "project: churn",
    "rubric: ml-test-score-2017",
    "gate:",
    "  minScore: 1",
    "tests:",
    "  data-7:",
    "    status: automated",
    "    evidence:",
    "      - path: tests/test_features.py",
    "      - ci: .github/workflows/ci.yml#tests",
    "        runs: pytest tests",
    "  model-1:",
    "    status: automated",
    "    evidence:",
    "      - ci: .github/workflows/ci.yml#tests",
    "  infra-2:",
    "    status: automated",
    "    evidence:",
    "      - ci: .github/workflows/ci.yml#tests",
    "  monitor-2:",
    "    status: automated",
    "    evidence:",
    "      - path: src/churn/features.py",
    "",
  ].join("\n"),
};

// Without pre-commit, one skipped test says why, and no scratch folder is made.
if (preCommitInstalled)
  describe("the hooks, installed by pre-commit from a clone of the hook repository", { timeout: 240_000 }, () => {
    const folders = caseFolders("mltest-pre-commit-");
    const scratch = (name: string) => {
      const dir = join(folders.root, name);
      mkdirSync(dir, { recursive: true });
      return dir;
    };
    const preCommitHome = scratch("pre-commit-home");
    const gitConfig = join(scratch("git"), "config");
    writeFileSync(gitConfig, "");
    // The test's own npm, git and pre-commit settings only: none inherited from an enclosing `npm test` or git hook.
    const inherited = Object.entries(process.env).filter(([key]) => !/^(npm_|GIT_|PRE_COMMIT|NO_COLOR$|FORCE_COLOR$)/i.test(key));
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(inherited),
      PRE_COMMIT_HOME: preCommitHome,
      TMPDIR: scratch("tmp"),
      npm_config_cache: scratch("empty-npm-cache"),
      npm_config_offline: "true",
      npm_config_registry: "http://127.0.0.1:9/",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "mltest tests",
      GIT_AUTHOR_EMAIL: "tests@mltest.invalid",
      GIT_COMMITTER_NAME: "mltest tests",
      GIT_COMMITTER_EMAIL: "tests@mltest.invalid",
    };
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
    const commitAll = (cwd: string) => {
      git(cwd, "add", "--all");
      git(cwd, "commit", "--quiet", "--message", "scratch");
    };
    const preCommit = (cwd: string, ...args: string[]) => {
      const run = spawnSync("pre-commit", args, { cwd, env, encoding: "utf8" });
      return { status: run.status, output: run.stdout + run.stderr };
    };

    let hookRepo = "";
    let hookRev = "";
    let pythonRepo = "";
    /** Makes `config` the Python repository's pre-commit configuration (staged, as pre-commit requires). */
    const configure = (config: string) => {
      writeFileSync(join(pythonRepo, ".pre-commit-config.yaml"), config);
      git(pythonRepo, "add", ".pre-commit-config.yaml");
    };
    const hookConfig = (hooks: string) => `repos:\n  - repo: ${hookRepo}\n    rev: ${hookRev}\n    hooks:\n${hooks}`;

    beforeAll(() => {
      const { tarball } = packMltest(scratch("pack"));
      hookRepo = scratch("mltest-pre-commit");
      cpSync(HOOK_PACKAGE, hookRepo, { recursive: true, filter: (path) => !path.includes("node_modules") });
      const manifest = readManifest(join(hookRepo, "package.json"));
      manifest.dependencies = { mltest: `file:${tarball}` };
      writeFileSync(join(hookRepo, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
      git(hookRepo, "init", "--quiet");
      commitAll(hookRepo);
      hookRev = git(hookRepo, "rev-parse", "HEAD");

      pythonRepo = folders(PYTHON_REPO);
      git(pythonRepo, "init", "--quiet");
      commitAll(pythonRepo);
    }, 60_000);

    it("try-repo runs both hooks, and both pass", () => {
      const run = preCommit(pythonRepo, "try-repo", hookRepo, "--all-files", "--color", "never");
      expect(run.output).toMatch(/^mltest score\.+Passed$/m);
      expect(run.output).toMatch(/^mltest validate\.+Passed$/m);
      expect(run.status, run.output).toBe(0);
    });

    it("the configuration the README documents gates with mltest.yaml's thresholds, and passes", () => {
      const documented = documentedConfig.replace(/(- repo: )\S+/, `$1${hookRepo}`).replace(/(rev: )\S+/, `$1${hookRev}`);
      expect(documented).toBe(hookConfig("      - id: mltest\n"));
      configure(documented);
      const run = preCommit(pythonRepo, "run", "--all-files", "--color", "never");
      expect(run.output).toMatch(/^mltest score\.+Passed$/m);
      expect(run.status, run.output).toBe(0);
    });

    it("args reach mltest: a --min-score above the score fails the commit, with mltest's reason", () => {
      configure(hookConfig('      - id: mltest\n        args: [--min-score, "2"]\n'));
      const run = preCommit(pythonRepo, "run", "--all-files", "--color", "never");
      expect(run.output).toMatch(/^mltest score\.+Failed$/m);
      expect(run.output).toContain("- exit code: 1");
      expect(run.output).toContain("✗ final score 1 is below the minimum 2");
      expect(run.status).toBe(1);
    });

    it("validate fails on an invalid mltest.yaml, with mltest's located message", () => {
      configure(hookConfig("      - id: mltest-validate\n"));
      const evidence = join(pythonRepo, "mltest.yaml");
      writeFileSync(evidence, `${PYTHON_REPO["mltest.yaml"]}  model-1:\n    status: automated\n`);
      try {
        const run = preCommit(pythonRepo, "run", "--all-files", "--color", "never");
        expect(run.output).toMatch(/^mltest validate\.+Failed$/m);
        expect(run.output).toContain("- exit code: 2");
        expect(run.output).toContain('mltest: mltest.yaml:24:3 tests.model-1: duplicate key "model-1"');
        expect(run.status).toBe(1);
      } finally {
        writeFileSync(evidence, PYTHON_REPO["mltest.yaml"]);
      }
    });

    it("the score runs at every commit, even one that changes nothing; validate only when a YAML file changed", () => {
      configure(hookConfig("      - id: mltest\n      - id: mltest-validate\n"));
      commitAll(pythonRepo);
      const nothingStaged = preCommit(pythonRepo, "run", "--color", "never");
      expect(nothingStaged.output).toMatch(/^mltest score\.+Passed$/m);
      expect(nothingStaged.output).toMatch(/^mltest validate\.+\(no files to check\)Skipped$/m);
      expect(nothingStaged.status, nothingStaged.output).toBe(0);
      const python = preCommit(pythonRepo, "run", "--files", "src/churn/features.py", "--color", "never");
      expect(python.output).toMatch(/^mltest validate\.+\(no files to check\)Skipped$/m);
      const yaml = preCommit(pythonRepo, "run", "--files", "mltest.yaml", "--color", "never");
      expect(yaml.output).toMatch(/^mltest validate\.+Passed$/m);
      expect(yaml.status, yaml.output).toBe(0);
    });

    it("the hook environment holds the hook package and mltest, and none of mltest's development dependencies", () => {
      configure(hookConfig("      - id: mltest\n"));
      const install = preCommit(pythonRepo, "install-hooks");
      expect(install.status, install.output).toBe(0);
      // pre-commit's store holds one clone per repository and revision, each with its environments.
      const below = (dir: string) => readdirSync(dir).map((entry) => join(dir, entry));
      const clones = below(preCommitHome).filter((dir) => existsSync(join(dir, ".pre-commit-hooks.yaml")));
      const environments = clones.flatMap((clone) => below(clone).filter((dir) => basename(dir).startsWith("node_env")));
      expect(environments).toHaveLength(1);
      const installed = packagesBelow(join(environments[0]!, "lib/node_modules"));
      expect(installed).toEqual(["mltest", "mltest-pre-commit"]);
      for (const name of Object.keys(mltestManifest.devDependencies ?? {})) expect(installed).not.toContain(name);
      expect(readdirSync(join(environments[0]!, "bin"))).toContain("mltest");
    });
  });
else it.skip("pre-commit is not on the PATH (Debian: apt-get install pre-commit; .ci/run installs it), so no hook runs", () => {});

/** Names of the packages installed in a node_modules folder, nested ones included, sorted. */
function packagesBelow(nodeModules: string): string[] {
  if (!existsSync(nodeModules)) return [];
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith(".")) continue;
    const packages = entry.startsWith("@") ? readdirSync(join(nodeModules, entry)).map((name) => `${entry}/${name}`) : [entry];
    for (const name of packages) names.push(name, ...packagesBelow(join(nodeModules, name, "node_modules")));
  }
  return names.sort();
}
