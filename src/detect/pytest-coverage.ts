// A CI job that runs pytest runs every test file under its paths: the paths on its command line,
// else the `testpaths` of pytest's configuration, else the folder it runs in. A practice found
// in such a test file is therefore automated, with that job as its pointer. pytest is read,
// never run: its configuration comes from pytest.ini, pyproject.toml, tox.ini or setup.cfg,
// the first that holds a pytest section, as pytest itself looks.
import { posix } from "node:path";
import { parse as parseToml } from "smol-toml";
import { joinInside } from "../util/paths.js";
import type { PytestCall } from "../verify/tasks/expand.js";
import { readIni } from "../verify/tasks/ini.js";

/** pytest options that take the next word as their value. */
const VALUE_OPTIONS = new Set([
  "-k",
  "-m",
  "-n",
  "-p",
  "-c",
  "-o",
  "-W",
  "-r",
  "--maxfail",
  "--durations",
  "--ignore",
  "--ignore-glob",
  "--deselect",
  "--rootdir",
  "--confcutdir",
  "--basetemp",
  "--junitxml",
  "--junit-xml",
  "--cov-report",
  "--cov-config",
  "--timeout",
  "--log-level",
  "--log-file",
  "--dist",
  "--tb",
  "--numprocesses",
  "--reruns",
  "--html",
  "--override-ini",
  "--import-mode",
  "--cov-fail-under",
  "--benchmark-json",
  "--splits",
  "--group",
  "--color",
  "--capture",
]);

/** The folders and files a pytest run collects from, relative to the project root ("" is the root). */
export function collected(call: PytestCall, readConfig: (path: string) => string | undefined): string[] {
  const paths: string[] = [];
  for (let i = 0; i < call.args.length; i++) {
    const arg = call.args[i]!;
    if (arg === "--") continue;
    if (arg.startsWith("-")) {
      if (VALUE_OPTIONS.has(arg)) i++;
      // pytest-cov's `--cov [SOURCE]`: the source, unless the next word names tests.
      else if (arg === "--cov" && call.args[i + 1] !== undefined && !call.args[i + 1]!.startsWith("-") && !/test/i.test(call.args[i + 1]!))
        i++;
      continue;
    }
    // `tests/test_x.py::test_case` collects from its file; an argument with a variable says nothing.
    const path = arg.split("::")[0]!;
    if (/[$*{]/.test(path)) continue;
    const joined = joinInside(call.dir, path);
    if (joined !== undefined) paths.push(joined);
  }
  if (paths.length > 0) return paths;
  const configured = testpaths(call.dir, readConfig);
  return configured ?? [call.dir];
}

/** Whether a file lies under one of the collected paths. */
export function isCollected(file: string, paths: string[]): boolean {
  return paths.some((p) => p === "" || file === p || file.startsWith(`${p}/`));
}

/** pytest's default test file names: test_*.py and *_test.py. */
export function isTestFile(file: string): boolean {
  const name = posix.basename(file);
  return /^test_.*\.py$/.test(name) || /_test\.py$/.test(name);
}

/** The `testpaths` of the pytest configuration in a folder, relative to the project root. */
function testpaths(dir: string, readConfig: (path: string) => string | undefined): string[] | undefined {
  const at = (file: string) => (dir === "" ? file : `${dir}/${file}`);
  const fromIni = (file: string, section: string): string[] | null | undefined => {
    const text = readConfig(at(file));
    if (text === undefined) return undefined;
    const found = readIni(text).get(section);
    if (!found) return undefined; // no pytest section: pytest looks further
    const value = found.get("testpaths")?.value;
    return value === undefined ? null : value.split(/\s+/).filter((w) => w !== "");
  };
  const fromPyproject = (): string[] | null | undefined => {
    const text = readConfig(at("pyproject.toml"));
    if (text === undefined) return undefined;
    let options: unknown;
    try {
      options = (parseToml(text) as { tool?: { pytest?: { ini_options?: unknown } } }).tool?.pytest?.ini_options;
    } catch {
      return undefined;
    }
    if (options === null || typeof options !== "object") return undefined;
    const value = (options as { testpaths?: unknown }).testpaths;
    return Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(/\s+/).filter((w) => w !== "") : null;
  };
  // pytest's own order: the first file with a pytest section is the configuration.
  for (const read of [
    () => fromIni("pytest.ini", "pytest"),
    fromPyproject,
    () => fromIni("tox.ini", "pytest"),
    () => fromIni("setup.cfg", "tool:pytest"),
  ]) {
    const found = read();
    if (found === undefined) continue;
    if (found === null || found.length === 0) return undefined;
    return found.flatMap((p) => joinInside(dir, p) ?? []);
  }
  return undefined;
}
