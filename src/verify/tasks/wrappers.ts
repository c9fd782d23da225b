// Wrappers that only prepare an environment for the real command (`uv run`, `poetry run`,
// `conda run`, `python -m`, `env`, `sudo`, `timeout`), looked through to find what a command
// runs, and the folder some of them move it to (`uv run --directory x`, `conda run --cwd x`).
import { posix } from "node:path";

interface Wrapper {
  /** The subcommand that runs the command after it (`uv run`); none when the command follows directly. */
  then?: string;
  /** Options that take the next word as their value. */
  values: string[];
  /** Options whose value is the folder the command runs in. */
  folders?: string[];
  /** Plain words the wrapper takes before the command (`timeout 20m`). */
  positional?: number;
}

const CONDA = { then: "run", values: ["-n", "--name", "-p", "--prefix", "--cwd"], folders: ["--cwd"] };

const WRAPPERS: Record<string, Wrapper> = {
  env: { values: ["-u", "--unset", "-C", "--chdir", "-S"], folders: ["-C", "--chdir"] },
  sudo: { values: ["-u", "-g", "-C", "-D"], folders: ["-D"] },
  time: { values: [] },
  exec: { values: [] },
  nohup: { values: [] },
  command: { values: [] },
  nice: { values: ["-n"] },
  timeout: { values: ["-s", "--signal", "-k", "--kill-after"], positional: 1 },
  "xvfb-run": { values: ["-n", "-s", "--server-args", "-e"] },
  npx: { values: ["-p", "--package"] },
  uvx: { values: ["--from", "--with", "--python", "-p"] },
  pipx: { then: "run", values: ["--spec"] },
  uv: {
    then: "run",
    values: [
      "--with",
      "--extra",
      "--group",
      "--package",
      "--python",
      "-p",
      "--env-file",
      "--directory",
      "--project",
      "--only-group",
      "--no-group",
      "--index",
      "--index-url",
    ],
    folders: ["--directory"],
  },
  poetry: { then: "run", values: ["-C", "--directory", "-P", "--project"], folders: ["-C", "--directory"] },
  pipenv: { then: "run", values: [] },
  rye: { then: "run", values: [] },
  pixi: { then: "run", values: ["-e", "--environment", "--manifest-path"] },
  pdm: { then: "run", values: ["-p", "--project"] },
  hatch: { then: "run", values: [] },
  conda: CONDA,
  mamba: CONDA,
  micromamba: CONDA,
  coverage: { then: "run", values: ["--rcfile", "--source", "--omit", "--include", "--data-file", "--context", "--concurrency"] },
  // Launchers run a script after their own options.
  torchrun: {
    values: [
      "--nproc_per_node",
      "--nproc-per-node",
      "--nnodes",
      "--node_rank",
      "--node-rank",
      "--master_addr",
      "--master_port",
      "--rdzv_endpoint",
      "--rdzv_backend",
      "--rdzv_id",
      "--max_restarts",
    ],
  },
  accelerate: {
    then: "launch",
    values: ["--config_file", "--num_processes", "--num_machines", "--mixed_precision", "--main_process_port"],
  },
};

/** Python's own options that take a value: `python -X dev -m pytest`. */
const PYTHON_VALUES = new Set(["-X", "-W"]);

export interface Unwrapped {
  words: string[];
  /** The folder the wrappers move the command to, relative to where it was; null when a wrapper names one mltest cannot know (`--directory $DIR`). */
  dir?: string | null;
}

/** A command's words with environment settings and wrappers looked through: `FOO=1 uv run python -m pytest -q` is `pytest -q`. */
export function unwrap(words: string[]): Unwrapped {
  let rest = words;
  let dir: string | null | undefined;
  const moveTo = (folder: string) => {
    if (dir === null) return;
    dir =
      folder.includes("$") || folder.startsWith("/") || folder.startsWith("~")
        ? null
        : dir === undefined
          ? folder
          : posix.join(dir, folder);
  };
  for (let guard = 0; guard < 10 && rest.length > 0; guard++) {
    const first = rest[0]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
      rest = rest.slice(1);
      continue;
    }
    const head = posix.basename(first);
    // `$(PYTHON) -m pytest`: a variable named for Python, as Makefiles and scripts write it.
    if (/^python(3(\.\d+)?)?$|^py$/.test(head) || /^\$[({]?(PY|\w*PYTHON\w*)[)}]?$/i.test(first)) {
      // `python -m module args` runs the module as a command; `python -u -X dev -m` too.
      let i = 1;
      while (i < rest.length && rest[i] !== "-m" && rest[i]!.startsWith("-") && rest[i] !== "-c") i += PYTHON_VALUES.has(rest[i]!) ? 2 : 1;
      if (rest[i] !== "-m") return { words: rest, dir };
      rest = rest.slice(i + 1);
      continue;
    }
    const wrapper = WRAPPERS[head];
    if (!wrapper) break;
    let i = 1;
    const option = (): void => {
      const word = rest[i]!;
      const [name, inline] =
        word.startsWith("--") && word.includes("=")
          ? [word.slice(0, word.indexOf("=")), word.slice(word.indexOf("=") + 1)]
          : [word, undefined];
      const takesValue = inline === undefined && wrapper.values.includes(name);
      const value = inline ?? (takesValue ? rest[i + 1] : undefined);
      if (value !== undefined && wrapper.folders?.includes(name)) moveTo(value);
      i += takesValue ? 2 : 1;
    };
    if (wrapper.then !== undefined) {
      while (i < rest.length && rest[i]!.startsWith("-")) option();
      if (rest[i] !== wrapper.then) break;
      i++;
    }
    while (i < rest.length && (rest[i]!.startsWith("-") || (head === "env" && rest[i]!.includes("=")))) {
      // `coverage run -m pytest`: the module is the command.
      if (rest[i] === "-m" && head === "coverage") {
        i++;
        break;
      }
      option();
    }
    i += wrapper.positional ?? 0;
    // `hatch run lint:check`: an environment's script, which the hatch runner reads; here, the word after it.
    if (head === "hatch" && rest[i]?.includes(":")) i++;
    rest = rest.slice(i);
  }
  return { words: rest, dir };
}
