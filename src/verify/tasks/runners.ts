// The task runners mltest follows, as data: how each is called on a command line, which file
// holds its tasks, and which reader (task-file readers of this folder) turns that file into
// tasks. The Python project tools are in python-runners.ts.
import { posix } from "node:path";
import { joinInside } from "../../util/paths.js";
import { dvcYaml } from "./dvc.js";
import { justfile } from "./just.js";
import { makefile } from "./make.js";
import { mise } from "./mise.js";
import { packageScripts } from "./npm.js";
import { PYTHON_RUNNERS } from "./python-runners.js";
import { options, type Parsed, runsNothing } from "./runner-options.js";
import { type Reader, type TaskFile, taskNamed, tomlFile } from "./task-file.js";

export interface RunnerCall {
  /** The task file, relative to the project root. */
  file: string;
  tasks: TaskFile;
  /** The tasks called, in order. */
  names: string[];
  /** How a task is called, for the chain a report shows: "make test". */
  label(name: string): string;
  /** The folder its tasks' commands run in: make's is where make runs, the others' their file's folder. */
  runsIn: string;
}

export interface RunnerIo {
  /** A project file read by a reader, or undefined when it is missing, unreadable or not what the reader reads. */
  tasks(path: string, reader: Reader): TaskFile | undefined;
}

export interface Runner {
  /** The command words that call it, or undefined. */
  parse(words: string[]): Parsed | undefined;
  /** The files it reads when none is named, in its order of preference, with their readers. */
  files: [string, Reader][];
  /** The reader for a file named on the command line. */
  named?: Reader;
  label(name: string): string;
  /** Commands run where the runner was called (make), not in the task file's folder. */
  runsInCaller?: true;
}

/** The runners, by command name: how each reads its command line and where its tasks are. */
const RUNNERS: Record<string, Runner> = {
  make: {
    parse: (words) =>
      runsNothing(words, [
        "-n",
        "--dry-run",
        "--just-print",
        "--recon",
        "-q",
        "--question",
        "-p",
        "--print-data-base",
        "--help",
        "-h",
        "--version",
      ])
        ? undefined
        : options(
            words.slice(1),
            { "-C": "dir", "--directory": "dir", "-f": "file", "--file": "file", "--makefile": "file", "-I": "", "-o": "", "-W": "" },
            (w) => !w.includes("="),
          ),
    files: ["GNUmakefile", "makefile", "Makefile"].map((f) => [f, makefile]),
    named: makefile,
    label: (name) => `make ${name}`,
    runsInCaller: true,
  },
  just: {
    parse: (words) => {
      if (runsNothing(words, ["-n", "--dry-run", "-l", "--list", "-s", "--show", "--summary", "--dump", "--evaluate", "--choose"]))
        return undefined;
      // `--set NAME VALUE` takes two words.
      const set = words.indexOf("--set");
      const rest = set < 0 ? words.slice(1) : [...words.slice(1, set), ...words.slice(set + 3)];
      const parsed = options(rest, { "-f": "file", "--justfile": "file", "-d": "dir", "--working-directory": "dir" });
      // A recipe's arguments follow it; only the first word is surely a recipe.
      return parsed && { ...parsed, names: parsed.names.slice(0, 1) };
    },
    files: ["justfile", "Justfile", ".justfile", "JUSTFILE"].map((f) => [f, justfile]),
    named: justfile,
    label: (name) => `just ${name}`,
  },
  ...PYTHON_RUNNERS,
  npm: {
    parse: (words) => {
      // A workspace's or a filtered package's scripts live in another package.json: not resolved.
      if (
        words.some(
          (w) =>
            ["-w", "--workspace", "--workspaces", "--filter", "-F", "-r", "--recursive", "workspace", "workspaces"].includes(w) ||
            w.startsWith("--workspace=") ||
            w.startsWith("--filter="),
        )
      )
        return undefined;
      const parsed = options(words.slice(1), { "--prefix": "dir", "-C": "dir", "--dir": "dir", "--cwd": "dir" });
      if (!parsed) return undefined;
      const [verb, name] = parsed.names;
      // `bun test` is Bun's own test runner, not a script.
      if (posix.basename(words[0] ?? "") === "bun" && verb === "test") return undefined;
      if (verb === "test" || verb === "t" || verb === "tst" || verb === "start")
        return { ...parsed, names: [verb === "start" ? "start" : "test"] };
      if (verb === "run" || verb === "run-script" || verb === "rum" || verb === "urn")
        return name === undefined ? undefined : { ...parsed, names: [name] };
      // yarn, pnpm and bun run a script named as the first word.
      return words[0] !== "npm" && verb !== undefined ? { ...parsed, names: [verb] } : undefined;
    },
    files: [["package.json", packageScripts]],
    label: (name) => `npm run ${name}`,
  },
  mise: {
    parse: (words) => {
      const rest = words.slice(1);
      if (rest[0] === "tasks") rest.shift();
      if (rest[0] !== "run" && rest[0] !== "r") return undefined;
      const parsed = options(rest.slice(1), { "-C": "dir", "--cd": "dir", "-j": "", "--jobs": "", "-t": "", "--tool": "" });
      // `mise run a ::: b` runs several tasks; other words are a task's arguments.
      return (
        parsed && { ...parsed, names: parsed.names.filter((_n, i) => i === 0 || parsed.names[i - 1] === ":::").filter((n) => n !== ":::") }
      );
    },
    files: ["mise.toml", ".mise.toml", "mise/config.toml", ".config/mise.toml", ".config/mise/config.toml"].map((f) => [f, tomlFile(mise)]),
    label: (name) => `mise run ${name}`,
  },
  dvc: {
    parse: (words) => {
      const rest = words[1] === "exp" && words[2] === "run" ? words.slice(3) : words[1] === "repro" ? words.slice(2) : undefined;
      if (!rest || runsNothing(rest, ["--dry", "--queue", "--help", "-h"])) return undefined;
      const parsed = options(rest, {
        "-n": "",
        "--name": "",
        "-S": "",
        "--set-param": "",
        "-j": "",
        "--jobs": "",
        "-m": "",
        "--message": "",
      });
      // A target is a stage, or a dvc.yaml (path/dvc.yaml, path/dvc.yaml:stage).
      if (!parsed) return undefined;
      const target = parsed.names[0];
      if (target?.includes("dvc.yaml")) {
        const [file, stage] = target.split(":");
        return { file, names: stage ? [stage] : [] };
      }
      return parsed;
    },
    files: [["dvc.yaml", (text) => dvcYaml(text)]],
    named: (text) => dvcYaml(text),
    label: (name) => `dvc repro ${name}`,
  },
};

/** Command names that are a runner under another name. */
const ALIASES: Record<string, string> = { gmake: "make", "$(MAKE)": "make", "${MAKE}": "make", yarn: "npm", pnpm: "npm", bun: "npm" };

/** The runner call a command makes, with its task file read; undefined when it calls none, or its file is missing. */
export function runnerCall(words: string[], cwd: string, io: RunnerIo): RunnerCall | undefined {
  const name = words[0] === undefined ? undefined : (ALIASES[words[0]] ?? posix.basename(words[0]));
  const runner = name === undefined ? undefined : RUNNERS[name];
  const parsed = runner?.parse(words);
  if (!runner || !parsed) return undefined;
  const dir = parsed.dir === undefined ? cwd : joinInside(cwd, parsed.dir);
  if (dir === undefined) return undefined;
  const candidates: [string, Reader][] = parsed.file !== undefined ? [[parsed.file, runner.named ?? runner.files[0]![1]]] : runner.files;
  for (const [file, reader] of candidates) {
    const path = joinInside(dir, file);
    const tasks = path === undefined ? undefined : io.tasks(path, reader);
    if (path === undefined || !tasks) continue;
    const names = parsed.names.length > 0 ? parsed.names : tasks.defaults;
    // A file that knows none of the names does not run them: `pdm run python x.py` runs a command.
    if (!tasks.fallback && !names.some((n) => taskNamed(tasks, n))) return undefined;
    const folder = posix.dirname(path);
    return { file: path, tasks, names, label: runner.label, runsIn: runner.runsInCaller ? dir : folder === "." ? "" : folder };
  }
  return undefined;
}
