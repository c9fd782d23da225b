// Follows what a CI job runs through the task runners and scripts it calls, reading their files
// and never executing anything: `make check` is the Makefile's check target, whose prerequisites
// and recipe lines are followed in turn, to a bounded depth. Each command found carries the chain
// that reached it (job → target → command), so a reviewer sees why a `runs:` claim holds.
// programs.ts says which files a command runs as a program or hands to a tool.
import { posix } from "node:path";
import { joinInside } from "../../util/paths.js";
import type { CiJob } from "../ci.js";
import type { ProjectReader } from "../files.js";
import { templateRoot } from "../template-path.js";
import { firstLine, knownFolder, runsPytest, withoutSettings } from "./command-words.js";
import { appliedFiles, programTargets, scriptOf } from "./programs.js";
import { type RunnerCall, runnerCall } from "./runners.js";
import { type SimpleCommand, simpleCommands } from "./shell.js";
import { type Reader, type TaskFile, taskNamed } from "./task-file.js";
import { unwrap } from "./wrappers.js";

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
  /** The command's own text (one line), for a `runs:` that verification finds again. */
  text: string;
  dir: string;
  args: string[];
  via: string[];
}

/** A repository file a job runs as a program (a script, a Python file or module, a notebook) or hands to a tool as its configuration. */
export interface Ran {
  file: string;
  /** The command that runs it (one line), for a `runs:` that verification finds again. */
  text: string;
  via: string[];
}

export interface Expansion {
  steps: Step[];
  pytest: PytestCall[];
  ran: Ran[];
  /** The project's work budget ran out, or the job's step limit was reached: there may be more. */
  cut?: true;
}

/** Runners calling runners this deep are not followed further (job → target → target → script). */
const MAX_DEPTH = 4;
/** Prerequisites of prerequisites followed this deep within one task file. */
const MAX_NEEDS_DEPTH = 50;
/** Commands collected for one job at most: a fan-out of targets stops here. */
const MAX_STEPS = 5_000;
/** Task files and scripts larger than this are not read. */
const MAX_TASK_BYTES = 1024 * 1024;
/**
 * Work for one project at most, over all jobs: each task visited, command kept and thousand
 * characters of shell split costs one. A CI file of many jobs calling a wide Makefile stays bounded.
 */
const MAX_WORK = 2_000_000;
/** Shells whose `-c` string is a script to follow. */
const SHELLS = new Set(["bash", "sh", "zsh", "dash"]);

/** Expands CI jobs for one project, reading each task file once however many jobs call into it. */
export class Expander {
  private work = 0;
  private readonly texts = new Map<string, string | undefined>();
  private readonly regular = new Map<string, boolean>();
  private readonly parsed = new Map<string, Map<Reader, TaskFile | undefined>>();

  constructor(private readonly files: ProjectReader) {}

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
    const out: Expansion = { steps: commands.map((command) => ({ command, via: [] })), pytest: [], ran: [] };
    const io = { tasks: (path: string, reader: Reader) => this.tasks(path, reader) };
    const follow = (script: string, dir: string, via: string[], depth: number, scriptDir?: string) => {
      if (!this.spend(1 + Math.floor(script.length / 1000))) return;
      // null: a `cd` mltest cannot follow; nothing named after it can be found until the next one.
      let cwd: string | null = dir;
      for (const command of simpleCommands(script)) {
        if (out.steps.length >= MAX_STEPS || this.work > MAX_WORK) return;
        const unwrapped = unwrap(command.words);
        const words = unwrapped.words;
        if (words[0] === "cd") {
          const target = words.length === 2 ? knownFolder(words[1]!, root, scriptDir) : undefined;
          cwd = cwd !== null && target !== undefined ? (joinInside(target.from ?? cwd, target.path) ?? null) : null;
          continue;
        }
        const here =
          cwd === null || unwrapped.dir === null ? null : unwrapped.dir === undefined ? cwd : (joinInside(cwd, unwrapped.dir) ?? null);
        if (here === null) continue;
        const text = firstLine(command);
        if (text !== "" && runsPytest(words)) {
          out.pytest.push({ text, dir: here, args: words.slice(posix.basename(words[0]!) === "hatch" ? 2 : 1), via });
        }
        if (depth >= MAX_DEPTH) continue;
        // `bash -c "make test"` runs its string as a script.
        const inline = SHELLS.has(posix.basename(words[0] ?? "")) && words[1] === "-c" ? words[2] : undefined;
        if (inline !== undefined) {
          follow(inline, here, via, depth + 1, scriptDir);
          continue;
        }
        // `pdm run test` and `hatch run test` call a runner's script, or else run `test` as a command.
        const call = runnerCall(withoutSettings(command.words), here, io) ?? runnerCall(words, here, io);
        if (call) this.run(call, via, depth, out, follow);
        else this.program(command, words, here, base, via, depth, out, follow);
      }
    };
    commands.forEach((command, i) => {
      const folder = folders[i];
      const start = folder === undefined ? root : joinInside(root, folder);
      if (start !== undefined) follow(command, start, [], 0);
    });
    if (this.work > MAX_WORK || out.steps.length >= MAX_STEPS) out.cut = true;
    return out;
  }

  /** Spends work from the project's budget; false once it is spent. */
  private spend(units: number): boolean {
    this.work += units;
    return this.work <= MAX_WORK;
  }

  private run(call: RunnerCall, via: string[], depth: number, out: Expansion, follow: Follow): void {
    const { file, tasks } = call;
    const seen = new Set<string>();
    // Prerequisites nest at most this deep within one file: a chain of a hundred thousand
    // targets must not exhaust the stack.
    const visit = (name: string, chain: string[], nesting: number) => {
      const task = taskNamed(tasks, name) ?? tasks.fallback?.(name);
      if (!task || seen.has(name) || nesting > MAX_NEEDS_DEPTH || !this.spend(1)) return;
      seen.add(name);
      const link = [...chain, `${call.label(name)} (${file}:${task.line})`];
      for (const need of task.needs) visit(need, link, nesting + 1);
      for (const command of task.commands) {
        if (out.steps.length >= MAX_STEPS || !this.spend(1)) return;
        out.steps.push({ command, via: link, at: { file, line: task.line } });
        // A task may run in a folder of its own, relative to its file's (just, tox, dvc, mise).
        follow(command, task.dir === undefined ? call.runsIn : (joinInside(call.runsIn, task.dir) ?? call.runsIn), link, depth + 1);
      }
    };
    for (const name of call.names) visit(name, via, 0);
  }

  /**
   * A repository program a command runs (a script by path, a Python file or module, a notebook,
   * a job's entry point relative to the CI file's folder), or else the configuration files it
   * hands to a deployment tool. A shell script's lines are followed as commands, in the caller's
   * folder; Python and notebooks are code, which detection reads as files the job runs.
   */
  private program(
    command: SimpleCommand,
    words: string[],
    cwd: string,
    base: string,
    via: string[],
    depth: number,
    out: Expansion,
    follow: Follow,
  ): void {
    const text = firstLine(command);
    if (text === "") return;
    const targets = programTargets(command.words, words);
    const path = targets
      .flatMap(({ path, module }) =>
        (/\.[A-Za-z]+$/.test(path) ? [path] : [path, `${path}.py`, `${path}.ipynb`]).flatMap((p) => [
          joinInside(cwd, p),
          module ? undefined : joinInside(base, p),
        ]),
      )
      .find((p): p is string => p !== undefined && this.isFile(p));
    if (!path) {
      for (const file of appliedFiles(words)) {
        const applied = joinInside(cwd, file);
        if (applied !== undefined && this.isFile(applied)) out.ran.push({ file: applied, text, via });
      }
      return;
    }
    out.ran.push({ file: path, text, via });
    const script = scriptOf(path) ? this.text(path) : undefined;
    if (script === undefined) return;
    const link = [...via, `${text} (${path})`];
    for (const [i, source] of script.split("\n").entries()) {
      if (out.steps.length >= MAX_STEPS || !this.spend(1)) return;
      if (source.trim() === "" || source.trimStart().startsWith("#")) continue;
      out.steps.push({ command: source.trim(), via: link, at: { file: path, line: i + 1 } });
    }
    follow(script, cwd, link, depth + 1, posix.dirname(path) === "." ? "" : posix.dirname(path));
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
    if (!byReader) {
      byReader = new Map();
      this.parsed.set(path, byReader);
    }
    if (!byReader.has(reader)) {
      const text = this.text(path);
      byReader.set(reader, text === undefined ? undefined : reader(text));
    }
    return byReader.get(reader);
  }
}

type Follow = (script: string, dir: string, via: string[], depth: number, scriptDir?: string) => void;
