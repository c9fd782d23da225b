// The Python project tools that run tasks, as runners.ts describes a runner: tox, nox, poe, hatch
// and PDM, whose tasks are in their own files or in pyproject.toml.
import { noxfile } from "./nox.js";
import { options } from "./runner-options.js";
import type { Runner } from "./runners.js";
import { hatch, pdm, poe } from "./script-tables.js";
import { pyproject, tomlFile } from "./task-file.js";
import { toxIni, toxToml } from "./tox.js";

export const PYTHON_RUNNERS: Record<string, Runner> = {
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
};
