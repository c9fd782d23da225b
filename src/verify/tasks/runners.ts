// The task runners mltest follows, as data: how each is called on a command line, which file
// holds its tasks, and which reader (task-file readers of this folder) turns that file into
// tasks.
import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import { isRecord } from "../../util/own.js";
import { joinInside } from "../../util/paths.js";
import { dvcYaml } from "./dvc.js";
import { justfile } from "./just.js";
import { makefile } from "./make.js";
import { mise } from "./mise.js";
import { noxfile } from "./nox.js";
import { packageScripts } from "./npm.js";
import { hatch, pdm, poe } from "./script-tables.js";
import { type TaskFile, taskNamed } from "./task-file.js";
import { toxIni, toxToml } from "./tox.js";

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

export type Reader = (text: string) => TaskFile | undefined;

/** What a runner's command line asks for: folder and file options, the task names (none: its default). */
interface Parsed {
  dir?: string;
  file?: string;
  names: string[];
}

interface Runner {
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

/** Options that make a runner list, describe or only pretend: it runs nothing. */
const NOT_RUNNING = new Set([
  "-n",
  "--dry-run",
  "--just-print",
  "--recon",
  "-q",
  "--question",
  "-p",
  "--print-data-base",
  "-l",
  "--list",
  "--show",
  "-s",
  "--summary",
  "--dump",
  "--evaluate",
  "--choose",
  "--dry",
  "--queue",
  "--help",
  "-h",
  "--version",
]);
const runsNothing = (words: string[], flags: string[]) => words.some((w) => flags.includes(w) && NOT_RUNNING.has(w));

const toml = (text: string): Record<string, unknown> | undefined => {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
/** A pyproject.toml's tasks for one tool, read only when it has the tool's table (else the runner looks further). */
const pyproject = (tool: string, read: (doc: Record<string, unknown>) => TaskFile) => (text: string) => {
  const doc = toml(text);
  const tools = doc?.tool;
  return doc && isRecord(tools) && isRecord(tools[tool]) ? read(doc) : undefined;
};
const tomlFile = (read: (doc: Record<string, unknown>) => TaskFile) => (text: string) => {
  const doc = toml(text);
  return doc ? read(doc) : undefined;
};

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
  tox: {
    parse: (words) => {
      const rest = words.slice(1);
      if (rest[0] === "run" || rest[0] === "r" || rest[0] === "p" || rest[0] === "run-parallel") rest.shift();
      // Another subcommand (list, config, devenv…) runs no env; labels and factors select envs mltest does not resolve.
      else if (rest[0] !== undefined && !rest[0].startsWith("-")) return undefined;
      const stop = rest.indexOf("--");
      const own = stop < 0 ? rest : rest.slice(0, stop);
      if (
        own.some((w) =>
          [
            "-m",
            "-f",
            "--labels",
            "--factors",
            "-l",
            "--list-envs",
            "-a",
            "--listenvs-all",
            "--showconfig",
            "--help",
            "-h",
            "--version",
          ].includes(w),
        )
      )
        return undefined;
      // `-p`/`--parallel` may take a value (`auto`, a number).
      const parsed = options(
        own.filter((w, i) => !(/^(auto|all|\d+)$/.test(w) && ["-p", "--parallel"].includes(own[i - 1] ?? ""))),
        { "-e": "names", "-c": "file", "--conf": "file", "--root": "dir", "-x": "", "--override": "" },
        () => false,
      );
      return parsed && { ...parsed, names: parsed.names.flatMap((n) => n.split(",")).filter((n) => n !== "") };
    },
    files: [
      ["tox.ini", toxIni],
      ["tox.toml", tomlFile(toxToml)],
      ["pyproject.toml", pyproject("tox", toxToml)],
    ],
    named: (text) => tomlFile(toxToml)(text) ?? toxIni(text),
    label: (name) => `tox -e ${name}`,
  },
  nox: {
    // Sessions picked by keyword or tag, or only listed, are not resolved.
    parse: (words) =>
      words.some((w) =>
        ["-l", "--list", "--list-sessions", "-k", "--keywords", "-t", "--tags", "--json", "--help", "-h", "--version"].includes(w),
      )
        ? undefined
        : options(
            words.slice(1),
            {
              "-s": "names+",
              "--session": "names+",
              "--sessions": "names+",
              "-e": "names+",
              "-f": "file",
              "--noxfile": "file",
              "-p": "",
              "--python": "",
            },
            () => false,
          ),
    files: [["noxfile.py", noxfile]],
    named: noxfile,
    label: (name) => `nox -s ${name}`,
  },
  poe: {
    parse: (words) => {
      const parsed = options(words.slice(1), { "-C": "dir", "--directory": "dir", "--root": "dir", "-e": "", "--executor": "" });
      return parsed && { ...parsed, names: parsed.names.slice(0, 1) };
    },
    files: [
      ["pyproject.toml", pyproject("poe", poe)],
      ["poe_tasks.toml", tomlFile(poe)],
    ],
    label: (name) => `poe ${name}`,
  },
  hatch: {
    parse: (words) => {
      const env = words[1] === "-e" || words[1] === "--env" ? words[2] : undefined;
      const rest = words.slice(env === undefined ? 1 : 3);
      if (rest[0] !== "run" || rest[1] === undefined) return undefined;
      const name = rest[1].includes(":") || env === undefined ? rest[1] : `${env}:${rest[1]}`;
      return { names: [name] };
    },
    files: [
      ["hatch.toml", tomlFile(hatch)],
      ["pyproject.toml", pyproject("hatch", hatch)],
    ],
    label: (name) => `hatch run ${name}`,
  },
  pdm: {
    parse: (words) => {
      const name = words[1] === "run" ? words[2] : words[1];
      return name === undefined || name.startsWith("-") ? undefined : { names: [name] };
    },
    files: [["pyproject.toml", pyproject("pdm", pdm)]],
    label: (name) => `pdm run ${name}`,
  },
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

/**
 * Reads a runner's options: `values` names the options that take the next word (as the folder,
 * the file, or task names; "names+" takes every word up to the next option). Other words are task
 * names when `isName` says so. Undefined for an option without its value.
 */
function options(words: string[], values: Record<string, string>, isName: (word: string) => boolean = () => true): Parsed | undefined {
  const parsed: Parsed = { names: [] };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const [option, inline] =
      word.startsWith("--") && word.includes("=")
        ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
        : [word, undefined];
    const role = values[option];
    if (role !== undefined) {
      const value = inline ?? words[++i];
      if (value === undefined) return undefined;
      if (role === "dir") parsed.dir = value;
      else if (role === "file") parsed.file = value;
      else if (role === "names") parsed.names.push(value);
      else if (role === "names+") {
        parsed.names.push(value);
        while (i + 1 < words.length && !words[i + 1]!.startsWith("-")) parsed.names.push(words[++i]!);
      }
    } else if (!word.startsWith("-") && isName(word)) parsed.names.push(word);
  }
  return parsed;
}

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
