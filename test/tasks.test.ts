// The task-file readers: each turns one runner's file into its tasks, never running anything.
// Realistic files as ML repositories write them first, then hostile input every reader must
// survive quickly without throwing.
import fc from "fast-check";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { dvcYaml } from "../src/verify/tasks/dvc.js";
import { readIni } from "../src/verify/tasks/ini.js";
import { justfile } from "../src/verify/tasks/just.js";
import { makefile } from "../src/verify/tasks/make.js";
import { mise } from "../src/verify/tasks/mise.js";
import { noxfile } from "../src/verify/tasks/nox.js";
import { packageScripts } from "../src/verify/tasks/npm.js";
import { hatch, pdm, poe } from "../src/verify/tasks/script-tables.js";
import { simpleCommands } from "../src/verify/tasks/shell.js";
import { firstWord, taskNamed, words } from "../src/verify/tasks/task-file.js";
import { toxIni, toxToml } from "../src/verify/tasks/tox.js";

const task = (commands: string[], needs: string[], line: number) => ({ commands, needs, line });

describe("makefile", () => {
  const text = [
    ".PHONY: check test lint train", // 1
    "PY ?= python",
    "SRC := src tests",
    "# the targets CI runs",
    "check: lint test ## everything", // 5
    "test:",
    "\t@pytest tests/ \\",
    "\t  --cov=src",
    "\t-$(MAKE) train",
    "lint: ; ruff check $(SRC)", // 10
    "ifdef CI",
    "\t+echo on CI",
    "endif",
    "define HELP",
    "fake: rule", // 15
    "\tnot a recipe",
    "endef",
    "%.o: %.c",
    "\tcc -c $<",
    "train:: data/raw.csv", // 20
    "\t$(PY) train.py",
    "train::",
    "\t$(PY) evaluate.py",
    "test: VERBOSE = 1",
    "",
  ].join("\n");
  const file = makefile(text);

  it("reads rules, recipes, prerequisites and the first ordinary target as default", () => {
    expect(file.defaults).toEqual(["check"]);
    expect(file.tasks.get("check")).toEqual(task([], ["lint", "test"], 5));
    expect(file.tasks.get("test")).toEqual(task(["pytest tests/   --cov=src", "$(MAKE) train"], [], 6));
    // The conditional's `+echo` follows `lint: ; cmd`, so make runs it as lint's second line.
    expect(file.tasks.get("lint")).toEqual(task(["ruff check $(SRC)", "echo on CI"], [], 10));
    expect(file.tasks.get("train")).toEqual(task(["$(PY) train.py", "$(PY) evaluate.py"], ["data/raw.csv"], 20));
  });

  it("keeps both branches of a conditional and skips assignments, define blocks and special targets", () => {
    expect([...file.tasks.keys()].sort()).toEqual(["%.o", "check", "lint", "test", "train"]);
    expect(file.tasks.has("fake")).toBe(false);
    expect(file.tasks.has(".PHONY")).toBe(false);
  });

  it("reads a conditional's recipe lines for the rule above it", () => {
    const f = makefile("test:\nifdef CI\n\tpytest -x\nelse\n\tpytest\nendif\n");
    expect(f.tasks.get("test")?.commands).toEqual(["pytest -x", "pytest"]);
  });

  it("takes .DEFAULT_GOAL over the first target, and never a special or pattern target", () => {
    expect(makefile(".DEFAULT_GOAL := help\nall: x\nhelp:\n\techo help\n").defaults).toEqual(["help"]);
    expect(makefile(".venv:\n\tpython -m venv .venv\n%.txt: %.in\n\tcp $< $@\nreal: .venv\n").defaults).toEqual(["real"]);
    expect(makefile("X = 1\n").defaults).toEqual([]);
  });

  it("lets a later single-colon recipe replace an earlier one, as make does", () => {
    const f = makefile("test:\n\tpytest old\ntest: lint\n\tpytest new\n");
    expect(f.tasks.get("test")).toEqual(task(["pytest new"], ["lint"], 3));
  });

  it("joins continued rule lines and reads static pattern and order-only prerequisites", () => {
    const f = makefile("all: a \\\n  b | c\n$(OBJS): %.o: %.c\n\tcc $<\n");
    expect(f.tasks.get("all")?.needs).toEqual(["a", "b", "c"]);
    expect(f.tasks.get("$(OBJS)")?.needs).toEqual(["%.c"]);
  });
});

describe("justfile", () => {
  const text = [
    'set shell := ["bash", "-c"]', // 1
    'python := "python3"',
    "alias t := test",
    "# the CI entry point",
    "[group('ci')]", // 5
    'ci: lint (test "-x") && report',
    "    @echo done",
    "",
    'test *args="":',
    "    -pytest {{args}} \\", // 10
    "      --cov=src",
    "    # a shell comment",
    "lint:",
    "    ruff check .",
    "report:", // 15
    "    coverage report",
    "plot:",
    "    #!/usr/bin/env python3",
    "    print('plot')",
  ].join("\n");
  const file = justfile(text);

  it("reads recipes with their dependencies, bodies and lines", () => {
    expect(file.tasks.get("ci")).toEqual(task(["echo done"], ["lint", "test", "report"], 6));
    expect(file.tasks.get("test")).toEqual(task(["pytest {{args}} --cov=src"], [], 9));
    expect(file.tasks.get("lint")).toEqual(task(["ruff check ."], [], 13));
    expect(file.tasks.get("t")).toEqual(task([], ["test"], 3));
  });

  it("skips settings and variables, and keeps a non-shell script whole", () => {
    expect(file.tasks.has("set")).toBe(false);
    expect(file.tasks.has("python")).toBe(false);
    expect(file.tasks.get("plot")?.commands).toEqual(["#!/usr/bin/env python3\nprint('plot')"]);
  });

  it("defaults to the first recipe, or the one marked [default], as just does", () => {
    expect(file.defaults).toEqual(["ci"]);
    expect(justfile("build:\n  make\n[default]\ntest:\n  pytest\n").defaults).toEqual(["test"]);
    expect(justfile("x := '1'\n").defaults).toEqual([]);
  });

  it("reads a shell shebang recipe line by line", () => {
    expect(justfile("t:\n  #!/usr/bin/env bash\n  set -e\n  pytest\n").tasks.get("t")?.commands).toEqual(["set -e", "pytest"]);
  });

  it("gives recipes the folder set working-directory and the working-directory attribute name", () => {
    const f = justfile(
      [
        "[working-directory('docs')]",
        "docs:",
        "    make html",
        "[private, working-directory: '/abs']",
        "abs:",
        "    pwd",
        "test:",
        "    pytest",
        "set working-directory := 'py'",
      ].join("\n"),
    );
    expect(f.tasks.get("test")?.dir).toBe("py"); // a setting holds wherever it is written
    expect(f.tasks.get("docs")?.dir).toBe("py/docs"); // the attribute is below the setting's folder
    expect(f.tasks.get("abs")?.dir).toBeUndefined(); // outside the repository
    const plain = justfile('[working-directory: "ml/"]\ntrain:\n  python train.py\nlint:\n  ruff .\n');
    expect(plain.tasks.get("train")?.dir).toBe("ml");
    expect(plain.tasks.get("lint")?.dir).toBeUndefined();
    expect(file.tasks.get("test")?.dir).toBeUndefined();
  });
});

describe("readIni", () => {
  it("reads sections, both separators, continuation lines and comments as configparser does", () => {
    const ini = readIni("[tox]\nenvlist = a,\n    b\n; a comment\n[pytest]\naddopts: -q\n  # inside a value\n  --strict\n\n[empty]\n");
    expect(ini.get("tox")?.get("envlist")).toEqual({ value: "a,\nb", line: 2 });
    expect(ini.get("pytest")?.get("addopts")).toEqual({ value: "-q\n--strict", line: 6 });
    expect(ini.get("empty")?.size).toBe(0);
  });

  it("splits a key at its first separator and keeps the key as written", () => {
    const ini = readIni("[s]\nURL: http://x=y\nKey = a: b\n");
    expect(ini.get("s")?.get("URL")?.value).toBe("http://x=y");
    expect(ini.get("s")?.get("Key")?.value).toBe("a: b");
  });
});

describe("toxIni", () => {
  const text = [
    "[tox]", // 1
    "envlist = py{310,311}, lint",
    "",
    "[testenv]",
    "deps = pytest", // 5
    "commands_pre = python -m pip list",
    "commands =",
    "    pytest {posargs:tests --cov=src}",
    "    py310: python scripts/check_gpu.py",
    "", // 10
    "[testenv:lint]",
    "commands = ruff check {toxinidir}/src {posargs}",
    "depends = py{310,311}",
    "",
    "[testenv:docs]", // 15
    "commands = {[testenv]commands}",
    "    - sphinx-build docs out",
  ].join("\n");
  const file = toxIni(text);

  it("expands the envlist and gives envs without a section [testenv]'s commands", () => {
    expect(file.defaults).toEqual(["py310", "py311", "lint"]);
    expect(file.tasks.get("py311")?.commands).toEqual(["python -m pip list", "pytest tests --cov=src"]);
    expect(file.tasks.get("py310")?.commands).toEqual(["python -m pip list", "pytest tests --cov=src", "python scripts/check_gpu.py"]);
  });

  it("reads an env's own commands, posargs, depends and a {[section]key} reference", () => {
    expect(file.tasks.get("lint")).toEqual(task(["python -m pip list", "ruff check {toxinidir}/src"], ["py310", "py311"], 12));
    // The reference is filtered for the env that makes it: docs is no py310.
    expect(file.tasks.get("docs")?.commands).toEqual(["python -m pip list", "pytest tests --cov=src", "sphinx-build docs out"]);
  });

  it("keeps a line under a factor condition only for the envs whose factors match it", () => {
    const f = toxIni(
      [
        "[tox]",
        "envlist = py{311,312}-{unit,int}, lint",
        "[testenv]",
        "changedir = {toxinidir}/tests",
        "depends =",
        "    py312: py311-unit",
        "commands =",
        "    lint: ruff .",
        "    !lint: pytest tests",
        "    py311,py312: python -V",
        "    py311-unit: pytest -m unit",
        "    !py311-!unit: echo neither",
        "    py{311,312}-int: pytest -m int",
        "    coverage report",
        "    python -c 'print(1)': not a condition",
      ].join("\n"),
    );
    const last = ["coverage report", "python -c 'print(1)': not a condition"];
    expect(f.tasks.get("lint")?.commands).toEqual(["ruff .", "echo neither", ...last]);
    expect(f.tasks.get("py311-unit")?.commands).toEqual(["pytest tests", "python -V", "pytest -m unit", ...last]);
    expect(f.tasks.get("py312-int")).toEqual({
      commands: ["pytest tests", "python -V", "echo neither", "pytest -m int", ...last],
      needs: ["py311-unit"],
      line: 1,
      dir: "tests",
    });
    expect(f.tasks.get("py311-int")?.commands).toEqual(["pytest tests", "python -V", "pytest -m int", ...last]);
    expect(f.tasks.get("py311-int")?.needs).toEqual([]);
    // Any other env (`tox -e py`) runs [testenv], its conditions decided by that env's factors.
    expect(f.fallback?.("docs")).toEqual({ commands: ["pytest tests", "echo neither", ...last], needs: [], line: 1, dir: "tests" });
    expect(f.fallback?.("py311-unit")?.commands).toEqual(f.tasks.get("py311-unit")?.commands);
  });

  it("reads changedir relative to tox.ini, per env", () => {
    const f = toxIni(
      "[testenv:docs]\nchangedir = docs/\ncommands = make html\n[testenv:root]\nchange_dir = {toxinidir}\ncommands = pytest\n[testenv:tmp]\nchangedir = {envtmpdir}\n",
    );
    expect(f.tasks.get("docs")?.dir).toBe("docs");
    expect(f.tasks.get("root")?.dir).toBeUndefined();
    expect(f.tasks.get("tmp")?.dir).toBeUndefined();
    expect(
      toxToml(parseToml('[env_run_base]\nchange_dir = "{tox_root}/tests"\n[env.a]\ncommands = [["pytest"]]\n')).tasks.get("a")?.dir,
    ).toBe("tests");
  });

  it("reads setup.cfg's [tox:tox] and generative section names", () => {
    const f = toxIni("[tox:tox]\nenv_list =\n  unit\n[testenv:{unit,int}-gpu]\ncommands = pytest -m gpu\n");
    expect(f.defaults).toEqual(["unit"]);
    expect([...f.tasks.keys()]).toEqual(["unit-gpu", "int-gpu", "unit"]);
    expect(f.tasks.get("unit")?.commands).toEqual([]);
  });
});

describe("toxToml", () => {
  it("reads tox.toml's env_list, env_run_base and env tables, quoting words", () => {
    const doc = parseToml(`
env_list = ["3.12", "type"]
[env_run_base]
commands = [["pytest", { replace = "posargs", default = ["tests", "-m", "not slow"], extend = true }]]
[env.type]
commands = [["mypy", "src"], { replace = "ref", of = ["env_run_base", "commands"], extend = true }]
depends = ["3.12"]
`);
    const f = toxToml(doc);
    expect(f.defaults).toEqual(["3.12", "type"]);
    expect(f.tasks.get("type")).toEqual(task(["mypy src", "pytest tests -m 'not slow'"], ["3.12"], 1));
    expect(f.tasks.get("3.12")?.commands).toEqual(["pytest tests -m 'not slow'"]);
  });

  it("reads pyproject's [tool.tox], native or legacy_tox_ini", () => {
    const native = toxToml(parseToml(`[tool.tox]\nenv_list = ["t"]\n[tool.tox.env.t]\ncommands = [["pytest"]]\n`));
    expect(native.tasks.get("t")?.commands).toEqual(["pytest"]);
    const legacy = toxToml(parseToml(`[tool.tox]\nlegacy_tox_ini = """\n[tox]\nenvlist = py\n[testenv]\ncommands = pytest\n"""\n`));
    expect(legacy.defaults).toEqual(["py"]);
    expect(legacy.tasks.get("py")?.commands).toEqual(["pytest"]);
  });
});

describe("noxfile", () => {
  const text = [
    "import nox", // 1
    "",
    'nox.options.sessions = ["lint", "tests"]',
    "",
    '@nox.session(python=["3.10", "3.11"])', // 5
    "def tests(session: nox.Session) -> None:",
    '    """Run the test suite.',
    '@nox.session  in a docstring is no decorator"""',
    '    session.install("-e", ".[test]")',
    '    session.run("pytest", "tests", "-m", "not slow", *session.posargs)', // 10
    "    session.run(",
    '        "python", "-m" "torch.utils.collect_env",  # adjacent literals join',
    "        env={'CUDA_VISIBLE_DEVICES': ''},",
    "    )",
    '    session.notify("coverage")', // 15
    "",
    "# a comment at column 0 does not end the body",
    '@nox.session(name="lint", reuse_venv=True)',
    "def run_linters(s):",
    "    s.run('ruff', 'check', f'{SRC}')", // 20
    "    s.run_always('pre-commit', 'run', '--all-files')",
    "",
    "@nox.session(default=False)",
    "def coverage(session):",
    "    session.run('coverage', 'report')", // 25
    "    session.run(*ARGS)",
  ].join("\n");
  const file = noxfile(text);

  it("reads sessions, their run calls as shell words and notify as needs", () => {
    expect(file.tasks.get("tests")).toEqual(task(["pytest tests -m 'not slow'", "python -mtorch.utils.collect_env"], ["coverage"], 6));
    expect(file.tasks.get("lint")).toEqual(task(["ruff check", "pre-commit run --all-files"], [], 19));
    expect(file.tasks.get("coverage")?.commands).toEqual(["coverage report"]);
    expect([...file.tasks.keys()]).toEqual(["tests", "lint", "coverage"]);
  });

  it("takes nox.options.sessions as defaults, else every session not marked default=False", () => {
    expect(file.defaults).toEqual(["lint", "tests"]);
    const without = noxfile(text.replace('nox.options.sessions = ["lint", "tests"]', ""));
    expect(without.defaults).toEqual(["tests", "lint"]);
  });

  it("finds a parametrized or python-versioned session by the name nox runs it as", () => {
    const tests = file.tasks.get("tests");
    expect(taskNamed(file, "tests-3.11")).toBe(tests);
    expect(taskNamed(file, "tests(django='4')")).toBe(tests);
    expect(taskNamed(file, "tests-3.11(django='4', db='x-1')")).toBe(tests);
    expect(taskNamed(file, "tests-pypy3.10")).toBe(tests);
    expect(taskNamed(file, "lint")).toBe(file.tasks.get("lint"));
    expect(taskNamed(file, "docs-3.11")).toBeUndefined();
    expect(taskNamed(file, "(x)")).toBeUndefined();
    const exact = makefile("test:\n\tpytest\ntest-3.11:\n\tpython3.11 -m pytest\n");
    expect(taskNamed(exact, "test-3.11")?.commands).toEqual(["python3.11 -m pytest"]);
  });

  it("ends a body at the next statement at column 0, and reads `from nox import session`", () => {
    const f = noxfile(
      "from nox import session\n@session\ndef t(session):\n    session.run('pytest')\nsession.run('not', 'in', 'a', 'body')\n",
    );
    expect(f.tasks.get("t")?.commands).toEqual(["pytest"]);
    expect(noxfile("def helper(session):\n    session.run('x')\n").tasks.size).toBe(0);
  });
});

describe("pyproject task tables", () => {
  const doc = parseToml(`
[tool.poe.tasks]
lint = "ruff check src"
format.shell = """
black src
isort src
"""
train = { script = "mlproj.train:main", deps = ["prepare --fast"] }
prepare.cmd = "python -m mlproj.data"
check = ["lint", "test"]
test = { sequence = ["pytest tests", { cmd = "coverage report" }], default_item_type = "cmd" }
all = { ref = "check --verbose" }

[tool.hatch.envs.default.scripts]
test = "pytest {args:tests}"
cov = ["test --cov", "- coverage report"]

[tool.hatch.envs.lint]
template = "default"
[tool.hatch.envs.lint.scripts]
style = "ruff check ."

[tool.hatch.envs.docs]
template = "docs"
[tool.hatch.envs.docs.scripts]
build = "mkdocs build"

[tool.pdm.scripts]
_.env_file = ".env"
pre_test = "python -m mlproj.check_data"
test = "pytest"
lint = { cmd = ["ruff", "check", "src dir"] }
ci = { composite = ["lint", "test -x", "echo done"] }
serve = { call = "mlproj.app:serve" }
setup.shell = "pip install -e .\\nmake data"
`);

  it("reads poe's command, shell, script, sequence and ref tasks", () => {
    const f = poe(doc);
    expect(f.tasks.get("lint")?.commands).toEqual(["ruff check src"]);
    expect(f.tasks.get("format")?.commands).toEqual(["black src", "isort src"]);
    expect(f.tasks.get("train")).toEqual(task(["poe-script mlproj.train:main"], ["prepare"], 1));
    expect(f.tasks.get("check")).toEqual(task([], ["lint", "test"], 1));
    expect(f.tasks.get("test")?.commands).toEqual(["pytest tests", "coverage report"]);
    expect(f.tasks.get("all")?.needs).toEqual(["check"]);
    expect(poe(parseToml('[tasks]\nt = "pytest"\n')).tasks.get("t")?.commands).toEqual(["pytest"]);
  });

  it("reads hatch scripts by env, with the default env's inherited through templates", () => {
    const f = hatch(doc);
    expect(f.tasks.get("test")?.commands).toEqual(["pytest {args:tests}"]);
    expect(f.tasks.get("cov")).toEqual(task(["coverage report"], ["test"], 1));
    expect(f.tasks.get("lint:style")?.commands).toEqual(["ruff check ."]);
    expect(f.tasks.get("lint:cov")?.needs).toEqual(["lint:test"]);
    expect(f.tasks.has("docs:test")).toBe(false);
    expect(hatch(parseToml('[envs.default.scripts]\nt = "pytest"\n')).tasks.get("t")?.commands).toEqual(["pytest"]);
  });

  it("reads pdm's cmd, shell, call and composite scripts with pre_ and post_ hooks", () => {
    const f = pdm(doc);
    expect(f.tasks.has("_")).toBe(false);
    expect(f.tasks.get("test")).toEqual(task(["pytest"], ["pre_test"], 1));
    expect(f.tasks.get("lint")?.commands).toEqual(["ruff check 'src dir'"]);
    expect(f.tasks.get("ci")).toEqual(task(["echo done"], ["lint", "test"], 1));
    expect(f.tasks.get("serve")?.commands).toEqual(["pdm-call mlproj.app:serve"]);
    expect(f.tasks.get("setup")?.commands).toEqual(["pip install -e .", "make data"]);
  });
});

describe("package.json, mise.toml and dvc.yaml", () => {
  it("reads npm scripts with their pre and post hooks", () => {
    const f = packageScripts(
      JSON.stringify({ scripts: { pretest: "npm run build", test: "vitest run", posttest: "echo ok", build: "tsc", x: 1 } }),
    );
    expect(f?.tasks.get("test")).toEqual(task(["vitest run"], ["pretest", "posttest"], 1));
    expect(f?.tasks.get("build")?.needs).toEqual([]);
    expect(f?.tasks.has("x")).toBe(false);
    expect(f?.defaults).toEqual([]);
    expect(packageScripts('\uFEFF{"scripts": {"t": "jest"}}')?.tasks.get("t")?.commands).toEqual(["jest"]);
    expect(packageScripts("[1]")).toBeUndefined();
    expect(packageScripts("{")).toBeUndefined();
  });

  it("reads mise tasks, their runs and depends", () => {
    const f = mise(
      parseToml(`
[tasks]
lint = "ruff check ."
[tasks.test]
run = ["pytest tests", "coverage report"]
depends = ["lint", "build --release"]
depends_post = ["clean"]
[tasks.train]
run = """
python prepare.py
python train.py \\\\
  --epochs 3
"""
[tasks.release]
run = [{ task = "test" }, { tasks = ["lint", "build"] }, "twine upload dist/*"]
`),
    );
    expect(f.tasks.get("lint")?.commands).toEqual(["ruff check ."]);
    expect(f.tasks.get("test")).toEqual(task(["pytest tests", "coverage report"], ["lint", "build", "clean"], 1));
    expect(f.tasks.get("train")?.commands).toEqual(["python prepare.py", "python train.py --epochs 3"]);
    expect(f.tasks.get("release")).toEqual(task(["twine upload dist/*"], ["test", "lint", "build"], 1));
    expect(f.tasks.get("test")?.dir).toBeUndefined();
  });

  it("reads a mise task's dir relative to its config", () => {
    const f = mise(
      parseToml(
        '[tasks.a]\nrun = "pytest"\ndir = "{{config_root}}/ml"\n[tasks.b]\nrun = "x"\ndir = "{{cwd}}"\n[tasks.c]\nrun = "y"\ndir = "./svc"\n',
      ),
    );
    expect([f.tasks.get("a")?.dir, f.tasks.get("b")?.dir, f.tasks.get("c")?.dir]).toEqual(["ml", undefined, "svc"]);
  });

  const dvc = [
    "stages:", // 1
    "  prepare:",
    "    cmd: python src/prepare.py data/raw.csv",
    "    deps: [src/prepare.py, data/raw.csv]",
    "    outs: [data/prepared/]", // 5
    "  train:",
    "    cmd:",
    "      - python src/train.py",
    "      - python src/export.py",
    "    deps: [data/prepared/train.csv, src/train.py]", // 10
    "    outs:",
    "      - model.pkl:",
    "          cache: false",
    "  evaluate:",
    "    foreach: [test, val]", // 15
    "    do:",
    "      cmd: python src/evaluate.py ${item}",
    "      deps: [./model.pkl]",
    "      metrics:",
    "        - eval/${item}.json:", // `${` opens a flow mapping inside [ ], so dvc files list these as blocks
    "            cache: false",
  ].join("\n");

  it("reads dvc stages with lines, needs from outs to deps, and every stage as default", () => {
    const f = dvcYaml(dvc);
    expect(f?.defaults).toEqual(["prepare", "train", "evaluate"]);
    expect(f?.tasks.get("prepare")).toEqual(task(["python src/prepare.py data/raw.csv"], [], 2));
    expect(f?.tasks.get("train")).toEqual(task(["python src/train.py", "python src/export.py"], ["prepare"], 6));
    expect(f?.tasks.get("evaluate")).toEqual(task(["python src/evaluate.py ${item}"], ["train"], 14));
  });

  it("gives a stage its wdir, relative to dvc.yaml, as dvc repro runs it there", () => {
    const f = dvcYaml(
      "stages:\n  a:\n    wdir: src/\n    cmd: python a.py\n  b:\n    wdir: .\n    cmd: make\n  c:\n    foreach: [x]\n    do:\n      wdir: ${item}\n      cmd: make\n  d:\n    foreach: [x]\n    do:\n      wdir: jobs\n      cmd: make\n",
    );
    expect([f?.tasks.get("a")?.dir, f?.tasks.get("b")?.dir, f?.tasks.get("c")?.dir, f?.tasks.get("d")?.dir]).toEqual([
      "src",
      undefined,
      undefined,
      "jobs",
    ]);
  });

  it("takes a parsed dvc.yaml too, with unknown lines, and gives undefined for broken YAML", () => {
    expect(dvcYaml({ stages: { s: { cmd: "make" } } }).tasks.get("s")).toEqual(task(["make"], [], 1));
    expect(dvcYaml("stages: [unclosed")).toBeUndefined();
  });
});

describe("simpleCommands", () => {
  const texts = (script: string) => simpleCommands(script).map((c) => c.text);

  it("reads a here-document's body as data, whatever its quoting", () => {
    const script = "cat > notes <<'EOF'\nwe don't run\nEOF\nmake test";
    expect(simpleCommands(script)).toEqual([
      { words: ["cat"], text: "cat > notes <<'EOF'" },
      { words: ["make", "test"], text: "make test" },
    ]);
    expect(texts('python - <<"PY" && echo ok\nimport os; os.system("rm -rf /")\nPY\npytest')).toEqual([
      'python - <<"PY"',
      "echo ok",
      "pytest",
    ]);
    expect(simpleCommands("cat << END\n(oops\nEND\nmake")[0]?.words).toEqual(["cat"]);
    expect(texts("if true; then\n\tcat <<-EOF\n\tit's data\n\tEOF\n\tmake lint\nfi")).toEqual(["if true", "cat <<-EOF", "make lint"]);
    expect(texts("cat <<A 0<<\\B\na'\nA\nb'\nB\nmake x")).toEqual(["cat <<A 0<<\\B", "make x"]);
    expect(texts("cat <<EOF\nnever closed'\nmake x")).toEqual(["cat <<EOF"]);
    expect(texts("cat <<EOF # a comment\nbody'\nEOF\nmake y")).toEqual(["cat <<EOF", "make y"]);
  });

  it("reads a here-string as a redirection, not a here-document", () => {
    expect(simpleCommands('grep x <<< "$v"\nmake test').map((c) => c.words)).toEqual([
      ["grep", "x"],
      ["make", "test"],
    ]);
  });

  it("makes no command of a bare line continuation or redirection", () => {
    expect(simpleCommands("\\\n")).toEqual([]);
    expect(simpleCommands("  \\\n  make test")).toEqual([{ words: ["make", "test"], text: "make test" }]);
    expect(simpleCommands("pytest &>/dev/null")).toEqual([{ words: ["pytest"], text: "pytest" }]);
  });
});

describe("shared helpers", () => {
  it("splits words and finds a line's first word", () => {
    expect(firstWord("  make  test")).toBe("make");
    expect(firstWord("   ")).toBe("");
    expect(words(" a\tb  c ")).toEqual(["a", "b", "c"]);
  });
});

describe("hostile input", () => {
  /** Deterministic junk over the characters these readers treat specially. */
  const junk = (() => {
    const alphabet = "ab_-:=;#@+!\\\"'`$(){}[],.%|&*\t \n\n\r/\u00e9\u0000";
    let seed = 42;
    const out: string[] = [];
    for (let i = 0; i < 5_000_000; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      out.push(alphabet[seed % alphabet.length]!);
    }
    return out.join("");
  })();
  const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join("\n");
  const inputs: Record<string, string> = {
    "5 MB of junk": junk,
    "100k lines of rules and recipes": lines(100_000, (i) => (i % 2 ? `\tpython step${i}.py \\` : `t${i} t: t${i - 1} all ; echo`)),
    "deeply nested brackets": `x: ${"(".repeat(1_000_000)}${"[".repeat(1_000_000)}${"{".repeat(1_000_000)}`,
    "unterminated strings": `a: ("b\n[tox]\nenvlist = {a,{b\n"""${"'\"".repeat(500_000)}{posargs:${"x".repeat(1_000_000)}`,
    "one line of a million targets": `${"a ".repeat(1_000_000)}:: b\n${"\techo\n".repeat(200_000)}`,
    "long runs of slashes and backslashes": `${"/".repeat(1_000_000)}x\n${"\\".repeat(1_000_000)}\n`,
    "here-documents and factor conditions by the million": `${"cat <<A ".repeat(300_000)}\n${"a,b-!c: x\n".repeat(300_000)}`,
  };
  const readers: Record<string, (text: string) => unknown> = {
    readIni,
    makefile,
    justfile,
    toxIni,
    noxfile,
    packageScripts,
    dvcYaml: (text) => dvcYaml(text),
    simpleCommands,
  };
  for (const [reader, read] of Object.entries(readers)) {
    for (const [input, text] of Object.entries(inputs)) {
      it(`${reader} reads ${input} within a second without throwing`, () => {
        const start = performance.now();
        expect(() => read(text)).not.toThrow();
        expect(performance.now() - start).toBeLessThan(1_000);
      });
    }
  }

  it("keeps to the caps: 10,000 tasks a file, 1,000 commands a task", () => {
    const many = makefile(lines(100_000, (i) => `t${i}:\n\techo ${i}`));
    expect(many.tasks.size).toBe(10_000);
    const long = makefile(`t:\n${lines(5_000, (i) => `\techo ${i}`)}`);
    expect(long.tasks.get("t")?.commands.length).toBe(1_000);
    expect(justfile(lines(20_000, (i) => `r${i}: r${i + 1}\n  echo ${i}`)).tasks.size).toBe(10_000);
    expect(toxIni(`[tox]\nenvlist = py{${lines(20_000, String).split("\n").join(",")}}\n`).tasks.size).toBe(10_000);
    expect(noxfile(lines(20_000, (i) => `@nox.session\ndef s${i}(session):\n    session.run("x")`)).tasks.size).toBe(10_000);
    expect(
      packageScripts(
        JSON.stringify({
          scripts: Object.fromEntries(
            lines(20_000, (i) => `s${i}`)
              .split("\n")
              .map((s) => [s, "x"]),
          ),
        }),
      )?.tasks.size,
    ).toBe(10_000);
  });

  it("reads large realistic files of each kind within a second", () => {
    const files: [string, () => unknown][] = [
      ["tox", () => toxIni(`[testenv]\ncommands =\n${lines(100_000, (i) => `    {[testenv]commands}\n    pytest -k t${i}`)}`)],
      [
        "tox conditions",
        () =>
          toxIni(
            `[tox]\nenvlist = py{${lines(10_000, String).split("\n").join(",")}}-x\n[testenv]\ncommands =\n` +
              lines(1_000, (i) => `    py${i},x-!y: pytest -k t${i}`),
          ),
      ],
      [
        "nox",
        () =>
          noxfile(
            "@nox.session\ndef t(session):\n" +
              lines(100_000, (i) => `    session.run("pytest", "-k", "t${i}", session.run(session.run("x"`),
          ),
      ],
      [
        "make",
        () =>
          makefile(
            lines(
              200,
              (r) =>
                `${lines(2_000, (i) => `t${i}`)
                  .split("\n")
                  .join(" ")}: ${lines(500, (i) => `p${r}-${i}`)
                  .split("\n")
                  .join(" ")}`,
            ),
          ),
      ],
      [
        "dvc",
        () => dvcYaml(`stages:\n${lines(2_000, (i) => `  s${i}:\n    cmd: python s${i}.py\n    deps: [o${i - 1}]\n    outs: [o${i}]`)}`),
      ],
    ];
    for (const [kind, read] of files) {
      const start = performance.now();
      read();
      expect(performance.now() - start, kind).toBeLessThan(1_000);
    }
  });

  it("gives undefined for text its format cannot parse, even when nested too deep to convert", () => {
    expect(packageScripts("[".repeat(1_000_000))).toBeUndefined();
    expect(packageScripts('{"scripts": {"a": "b')).toBeUndefined();
    expect(dvcYaml(`stages:\n  a: ${"[".repeat(100_000)}`)).toBeUndefined();
    const laughs = [
      "a0: &a0 [x, x, x, x, x, x, x, x, x, x]",
      ...lines(9, (i) => `a${i + 1}: &a${i + 1} [${`*a${i}, `.repeat(9)}*a${i}]`).split("\n"),
    ];
    expect(dvcYaml(`stages:\n  s:\n    cmd: make\n${laughs.join("\n")}\n`)).toBeUndefined(); // 10^10 nodes if expanded
    // Valid, but past the size yaml reads within a second.
    expect(dvcYaml(`stages:\n${lines(20_000, (i) => `  s${i}:\n    cmd: python s${i}.py`)}`)).toBeUndefined();
    expect(dvcYaml(`stages:\n${lines(2_000, (i) => `  s${i}:\n    cmd: python s${i}.py`)}`)?.tasks.size).toBe(2_000);
  });

  it("reads parsed documents of any shape without throwing", () => {
    const shapes: unknown[] = [null, 1, "x", [], [[["deep"]]], { tasks: 1 }, { constructor: { x: 1 } }];
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = { sequence: [deep], replace: "ref", of: ["env_run_base", "commands"] };
    shapes.push(deep);
    const fields = [
      "tasks",
      "tool",
      "poe",
      "hatch",
      "pdm",
      "scripts",
      "envs",
      "env",
      "env_run_base",
      "env_list",
      "stages",
      "commands",
      "composite",
      "sequence",
      "run",
      "depends",
      "template",
      "cmd",
      "do",
      "deps",
      "outs",
      "_",
    ];
    const docs = shapes.flatMap((shape) =>
      fields.map((field) => ({ [field]: { [field]: shape, a: { [field]: shape, template: "a" } }, tool: { [field]: shape } })),
    );
    docs.push({
      tool: { hatch: { envs: { a: { template: "b" }, b: { template: "a", scripts: { constructor: "x", toString: ["y"] } } } } },
    });
    docs.push({ tool: { pdm: { scripts: { composite: { composite: ["constructor", "__proto__"] } } } } });
    for (const doc of docs) {
      for (const read of [poe, hatch, pdm, toxToml, mise, (d: Record<string, unknown>) => dvcYaml(d)])
        expect(() => read(doc)).not.toThrow();
    }
    const refs = (to: string) => Array.from({ length: 1_000 }, () => ({ replace: "ref", of: ["layer", to] }));
    const layer = { l0: [["pytest", "-k", "a b"]], l1: refs("l0"), l2: refs("l1"), l3: refs("l2") };
    const fanOut = { env_list: ["a"], layer, env_run_base: { commands: refs("l3") } }; // 1000^4 items if each reference were read anew
    const start = performance.now();
    expect(toxToml(fanOut).tasks.get("a")?.commands.length).toBe(1_000);
    const cycle: unknown[] = [["pytest"]];
    cycle.push({ replace: "ref", of: ["env", "a", "commands"] });
    expect(toxToml({ env: { a: { commands: cycle } } }).tasks.get("a")?.commands).toEqual(["pytest"]);
    const options = Array.from({ length: 10_000 }, (_, i) => `o${i}`).join(",");
    expect(toxIni(`[tox]\nenvlist = {${options}}-{${options}}\n`).defaults.length).toBe(10_000); // 10^8 names unbounded
    expect(performance.now() - start).toBeLessThan(1_000);
    const loop = hatch({ tool: { hatch: { envs: { a: { template: "b" }, b: { template: "a", scripts: { t: "pytest" } } } } } });
    expect(loop.tasks.get("b:t")?.commands).toEqual(["pytest"]);
  });
});

describe("line endings and arbitrary input", () => {
  const samples: [string, (text: string) => unknown, string][] = [
    ["makefile", makefile, "check: test\ntest:\n\tpytest \\\n\t-x\n"], // make keeps a continued recipe line's spaces
    ["justfile", justfile, "test:\n    pytest \\\n      -x\n"],
    ["toxIni", toxIni, "[tox]\nenvlist = py\n[testenv]\ncommands =\n    pytest \\\n      -x\n"],
    ["noxfile", noxfile, "@nox.session\ndef t(session):\n    session.run('pytest', \\\n      '-x')\nx = 1\n"],
  ];
  for (const [name, read, text] of samples) {
    it(`${name} reads a CRLF file as its LF twin`, () => {
      const lf = read(text) as { tasks: Map<string, { commands: string[] }>; defaults: unknown };
      expect([...lf.tasks.values()].flatMap((t) => t.commands)).toContain("pytest -x");
      const crlf = read(text.split("\n").join("\r\n")) as { tasks: unknown; defaults: unknown };
      expect({ tasks: crlf.tasks, defaults: crlf.defaults }).toEqual({ tasks: lf.tasks, defaults: lf.defaults });
    });
  }

  it("never throws on arbitrary text", () => {
    const unit = fc.constantFrom(
      ..."ab:=;#@-+!\\\"'`$(){}[],.%|&*\t \n\r/".split(""),
      "def ",
      "@nox.session",
      "session.run(",
      "[testenv]",
      "stages:",
    );
    const readers = [readIni, makefile, justfile, toxIni, noxfile, packageScripts, (text: string) => dvcYaml(text)];
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), (text) => {
        for (const read of readers) read(text);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on documents of arbitrary shape", () => {
    const fields = fc.constantFrom(
      "tasks",
      "tool",
      "poe",
      "hatch",
      "pdm",
      "scripts",
      "envs",
      "env",
      "env_run_base",
      "env_list",
      "stages",
      "commands",
      "legacy_tox_ini",
    );
    const doc = fc.dictionary(fields, fc.anything({ maxDepth: 4, key: fc.oneof(fields, fc.string()) }));
    const readers = [poe, hatch, pdm, toxToml, mise, (d: Record<string, unknown>) => dvcYaml(d)];
    fc.assert(
      fc.property(doc, (d) => {
        for (const read of readers) read({ ...d, tool: d });
      }),
      { numRuns: 300 },
    );
  });
});
