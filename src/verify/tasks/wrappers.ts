// Wrappers that only prepare an environment for the real command (`uv run`, `poetry run`,
// `conda run`, `python -m`, `env`, `sudo`), looked through to find what a command runs.
import { posix } from "node:path";

/** Wrappers that run the command after them in a prepared environment, and their options that take a value. */
const WRAPPERS: Record<string, { then?: string; values: string[] }> = {
  env: { values: ["-u", "--unset", "-C", "--chdir", "-S"] },
  sudo: { values: ["-u", "-g", "-C"] },
  time: { values: [] },
  exec: { values: [] },
  nohup: { values: [] },
  command: { values: [] },
  "xvfb-run": { values: ["-n", "-s", "--server-args", "-e"] },
  npx: { values: ["-p", "--package"] },
  uvx: { values: ["--from", "--with", "--python", "-p"] },
  pipx: { then: "run", values: ["--spec"] },
  uv: { then: "run", values: ["--with", "--extra", "--group", "--package", "--python", "-p", "--env-file", "--directory", "--project", "--only-group", "--no-group", "--index", "--index-url"] },
  poetry: { then: "run", values: ["-C", "--directory", "-P", "--project"] },
  pipenv: { then: "run", values: [] },
  rye: { then: "run", values: [] },
  pixi: { then: "run", values: ["-e", "--environment", "--manifest-path"] },
  pdm: { then: "run", values: ["-p", "--project"] },
  hatch: { then: "run", values: [] },
  conda: { then: "run", values: ["-n", "--name", "-p", "--prefix", "--cwd"] },
  mamba: { then: "run", values: ["-n", "--name", "-p", "--prefix", "--cwd"] },
  micromamba: { then: "run", values: ["-n", "--name", "-p", "--prefix", "--cwd"] },
  coverage: { then: "run", values: ["--rcfile", "--source", "--omit", "--include", "--data-file", "--context", "--concurrency"] },
};

/** A command's words with environment settings and wrappers looked through: `FOO=1 uv run python -m pytest -q` is `pytest -q`. */
export function unwrap(words: string[]): string[] {
  let rest = words;
  for (let guard = 0; guard < 10 && rest.length > 0; guard++) {
    const first = rest[0]!;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first)) {
      rest = rest.slice(1);
      continue;
    }
    const head = posix.basename(first);
    // `$(PYTHON) -m pytest`: a variable named for Python, as Makefiles and scripts write it.
    if (/^python(3(\.\d+)?)?$|^py$/.test(head) || /^\$[({]?\w*PY\w*[)}]?$/i.test(first)) {
      // `python -m module args` runs the module as a command; `python -X opt -m` too.
      const m = rest.indexOf("-m");
      if (m < 0 || rest.slice(1, m).some((w) => !w.startsWith("-"))) return rest;
      rest = rest.slice(m + 1);
      continue;
    }
    const wrapper = WRAPPERS[head];
    if (!wrapper) return rest;
    let i = 1;
    if (wrapper.then !== undefined) {
      while (i < rest.length && rest[i]!.startsWith("-")) i += wrapper.values.includes(rest[i]!) ? 2 : 1;
      if (rest[i] !== wrapper.then) return rest;
      i++;
    }
    while (i < rest.length && (rest[i]!.startsWith("-") || (head === "env" && rest[i]!.includes("=")))) {
      // `coverage run -m pytest`: the module is the command.
      if (rest[i] === "-m" && head === "coverage") {
        i++;
        break;
      }
      i += wrapper.values.includes(rest[i]!) ? 2 : 1;
    }
    // `hatch run lint:check`: an environment's script, which the hatch runner reads; here, the word after it.
    if (head === "hatch" && rest[i]?.includes(":")) i++;
    rest = rest.slice(i);
  }
  return rest;
}
