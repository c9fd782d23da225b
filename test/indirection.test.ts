// What a CI job runs one or two files away: the shell word splitter, the wrappers looked through,
// each task runner followed to the commands it runs (with the chain a report shows), `runs:`
// verified along that chain, pytest's collected paths making tests automated, the ranking of
// pointers, and bounds on hostile task files. Nothing is ever executed: the files hold commands
// that would fail loudly if they were.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collected, isTestFile } from "../src/detect/pytest-coverage.js";
import { rank } from "../src/detect/rank.js";
import { loadRubric } from "../src/load/rubric.js";
import { detectProject } from "../src/project.js";
import { evidenceSchema } from "../src/schema/evidence.js";
import { ProjectFiles } from "../src/verify/files.js";
import { Expander } from "../src/verify/tasks/expand.js";
import { simpleCommands } from "../src/verify/tasks/shell.js";
import { unwrap } from "../src/verify/tasks/wrappers.js";
import { type Verification, verify } from "../src/verify/verify.js";
import { caseFolders, ROOT } from "./run.js";

const project = caseFolders("mltest-indirection-");
const RUBRIC = loadRubric(join(ROOT, "rubrics/ml-test-score-2017.yaml")).rubric;
const AS_OF = "2026-11-28";

const words = (script: string) => simpleCommands(script).map((c) => c.words);
const expand = (dir: string, commands: string[], base = "") => new Expander(new ProjectFiles(dir)).expand(commands, base);
const reached = (dir: string, commands: string[]) => expand(dir, commands).steps.filter((s) => s.via.length > 0);

function verifyCi(dir: string, pointer: Record<string, unknown>): Verification {
  const evidence = evidenceSchema().parse({ tests: { "data-1": { status: "automated", evidence: [pointer] } } });
  return verify({ rubric: RUBRIC, evidence, files: new ProjectFiles(dir), asOf: AS_OF }).get("data-1")!;
}

const WORKFLOW = (run: string) =>
  `on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n`;

describe("the shell word splitter", () => {
  it("splits at every command separator and keeps quoted text whole", () => {
    expect(words(`cd sub && FOO=1 make -C x test || echo "a; b" ; tox`)).toEqual([
      ["cd", "sub"],
      ["FOO=1", "make", "-C", "x", "test"],
      ["echo", "a; b"],
      ["tox"],
    ]);
    expect(words(`python -m pytest "tests/unit dir" 2>&1 | tee log.txt`)).toEqual([
      ["python", "-m", "pytest", "tests/unit dir"],
      ["tee", "log.txt"],
    ]);
  });

  it("joins continued lines, drops comments, keywords and redirections", () => {
    expect(words("pytest tests/ \\\n  --cov=src # a comment\n# only a comment")).toEqual([["pytest", "tests/", "--cov=src"]]);
    expect(words("if [ -f x ]; then tox -e py; fi")).toEqual([
      ["[", "-f", "x", "]"],
      ["tox", "-e", "py"],
    ]);
    expect(words("make test > out.log 2> err.log")).toEqual([["make", "test"]]);
  });

  it("keeps command substitution inside its word and each command's own text", () => {
    const [command] = simpleCommands(`echo $(git rev-parse "HEAD)") done`);
    expect(command!.words).toEqual(["echo", '$(git rev-parse "HEAD)")', "done"]);
    expect(simpleCommands("a && b --flag 'x y'")[1]!.text).toBe("b --flag 'x y'");
  });

  it("reads a megabyte of unbalanced quotes and brackets in one pass", () => {
    const hostile = `echo "${"$(".repeat(200_000)}'${"\\".repeat(100_000)}`;
    const start = performance.now();
    simpleCommands(hostile);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe("wrappers that only prepare an environment", () => {
  it.each([
    ["FOO=1 uv run --frozen python -m pytest -q", ["pytest", "-q"]],
    ["poetry run pytest tests", ["pytest", "tests"]],
    ["conda run -n ml --no-capture-output python -m tox -e py", ["tox", "-e", "py"]],
    ["coverage run --source src -m pytest", ["pytest"]],
    ["sudo -E env CUDA=0 xvfb-run -a make test", ["make", "test"]],
    ["python train.py --epochs 3", ["python", "train.py", "--epochs", "3"]],
    ["uv sync --frozen", ["uv", "sync", "--frozen"]],
    ["timeout 20m python -X dev -m pytest -x", ["pytest", "-x"]],
    ["$(PYTEST) -m 'not slow' tests", ["$(PYTEST)", "-m", "not slow", "tests"]],
  ])("%s", (line, expected) => {
    expect(unwrap(simpleCommands(line)[0]!.words).words).toEqual(expected);
  });

  it("says where a wrapper moves the command, or that it cannot know", () => {
    const moved = (line: string) => unwrap(simpleCommands(line)[0]!.words).dir;
    expect(moved("uv run --directory services/api pytest")).toBe("services/api");
    expect(moved("conda run -n ml --cwd ml python -m pytest")).toBe("ml");
    expect(moved("poetry -C $PROJECT run pytest")).toBeNull();
    expect(moved("uv run pytest")).toBeUndefined();
  });
});

describe("runners followed to what they run", () => {
  it("make: the target, its prerequisites first, and $(MAKE) calls, with the chain", () => {
    const dir = project({
      Makefile:
        "PY ?= python\n.PHONY: check test lint\n\ncheck: lint test\n\nlint:\n\truff check .\n\ntest:\n\t@$(PY) -m pytest tests/\n\ntrain:\n\t$(MAKE) -C pipelines run\n",
    });
    const steps = reached(dir, ["make check"]);
    expect(steps.map((s) => s.command)).toEqual(["ruff check .", "$(PY) -m pytest tests/"]);
    expect(steps[1]!.via).toEqual(["make check (Makefile:4)", "make test (Makefile:9)"]);
    expect(steps[1]!.at).toEqual({ file: "Makefile", line: 9 });
  });

  it("make with no target runs the first ordinary one; -C and cd change the folder", () => {
    const dir = project({ "ml/Makefile": ".PHONY: all\nall: test\ntest:\n\tpytest\n" });
    expect(reached(dir, ["make -C ml"]).map((s) => s.command)).toEqual(["pytest"]);
    expect(reached(dir, ["cd ml && make"]).map((s) => s.command)).toEqual(["pytest"]);
    expect(reached(dir, ["make"])).toEqual([]);
  });

  it("tox, nox, just, poe, hatch, pdm, npm, mise and dvc", () => {
    const dir = project({
      "tox.ini":
        "[tox]\nenvlist = py311\n\n[testenv]\ndeps = pytest\ncommands = pytest {posargs:tests}\n\n[testenv:lint]\ncommands = ruff check src\n",
      "noxfile.py":
        'import nox\n\n@nox.session(python=["3.11"])\ndef tests(session):\n    session.install(".")\n    session.run("pytest", "tests/unit")\n',
      justfile: "default: test\n\ntest:\n    pytest -x tests\n",
      "pyproject.toml": [
        "[tool.poe.tasks]",
        'test = "pytest tests/poe"',
        "[tool.hatch.envs.default.scripts]",
        'test = "pytest tests/hatch"',
        "[tool.pdm.scripts]",
        'validate = "great_expectations checkpoint run nightly"',
      ].join("\n"),
      "package.json": JSON.stringify({ scripts: { test: "vitest run", "check:data": "node scripts/check.js" } }),
      "mise.toml": '[tasks.test]\nrun = "pytest tests/mise"\n',
      "dvc.yaml": "stages:\n  train:\n    cmd: python src/train.py\n  evaluate:\n    cmd: python src/evaluate.py --min-auc 0.8\n",
    });
    const runs = (line: string) => reached(dir, [line]).map((s) => s.command);
    expect(runs("tox -e py311")).toEqual(["pytest tests"]);
    expect(runs("tox")).toEqual(["pytest tests"]);
    // An env the file does not name runs [testenv], as tox does.
    expect(runs("tox -e py312")).toEqual(["pytest tests"]);
    expect(runs("tox -e lint")).toEqual(["ruff check src"]);
    expect(runs("nox -s tests")).toEqual(["pytest tests/unit"]);
    expect(runs("just")).toEqual(["pytest -x tests"]);
    expect(runs("uv run poe test")).toEqual(["pytest tests/poe"]);
    expect(runs("hatch run test")).toEqual(["pytest tests/hatch"]);
    expect(runs("pdm run validate")).toEqual(["great_expectations checkpoint run nightly"]);
    expect(runs("npm test")).toEqual(["vitest run"]);
    expect(runs("yarn check:data")).toEqual(["node scripts/check.js"]);
    expect(runs("mise run test")).toEqual(["pytest tests/mise"]);
    expect(runs("dvc repro evaluate")).toEqual(["python src/evaluate.py --min-auc 0.8"]);
    expect(runs("dvc exp run")).toEqual(["python src/train.py", "python src/evaluate.py --min-auc 0.8"]);
  });

  it("a script that moves to the repository root from its own folder is followed there", () => {
    const dir = project({
      "scripts/ci.sh": '#!/usr/bin/env bash\ncd "$(dirname "$0")/.."\nmake test\n',
      Makefile: "test:\n\tpytest tests\n",
    });
    expect(expand(dir, ["cd sub; ../scripts/ci.sh"]).pytest.map((p) => p.dir)).toEqual([""]);
    expect(expand(dir, ["./scripts/ci.sh"]).pytest.map((p) => [p.dir, p.text])).toEqual([["", "pytest tests"]]);
  });

  it("repository scripts and a job's entry points", () => {
    const dir = project({
      "scripts/ci.sh": "#!/usr/bin/env bash\nset -euo pipefail\n# run everything\nmake test\n",
      Makefile: "test:\n\tpytest tests\n",
      "jobs/validate.py": "import great_expectations as gx\n\ncontext = gx.get_context()\n",
    });
    const steps = reached(dir, ["./scripts/ci.sh"]);
    expect(steps.map((s) => s.command)).toEqual(["set -euo pipefail", "make test", "pytest tests"]);
    expect(steps[2]!.via).toEqual(["./scripts/ci.sh (scripts/ci.sh)", "make test (Makefile:1)"]);
    expect(reached(dir, ["bash scripts/ci.sh"]).length).toBe(3);
    // A Databricks python_file is relative to the bundle file's folder; Python is code a job runs, not commands.
    const entry = expand(dir, ["../jobs/validate.py"], "resources");
    expect(entry.steps.filter((s) => s.via.length > 0)).toEqual([]);
    expect(entry.ran).toEqual([{ file: "jobs/validate.py", text: "../jobs/validate.py", via: [] }]);
    expect(expand(dir, ["cd jobs && uv run python -m jobs.validate --date today"]).ran).toEqual([]);
    expect(expand(dir, ["uv run python -m jobs.validate --date today"]).ran).toEqual([
      { file: "jobs/validate.py", text: "uv run python -m jobs.validate --date today", via: [] },
    ]);
    expect(expand(dir, ["./scripts/ci.sh"]).ran.map((r) => r.file)).toEqual(["scripts/ci.sh"]);
  });

  it("never leaves the project, never follows a variable, and stops at cycles and at its depth", () => {
    const dir = project({
      Makefile: "a: b\n\techo a\nb: a\n\techo b\nloop:\n\t$(MAKE) loop\n",
      "scripts/self.sh": "./scripts/self.sh\necho again\n",
    });
    expect(reached(dir, ["make a"]).map((s) => s.command)).toEqual(["echo b", "echo a"]);
    expect(reached(dir, ["make loop"]).length).toBe(4);
    expect(reached(dir, ["./scripts/self.sh"]).length).toBeLessThanOrEqual(10);
    expect(reached(dir, ["bash ../outside.sh", "make -C /etc", "make -C $HOME test"])).toEqual([]);
  });

  it("calls that list, describe or only pretend run nothing", () => {
    const dir = project({
      Makefile: "test:\n\tpytest tests\n",
      "tox.ini": "[tox]\nenvlist = py\n[testenv]\ncommands = pytest tests\n",
      "noxfile.py": "import nox\n\n@nox.session\ndef tests(session):\n    session.run('pytest')\n",
      justfile: "test:\n    pytest\n",
      "dvc.yaml": "stages:\n  train:\n    cmd: pytest\n",
      "package.json": JSON.stringify({ scripts: { test: "pytest" } }),
    });
    for (const line of [
      "make -n test",
      "make --dry-run",
      "tox list",
      "tox -m lint",
      "tox config",
      "nox -l",
      "nox -k lint",
      "just --list",
      "just --show test",
      "dvc repro --dry",
      "dvc exp run --queue",
      "bun test",
      "pnpm --filter web test",
      "npm -w web test",
      "pytest --version",
      "pytest --collect-only -q",
    ]) {
      const { steps, pytest } = expand(dir, [line]);
      expect([steps.filter((s) => s.via.length > 0), pytest], line).toEqual([[], []]);
    }
    expect(expand(dir, ["tox -p auto -e py"]).pytest.map((p) => p.text)).toEqual(["pytest tests"]);
  });

  it("parametrized nox sessions, tox factor conditions and a task's own folder", () => {
    const dir = project({
      "noxfile.py": "import nox\n\n@nox.session(python=['3.11', '3.12'])\ndef tests(session):\n    session.run('pytest', 'tests')\n",
      "tox.ini": "[testenv]\ncommands =\n    lint: ruff check .\n    !lint: pytest tests\n",
      justfile: "set working-directory := 'ml'\n\ntest:\n    pytest\n",
    });
    expect(expand(dir, ["nox -s tests-3.11"]).pytest.map((p) => p.text)).toEqual(["pytest tests"]);
    expect(expand(dir, ["tox -e lint"]).pytest).toEqual([]);
    expect(expand(dir, ["tox -e py311"]).pytest.map((p) => p.text)).toEqual(["pytest tests"]);
    expect(expand(dir, ["just test"]).pytest.map((p) => p.dir)).toEqual(["ml"]);
  });

  it("a file that knows none of the names does not swallow the command", () => {
    const dir = project({
      "pyproject.toml": '[tool.pdm.scripts]\nlint = "ruff check ."\n',
      "scripts/eval.py": "print('eval')\n",
    });
    expect(expand(dir, ["pdm run python scripts/eval.py"]).ran.map((r) => r.file)).toEqual(["scripts/eval.py"]);
  });

  it("make runs recipes where it is called; a cd it cannot follow hides what comes after", () => {
    const dir = project({ "ci/Makefile": "test:\n\tpytest\n" });
    expect(expand(dir, ["make -f ci/Makefile test"]).pytest.map((p) => p.dir)).toEqual([""]);
    expect(expand(dir, ["make -C ci test"]).pytest.map((p) => p.dir)).toEqual(["ci"]);
    expect(expand(dir, ['cd "$SOMEWHERE/sub" && pytest']).pytest).toEqual([]);
    // Folders CI variables and scripts name in ways mltest knows.
    expect(expand(dir, ['cd "$GITHUB_WORKSPACE/ci" && pytest']).pytest.map((p) => p.dir)).toEqual(["ci"]);
    expect(expand(dir, ["cd $(git rev-parse --show-toplevel) && pytest"]).pytest.map((p) => p.dir)).toEqual([""]);
    expect(expand(dir, ["uv run --directory ci pytest"]).pytest.map((p) => p.dir)).toEqual(["ci"]);
  });

  it("bash -c runs its string; heredoc-free scripts, notebooks and reusable workflows are told apart", () => {
    const dir = project({
      Makefile: "test:\n\tpytest\n",
      "nb/train.ipynb": "{}",
      ".github/workflows/reusable.yml": "on: workflow_call\njobs:\n  t:\n    steps:\n      - run: pytest tests\n",
    });
    expect(expand(dir, ['bash -c "make test"']).pytest.length).toBe(1);
    expect(expand(dir, ["papermill nb/train.ipynb out.ipynb -p epochs 1"]).ran.map((r) => r.file)).toEqual(["nb/train.ipynb"]);
    expect(expand(dir, ["./.github/workflows/reusable.yml"]).steps.length).toBe(1);
  });

  it("stays bounded on a Makefile of twenty thousand targets that all call each other", () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `t${i}: t${i + 1} t${i + 2}\n\t$(MAKE) t${i + 3}\n`);
    const dir = project({ Makefile: lines.join("") });
    const start = performance.now();
    const { steps, cut } = expand(dir, ["make t0"]);
    expect(cut).toBe(true);
    expect(expand(dir, ["make -n t0"]).cut).toBeUndefined();
    expect(steps.length).toBeGreaterThan(100);
    expect(steps.length).toBeLessThanOrEqual(5_001);
    expect(performance.now() - start).toBeLessThan(5_000);
  });
});

describe("runs: verified along the chain", () => {
  const dir = project({
    ".github/workflows/ci.yml": WORKFLOW("make check"),
    Makefile: "check: test\ntest:\n\tpytest tests/data\n",
  });

  it("a text the Makefile runs verifies, and the finding shows how it is reached", () => {
    const result = verifyCi(dir, { ci: ".github/workflows/ci.yml#test", runs: "pytest tests/data" });
    expect(result.state).toBe("verified");
    expect(result.findings[0]!.message).toBe(
      'GitHub Actions job "test" exists and runs "pytest tests/data" via make check (Makefile:1) → make test (Makefile:2)',
    );
  });

  it("a GitHub step's working-directory, or the job's defaults, is where its runner's files are", () => {
    const nested = project({
      ".github/workflows/ci.yml": [
        "on: push",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    defaults: { run: { working-directory: services/scoring } }",
        "    steps:",
        "      - run: make test",
        "      - run: tox -e data",
        "        working-directory: pipelines",
      ].join("\n"),
      "services/scoring/Makefile": "test:\n\tpytest tests/scoring\n",
      "pipelines/tox.ini": "[testenv:data]\ncommands = python -m great_expectations checkpoint run raw\n",
    });
    expect(verifyCi(nested, { ci: ".github/workflows/ci.yml#test", runs: "pytest tests/scoring" }).state).toBe("verified");
    expect(verifyCi(nested, { ci: ".github/workflows/ci.yml#test", runs: "checkpoint run raw" }).state).toBe("verified");
  });

  it("a text on no chain is broken, and says where it looked", () => {
    const result = verifyCi(dir, { ci: ".github/workflows/ci.yml#test", runs: "pytest tests/model" });
    expect(result.state).toBe("broken");
    expect(result.findings[0]!.message).toContain("nor do the task runners and scripts they call");
  });
});

describe("pytest's collected paths", () => {
  const call = (args: string[], dir = "") => ({ text: "pytest", dir, args, via: [] });

  it("arguments first, then testpaths from the first file with a pytest section, then the folder", () => {
    const none = () => undefined;
    expect(collected(call(["-k", "schema", "tests/data", "tests/test_x.py::test_y", "-n", "auto"]), none)).toEqual([
      "tests/data",
      "tests/test_x.py",
    ]);
    const files: Record<string, string> = {
      "pyproject.toml": '[tool.pytest.ini_options]\ntestpaths = ["tests", "integration"]\n',
      "setup.cfg": "[tool:pytest]\ntestpaths = other\n",
    };
    expect(collected(call([]), (p) => files[p])).toEqual(["tests", "integration"]);
    expect(collected(call(["-q"], "svc"), (p) => ({ "svc/pytest.ini": "[pytest]\ntestpaths =\n    unit\n    e2e\n" })[p])).toEqual([
      "svc/unit",
      "svc/e2e",
    ]);
    expect(collected(call([], "svc"), none)).toEqual(["svc"]);
  });

  it("test files by pytest's default names", () => {
    expect(["tests/test_schema.py", "src/features_test.py"].every(isTestFile)).toBe(true);
    expect(["tests/conftest.py", "src/testing.py", "tests/helpers.py"].some(isTestFile)).toBe(false);
  });
});

describe("detect through indirection", () => {
  it("a CI job running make runs pytest over the tests: a practice in them is automated, with the chain", () => {
    const dir = project({
      ".github/workflows/ci.yml": WORKFLOW("make check"),
      Makefile: "check: test\ntest:\n\tuv run pytest\n",
      "pyproject.toml": '[project]\nname = "churn"\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
      "src/churn/schema.py": "import pandera.pandas as pa\n\nschema = pa.DataFrameSchema({'age': pa.Column(int)})\n",
      "tests/test_schema.py":
        "import pandera.pandas as pa\nfrom churn.schema import schema\n\ndef test_schema(frame):\n    schema.validate(frame)\n",
    });
    const { report } = detectProject(dir);
    const data1 = report.tests.find((t) => t.id === "data-1")!;
    expect(data1.suggestion?.status).toBe("automated");
    const automated = data1.signals.find((s) => s.status === "automated")!;
    expect(automated.file).toBe("tests/test_schema.py");
    expect(automated.pointer).toEqual({ ci: ".github/workflows/ci.yml#test", runs: "uv run pytest" });
    expect(automated.via).toEqual(["make check (Makefile:1)", "make test (Makefile:2)"]);
    // The suggested pointer verifies.
    expect(verifyCi(dir, automated.pointer).state).toBe("verified");
  });

  it("a test file outside what pytest collects stays manual", () => {
    const dir = project({
      ".github/workflows/ci.yml": WORKFLOW("pytest tests/unit"),
      "tests/unit/test_model.py": "def test_ok():\n    assert True\n",
      "tests/data/test_schema.py": "import pandera.pandas as pa\n\ndef test_schema():\n    pa.DataFrameSchema({})\n",
    });
    const data1 = detectProject(dir).report.tests.find((t) => t.id === "data-1")!;
    expect(data1.signals.some((s) => s.status === "automated")).toBe(false);
  });

  it("a CI detector fires on a command the job reaches through a runner", () => {
    const dir = project({
      "bitbucket-pipelines.yml":
        "pipelines:\n  default:\n    - step:\n        name: validate data\n        script:\n          - tox -e data\n",
      "tox.ini": "[testenv:data]\ncommands =\n    great_expectations checkpoint run training_data\n",
    });
    const signals = detectProject(dir)
      .report.tests.flatMap((t) => t.signals)
      .filter((s) => s.status === "automated");
    const found = signals.find((s) => s.pointer.runs?.toString().includes("checkpoint run"))!;
    expect(found).toBeDefined();
    expect(found.file).toBe("tox.ini");
    expect(found.pointer.ci).toBe("bitbucket-pipelines.yml#validate data");
    expect(verifyCi(dir, found.pointer).state).toBe("verified");
  });
});

describe("pointer ranking", () => {
  it.each([
    ["src/pipeline/validate.py", 0],
    [".github/workflows/ci.yml", 0],
    ["tests/test_validate.py", 1],
    ["tests/helpers.py", 1],
    ["walkthrough.ipynb", 2],
    ["docs/monitoring.md", 2],
    ["examples/train.py", 2],
  ] as const)("%s ranks %i", (file, expected) => {
    expect(rank(file)).toBe(expected);
  });

  it("production code wins over a root walkthrough notebook that comes first in file order", () => {
    const notebook = { cells: [{ cell_type: "code", source: ["import pandera.pandas as pa\n", "schema = pa.DataFrameSchema({})\n"] }] };
    const dir = project({
      "00_walkthrough.ipynb": JSON.stringify(notebook),
      "src/schema.py": "import pandera.pandas as pa\nschema = pa.DataFrameSchema({})\n",
    });
    const data1 = detectProject(dir).report.tests.find((t) => t.id === "data-1")!;
    expect(data1.signals.map((s) => s.file)).not.toContain("00_walkthrough.ipynb");
    expect(data1.signals.map((s) => s.file)).toContain("src/schema.py");
  });
});

describe("scheduled automation that is not CI", () => {
  it("Dependabot's updates are jobs, scheduled by their interval", () => {
    const dir = project({
      ".github/dependabot.yml": [
        "version: 2",
        "updates:",
        "  - package-ecosystem: pip",
        '    directory: "/"',
        "    schedule: { interval: weekly }",
        "  - package-ecosystem: docker",
        '    directory: "/serving"',
        "    schedule: { interval: daily }",
        "  - package-ecosystem: docker",
        '    directory: "/training"',
        "    schedule: { interval: daily }",
      ].join("\n"),
    });
    expect(verifyCi(dir, { ci: ".github/dependabot.yml#pip", runs: "dependabot update pip", scheduled: true }).state).toBe("verified");
    expect(verifyCi(dir, { ci: ".github/dependabot.yml#docker /serving", scheduled: true }).state).toBe("verified");
    const missing = verifyCi(dir, { ci: ".github/dependabot.yml#npm" });
    expect(missing.findings[0]!.message).toBe('no job "npm" in .github/dependabot.yml; its jobs: pip, docker /serving, docker /training');
    const monitor1 = detectProject(dir).report.tests.find((t) => t.id === "monitor-1")!;
    expect(monitor1.suggestion).toEqual({
      status: "automated",
      evidence: [{ ci: ".github/dependabot.yml#pip", runs: "dependabot update pip", scheduled: true }, { path: ".github/dependabot.yml" }],
    });
  });

  it("a Databricks quality monitor is a scheduled job that says what it analyses", () => {
    const dir = project({
      "databricks.yml": "bundle: { name: churn }\ninclude: [resources/*.yml]\n",
      "resources/monitoring.yml": [
        "resources:",
        "  quality_monitors:",
        "    churn_monitor:",
        "      table_name: main.churn.inference_log",
        "      inference_log: { problem_type: PROBLEM_TYPE_CLASSIFICATION, prediction_col: p, label_col: y }",
        "      baseline_table_name: main.churn.training",
        "      schedule: { quartz_cron_expression: '0 0 6 * * ?', timezone_id: UTC }",
        "    paused_monitor:",
        "      table_name: main.churn.features",
        "      snapshot: {}",
        "      schedule: { quartz_cron_expression: '0 0 6 * * ?', timezone_id: UTC, pause_status: PAUSED }",
      ].join("\n"),
    });
    expect(verifyCi(dir, { ci: "resources/monitoring.yml#churn_monitor", runs: "inference_log", scheduled: true }).state).toBe("verified");
    expect(verifyCi(dir, { ci: "resources/monitoring.yml#paused_monitor", scheduled: true }).state).toBe("broken");
    const { report } = detectProject(dir);
    for (const id of ["monitor-2", "monitor-7"]) expect(report.tests.find((t) => t.id === id)!.suggestion?.status, id).toBe("automated");
  });

  it("a configuration file a CI command applies counts as run by that job", () => {
    const dir = project({
      "azure-pipelines.yml": [
        "schedules:",
        "  - cron: '0 5 * * *'",
        "    branches: { include: [main] }",
        "jobs:",
        "  - job: monitor",
        "    steps:",
        "      - task: AzureCLI@2",
        "        inputs:",
        "          scriptType: bash",
        "          inlineScript: az ml schedule create -f monitoring/drift-monitor.yml",
      ].join("\n"),
      "monitoring/drift-monitor.yml": ["create_monitor:", "  monitoring_signals:", "    features_drift:", "      type: data_drift"].join(
        "\n",
      ),
    });
    const expansion = new Expander(new ProjectFiles(dir)).expand(["az ml schedule create -f monitoring/drift-monitor.yml"], "");
    expect(expansion.ran).toEqual([
      { file: "monitoring/drift-monitor.yml", text: "az ml schedule create -f monitoring/drift-monitor.yml", via: [] },
    ]);
    const monitor2 = detectProject(dir).report.tests.find((t) => t.id === "monitor-2")!;
    const automated = monitor2.signals.find((s) => s.what.endsWith("in a file that azure-pipelines.yml#monitor runs"))!;
    expect(automated.file).toBe("monitoring/drift-monitor.yml");
    expect(automated.pointer).toEqual({ ci: "azure-pipelines.yml#monitor", runs: "az ml schedule create -f monitoring/drift-monitor.yml" });
    expect(verifyCi(dir, automated.pointer).state).toBe("verified");
  });
});

describe("signals that only back others up", () => {
  it("a fixed seed and a lock file alone suggest nothing, yet are reported; beside a real test they support it", () => {
    const alone = project({
      "uv.lock": "version = 1\n",
      "src/train.py": "import torch\n\ntorch.manual_seed(0)\n",
    });
    const infra1 = detectProject(alone).report.tests.find((t) => t.id === "infra-1")!;
    expect(infra1.suggestion).toBeUndefined();
    expect(infra1.signals.map((s) => [s.file, s.corroborates]).sort()).toEqual([
      ["src/train.py", true],
      ["uv.lock", true],
    ]);
    const withTest = project({
      "uv.lock": "version = 1\n",
      "tests/test_reproducible.py":
        "def test_same_seed_same_model(train):\n    a = train(seed=1)\n    b = train(seed=1)\n    assert a.predict(X) == b.predict(X)\n",
    });
    const backed = detectProject(withTest).report.tests.find((t) => t.id === "infra-1")!;
    expect(backed.suggestion?.status).toBe("manual");
  });

  it("a seed in code a CI job runs stays a seed: whenRun: manual", () => {
    const dir = project({
      ".github/workflows/ci.yml": WORKFLOW("python src/train.py --epochs 1"),
      "src/train.py": "import torch\n\ntorch.manual_seed(0)\n",
    });
    const infra1 = detectProject(dir).report.tests.find((t) => t.id === "infra-1")!;
    expect(infra1.signals.some((s) => s.status === "automated")).toBe(false);
  });
});

describe("jobs a person starts", () => {
  const dir = project({
    ".github/workflows/release.yml":
      "on: workflow_dispatch\njobs:\n  canary:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest tests/smoke\n",
    ".gitlab-ci.yml": "retrain:\n  when: manual\n  script:\n    - pytest tests\n",
  });

  it("verify, and the finding says how the job is started", () => {
    const github = verifyCi(dir, { ci: ".github/workflows/release.yml#canary", runs: "pytest tests/smoke" });
    expect(github.state).toBe("verified");
    expect(github.findings[0]!.message).toBe(
      'GitHub Actions job "canary" exists and runs "pytest tests/smoke"; the workflow runs only when started by hand (on: workflow_dispatch)',
    );
    expect(verifyCi(dir, { ci: ".gitlab-ci.yml#retrain", runs: "pytest tests" }).findings[0]!.message).toContain("(when: manual)");
  });
});
