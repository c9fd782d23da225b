// Which project files a command runs as a program, and which it hands to a tool as the
// configuration to apply. Words only: whether the file exists is the caller's question.
import { posix } from "node:path";

/** Interpreters that run the script named after their options. */
const SHELLS = new Set(["bash", "sh", "zsh", "dash", "source", "."]);
const PYTHON = /^(python(3(\.\d+)?)?|py)$/;
/** Files that are configuration, never a program (a local reusable workflow, a Compose file). */
const NOT_PROGRAMS = /\.(ya?ml|json|toml|cfg|ini|md|txt|lock)$/;

/**
 * Tools that apply a configuration file (`kubectl apply -f monitoring/rules.yaml`, `az ml
 * schedule create -f monitor.yml`), with the options that name it; `*` takes plain words too.
 */
const APPLYING: Record<string, string[]> = {
  kubectl: ["-f", "--filename"],
  helm: ["-f", "--values"],
  az: ["-f", "--file"],
  gcloud: ["--config", "--source"],
  aws: ["--cli-input-json", "--cli-input-yaml", "--template-file"],
  sam: ["-t", "--template-file", "--template"],
  terraform: ["-var-file"],
  datacontract: ["*"],
  kustomize: ["*"],
};

export interface ProgramTarget {
  path: string;
  /** From `python -m pkg.mod`: found from the folder the command runs in only. */
  module?: true;
}

/** The files a command may run as a program, most likely first. `raw` are its words as written, `words` with wrappers looked through. */
export function programTargets(raw: string[], words: string[]): ProgramTarget[] {
  const module = pythonModule(raw);
  if (module)
    return ["", "src/"].flatMap((prefix) => [
      { path: `${prefix}${module}.py`, module: true as const },
      { path: `${prefix}${module}/__main__.py`, module: true as const },
    ]);
  const [first, ...rest] = words;
  if (first === undefined) return [];
  const head = posix.basename(first);
  const firstPlain = (skip = 0) => rest.slice(skip).find((w) => !w.startsWith("-"));
  let target: string | undefined;
  if (SHELLS.has(head) || PYTHON.test(head)) target = rest[0] === "-c" || rest[0] === "-m" ? undefined : firstPlain();
  // Notebooks run by papermill or Jupyter.
  else if (head === "papermill") target = firstPlain();
  else if (head === "jupyter" && (rest[0] === "nbconvert" || rest[0] === "execute")) target = rest.find((w) => w.endsWith(".ipynb"));
  // A path run directly, or a job's entry point written as a path (a Databricks python_file).
  else target = first.includes("/") || /\.(sh|bash|py|ipynb)$/.test(first) ? first : undefined;
  return target === undefined || NOT_PROGRAMS.test(target) || target.includes("@") ? [] : [{ path: target }];
}

/** Whether a program is a shell script, whose lines are commands to follow (Python and notebooks are code). */
export function scriptOf(path: string): boolean {
  return !/\.(py|ipynb)$/.test(path);
}

/** The configuration files a deployment tool is handed. */
export function appliedFiles(words: string[]): string[] {
  const options = APPLYING[posix.basename(words[0] ?? "")];
  if (!options) return [];
  const found: string[] = [];
  for (let i = 1; i < words.length && i < 64; i++) {
    const word = words[i]!;
    const eq = word.startsWith("-") ? word.indexOf("=") : -1;
    const [name, inline] = eq > 0 ? [word.slice(0, eq), word.slice(eq + 1)] : [word, undefined];
    if (options.includes(name)) {
      const value = inline ?? words[++i];
      if (value !== undefined) found.push(value.replace(/^file:\/\//, ""));
    } else if (options.includes("*") && !word.startsWith("-") && /\.(ya?ml|json)$/.test(word)) found.push(word);
  }
  return found;
}

/** `python -m churn.validate`: the module as a path (`churn/validate`); undefined for tools run as modules (pytest, pip). */
function pythonModule(words: string[]): string | undefined {
  const m = words.indexOf("-m");
  const before = words[m - 1] ?? "";
  const name =
    m > 0 && (/^(python(3(\.\d+)?)?|py)$/.test(posix.basename(before)) || /^\$[({]?(PY|\w*PYTHON\w*)[)}]?$/i.test(before))
      ? words[m + 1]
      : undefined;
  return name?.includes(".") && /^[A-Za-z_][\w.]*$/.test(name) ? name.replace(/\./g, "/") : undefined;
}
