// Follows what a CI step runs through the task runners and scripts it calls, reading their files
// and never executing anything: `make check` is the Makefile's check target, whose prerequisites
// and recipe lines are followed in turn, to a bounded depth. Each command found carries the chain
// that reached it (job → target → command), so a reviewer sees why a `runs:` claim holds.
import { posix } from "node:path";
import { joinInside } from "../../paths.js";
import type { CiJob } from "../ci.js";
import type { ProjectFiles } from "../files.js";
import { templateRoot } from "../template-path.js";
import { simpleCommands, type SimpleCommand } from "./shell.js";
import { runnerCall, type Reader, type RunnerCall } from "./runners.js";
import { unwrap } from "./wrappers.js";
import type { TaskFile } from "./task-file.js";

export interface Step {
  /** A command line as written where it is defined. */
  command: string;
  /** How the CI step reaches it, one link per runner or script: "make check (Makefile:3)". */
  via: string[];
  /** Where the command is written, when it is not the CI file itself. */
  at?: { file: string; line: number };
}

/** A pytest run found on the way: its folder and the words after `pytest`. */
export interface PytestCall {
  /** The command's own text, for a `runs:` that verification finds again. */
  text: string;
  dir: string;
  args: string[];
  via: string[];
}

/** A repository file a job runs as a program: a script, a Python file or module, a notebook. */
export interface Ran {
  file: string;
  /** The command that runs it, as written (one line), for a `runs:` that verification finds again. */
  text: string;
  via: string[];
}

export interface Expansion {
  steps: Step[];
  pytest: PytestCall[];
  ran: Ran[];
}

/** Files a command may hand to a tool as its configuration. */
const CONFIG_FILE = /\.(ya?ml|json|tf|tfvars|toml|cfg|ini|pbtxt|rules)$/;

/** Runners calling runners this deep are not followed further (job → target → target → script). */
const MAX_DEPTH = 4;
/** Prerequisites of prerequisites followed this deep within one task file. */
const MAX_NEEDS_DEPTH = 50;
/** Commands collected for one job at most: a fan-out of targets stops here. */
const MAX_STEPS = 5_000;
/** Task files and scripts larger than this are not read. */
const MAX_TASK_BYTES = 1024 * 1024;
/** Shell text split for one project at most, over all jobs: a CI file that repeats a long script in every job stays bounded. */
const MAX_SPLIT_CHARS = 64 * 1024 * 1024;

/** Reads each task file once per project, however many jobs call into it. */
export class Runners {
  /** Characters of shell text split so far, against MAX_SPLIT_CHARS. */
  private split = 0;
  private readonly texts = new Map<string, string | undefined>();
  private readonly regular = new Map<string, boolean>();
  private readonly parsed = new Map<string, Map<Reader, TaskFile | undefined>>();

  constructor(private readonly files: ProjectFiles) {}

  /** Everything a CI file's job runs (see expand). */
  job(file: string, job: CiJob): Expansion {
    const folder = posix.dirname(file);
    return this.expand(job.commands, folder === "." ? "" : folder, templateRoot(file), job.workingDirectories);
  }

  /**
   * Every command a job runs, its own lines first (with no chain), then those reached through
   * runners and scripts. `base` is the folder of the CI file, against which a job's entry
   * points (a Databricks python_file) are found; `root` the folder commands start in (a
   * template's root for a template's CI file), and `folders` each command's own folder within it.
   */
  expand(commands: string[], base: string, root = "", folders: (string | undefined)[] = []): Expansion {
    const steps: Step[] = commands.map((command) => ({ command, via: [] }));
    const pytest: PytestCall[] = [];
    const ran: Ran[] = [];
    const follow = (script: string, dir: string, via: string[], depth: number) => {
      if (this.split + script.length > MAX_SPLIT_CHARS) return;
      this.split += script.length;
      let cwd = dir;
      for (const command of simpleCommands(script)) {
        if (steps.length >= MAX_STEPS) return;
        const words = unwrap(command.words);
        if (words[0] === "cd" && words.length === 2) {
          cwd = joinInside(cwd, words[1]!) ?? cwd;
          continue;
        }
        if (isPytest(words)) pytest.push({ text: firstLine(command), dir: cwd, args: pytestArgs(words), via });
        if (depth >= MAX_DEPTH) continue;
        // `pdm run test` and `hatch run test` call a runner's script, or else run `test` as a command.
        const io = { tasks: (path: string, reader: Reader) => this.tasks(path, reader) };
        const call = runnerCall(withoutSettings(command.words), cwd, io) ?? runnerCall(words, cwd, io);
        if (call) this.run(call, via, depth, steps, follow);
        else this.entryPoint(command, cwd, base, via, depth, { steps, ran }, follow);
      }
    };
    commands.forEach((command, i) => {
      const folder = folders[i];
      const start = folder === undefined ? root : joinInside(root, folder);
      if (start !== undefined) follow(command, start, [], 0);
    });
    return { steps, pytest, ran };
  }

  private run(call: RunnerCall, via: string[], depth: number, steps: Step[], follow: Follow): void {
    const { file, tasks } = call;
    const seen = new Set<string>();
    // Prerequisites nest at most this deep within one file: a chain of a hundred thousand
    // targets must not exhaust the stack.
    const visit = (name: string, chain: string[], nesting: number) => {
      const task = tasks.tasks.get(name) ?? tasks.fallback;
      if (!task || seen.has(name) || nesting > MAX_NEEDS_DEPTH) return;
      seen.add(name);
      const link = [...chain, `${call.label(name)} (${file}:${task.line})`];
      for (const need of task.needs) visit(need, link, nesting + 1);
      for (const command of task.commands) {
        if (steps.length >= MAX_STEPS) return;
        steps.push({ command, via: link, at: { file, line: task.line } });
        follow(command, posix.dirname(file) === "." ? "" : posix.dirname(file), link, depth + 1);
      }
    };
    for (const name of call.names) visit(name, via, 0);
  }

  /**
   * A repository program a command runs: a script by path (`./scripts/ci.sh`, `bash ci.sh`), a
   * Python file or module (`python tools/check.py`, `python -m churn.validate`), or a job's entry
   * point (a Databricks python_file or notebook, relative to the CI file's folder).
   */
  private entryPoint(command: SimpleCommand, cwd: string, base: string, via: string[], depth: number, out: { steps: Step[]; ran: Ran[] }, follow: Follow): void {
    const path = this.program(command.words, cwd, base);
    if (!path) {
      this.applied(command, cwd, via, out.ran);
      return;
    }
    const line = command.text.split("\n")[0]!.replace(/\s*\\$/, "").trim();
    const link = [...via, `${line} (${path})`];
    out.ran.push({ file: path, text: line, via });
    // Python and notebooks are code, not commands: detection reads them as files the job runs
    // (detect/ran-by-ci.ts). A shell script's lines are commands, followed in its caller's folder.
    const text = /\.(py|ipynb)$/.test(path) ? undefined : this.text(path);
    if (text === undefined) return;
    for (const [i, source] of text.split("\n").entries()) {
      if (out.steps.length >= MAX_STEPS) return;
      if (source.trim() === "" || source.trimStart().startsWith("#")) continue;
      out.steps.push({ command: source.trim(), via: link, at: { file: path, line: i + 1 } });
    }
    follow(text, cwd, link, depth + 1);
  }

  /**
   * Configuration a command hands to a tool (`kubectl apply -f monitoring/rules.yaml`, `az ml
   * schedule create -f monitor.yml`): the job applies what the file says, so it counts as run.
   */
  private applied(command: SimpleCommand, cwd: string, via: string[], ran: Ran[]): void {
    const line = command.text.split("\n")[0]!.replace(/\s*\\$/, "").trim();
    for (const word of command.words.slice(1, 40)) {
      const value = word.startsWith("--") && word.includes("=") ? word.slice(word.indexOf("=") + 1) : word;
      if (!CONFIG_FILE.test(value)) continue;
      const path = joinInside(cwd, value);
      if (path !== undefined && this.isFile(path)) ran.push({ file: path, text: line, via });
    }
  }

  /** The project file a command runs as a program, if it names one that exists. */
  private program(raw: string[], cwd: string, base: string): string | undefined {
    const words = unwrap(raw);
    const module = pythonModule(raw);
    const targets = module ? [`${module}.py`, `src/${module}.py`, `${module}/__main__.py`, `src/${module}/__main__.py`] : [scriptTarget(words)];
    for (const target of targets) {
      if (target === undefined) continue;
      // A Databricks notebook path is written without its extension.
      const named = /\.[A-Za-z]+$/.test(target) ? [target] : [target, `${target}.py`, `${target}.ipynb`];
      for (const candidate of named.flatMap((t) => [joinInside(cwd, t), module ? undefined : joinInside(base, t)])) {
        if (candidate !== undefined && this.isFile(candidate)) return candidate;
      }
    }
    return undefined;
  }

  /** Whether a regular file is there, inside the project (code is not read here: detection reads it). */
  private isFile(path: string): boolean {
    if (!this.regular.has(path)) this.regular.set(path, this.files.file(path).ok);
    return this.regular.get(path)!;
  }

  private text(path: string): string | undefined {
    if (!this.texts.has(path)) {
      const read = this.files.read(path, MAX_TASK_BYTES);
      this.texts.set(path, read.ok ? read.text : undefined);
    }
    return this.texts.get(path);
  }

  /** A task file read once per reader, however many commands call into it. */
  private tasks(path: string, reader: Reader): TaskFile | undefined {
    let byReader = this.parsed.get(path);
    if (!byReader) this.parsed.set(path, (byReader = new Map()));
    if (!byReader.has(reader)) {
      const text = this.text(path);
      byReader.set(reader, text === undefined ? undefined : reader(text));
    }
    return byReader.get(reader);
  }
}

type Follow = (script: string, dir: string, via: string[], depth: number) => void;

/** The script a command runs by path, if it names one. */
function scriptTarget(words: string[]): string | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return undefined;
  if (["bash", "sh", "zsh", "dash", "source", ".", "python", "python3", "py"].includes(first) || /^python3\.\d+$/.test(first)) {
    const script = rest.find((w) => !w.startsWith("-"));
    return script !== undefined && /[./]/.test(script) && rest[0] !== "-c" && rest[0] !== "-m" ? script : undefined;
  }
  // A path run directly, or a job's entry point written as a path.
  return first.includes("/") || /\.(sh|bash|py|ipynb)$/.test(first) ? first : undefined;
}

/** `python -m churn.validate`: the module as a path (`churn/validate`); undefined for tools run as modules (pytest, pip). */
function pythonModule(words: string[]): string | undefined {
  const m = words.indexOf("-m");
  const name = m > 0 && /^(python(3(\.\d+)?)?|py)$/.test(posix.basename(words[m - 1] ?? "")) ? words[m + 1] : undefined;
  return name !== undefined && name.includes(".") && /^[A-Za-z_][\w.]*$/.test(name) ? name.replace(/\./g, "/") : undefined;
}

/** A command's words without its leading `NAME=value` settings. */
function withoutSettings(words: string[]): string[] {
  const first = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  return first < 0 ? [] : words.slice(first);
}

function isPytest(words: string[]): boolean {
  return words[0] === "pytest" || words[0] === "py.test" || (words[0] === "hatch" && words[1] === "test");
}

/** The words after `pytest`. */
function pytestArgs(words: string[]): string[] {
  return words.slice(words[0] === "hatch" ? 2 : 1);
}

/** A command's first line, without a continuation backslash: a `runs:` is one line. */
function firstLine(command: SimpleCommand): string {
  return command.text.split("\n")[0]!.replace(/\s*\\$/, "").trim();
}


export type { RunnerCall };
