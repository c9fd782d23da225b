// The task-file readers: each turns one runner's file into its tasks, never running anything.
// Realistic files as ML repositories write them first, then hostile input every reader must
// survive quickly without throwing.
import { describe, expect, it } from "vitest";
import { readIni } from "../src/verify/tasks/ini.js";
import { justfile, makefile } from "../src/verify/tasks/make.js";

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
});
