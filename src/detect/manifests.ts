// Dependency names from the manifests of Python and Node projects, each with the line it is on.
// Every format is read with its own parser (TOML, YAML, JSON); requirements files and setup.cfg
// are line formats, read line by line.
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { isRecord } from "../util/own.js";

export interface Dependency {
  /** Normalised as PEP 503 does: lower case, runs of -, _ and . as one -. */
  name: string;
  line: number;
}

/** Which manifest a file is, by its name; undefined for any other file. */
export function manifestKind(path: string): "requirements" | "pyproject" | "setup.cfg" | "conda" | "pipfile" | "package.json" | undefined {
  const name = path.split("/").pop() ?? "";
  if (/^requirements.*\.(txt|in)$/.test(name)) return "requirements";
  if (name === "pyproject.toml") return "pyproject";
  if (name === "setup.cfg") return "setup.cfg";
  if (name === "environment.yml" || name === "environment.yaml") return "conda";
  if (name === "Pipfile") return "pipfile";
  if (name === "package.json") return "package.json";
  return undefined;
}

export function normalise(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
}

/** The names a manifest depends on. A file that does not parse yields none. */
export function dependencies(path: string, text: string): Dependency[] {
  const lines = text.split(/\r?\n/);
  // Structured formats lose positions when parsed; find each name's first line afterwards.
  const located = (names: string[]): Dependency[] => {
    const first = firstLines(lines, new Set(names.map(normalise)));
    return [...new Set(names.map(normalise))].map((name) => ({ name, line: first.get(name) ?? 1 }));
  };
  try {
    switch (manifestKind(path)) {
      case "requirements":
        return lines.flatMap((line, i) => {
          const name = requirementName(line);
          return name ? [{ name: normalise(name), line: i + 1 }] : [];
        });
      case "setup.cfg":
        return setupCfg(lines);
      case "pyproject": {
        const doc = table(parseToml(text));
        const project = table(doc.project);
        const poetry = table(table(doc.tool).poetry);
        return located(
          [
            ...asStrings(project.dependencies).map(requirementName),
            ...Object.values(table(project["optional-dependencies"])).flatMap((d) => asStrings(d).map(requirementName)),
            ...Object.values(table(doc["dependency-groups"])).flatMap((d) => asStrings(d).map(requirementName)),
            ...Object.keys(table(poetry.dependencies)),
            ...Object.keys(table(poetry["dev-dependencies"])),
            ...Object.values(table(poetry.group)).flatMap((g) => Object.keys(table(table(g).dependencies))),
          ].filter((n): n is string => !!n),
        );
      }
      case "pipfile": {
        const doc = table(parseToml(text));
        return located([...Object.keys(table(doc.packages)), ...Object.keys(table(doc["dev-packages"]))]);
      }
      case "conda": {
        // yaml's duplicate-key check is quadratic in a map's size: off, as in load/yaml.ts.
        const doc = parseYaml(text, { maxAliasCount: 100, uniqueKeys: false }) as { dependencies?: unknown[] } | null;
        const entries = doc?.dependencies ?? [];
        const pip = entries.flatMap((e) => (isRecord(e) && Array.isArray(e.pip) ? (e.pip as unknown[]) : []));
        const conda = entries
          .filter((e): e is string => typeof e === "string")
          .map(
            (e) =>
              e
                .split(/[=<>!~\s]/)[0]!
                .split("::")
                .pop()!,
          );
        return located([...conda, ...asStrings(pip).map(requirementName)].filter((n): n is string => !!n));
      }
      case "package.json": {
        const doc = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
        return located([...Object.keys(doc.dependencies ?? {}), ...Object.keys(doc.devDependencies ?? {})]);
      }
      default:
        return [];
    }
  } catch {
    return [];
  }
}

/**
 * The project name a PEP 508 requirement line starts with: "pandera[io]>=0.18 ; python_version…"
 * gives "pandera". Comments, options (-r, -e, --hash) and URLs give nothing.
 */
function requirementName(line: string): string | undefined {
  const text = withoutComment(line, "#").trim();
  if (!text || text.startsWith("-") || /^[a-z+]+:\/\//i.test(text)) return undefined;
  // PEP 508 names: letters, digits, and . _ - inside; the name ends at the first other character.
  let end = 0;
  while (end < text.length && /[A-Za-z0-9._-]/.test(text[end]!)) end++;
  return end > 0 ? text.slice(0, end) : undefined;
}

/**
 * setup.cfg is INI: requirements are the values of [options] install_requires (and
 * tests_require), and every key of [options.extras_require], on the key's line or indented below.
 */
function setupCfg(lines: string[]): Dependency[] {
  let section = "";
  let key = "";
  const found: Dependency[] = [];
  const wanted = () =>
    (section === "options" && (key === "install_requires" || key === "tests_require")) || section === "options.extras_require";
  lines.forEach((raw, i) => {
    const line = withoutComment(withoutComment(raw, "#"), ";");
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    let value = trimmed;
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      section = trimmed.slice(1, -1).trim();
      key = "";
      return;
    }
    if (!/^\s/.test(line)) {
      const eq = trimmed.search(/[=:]/);
      if (eq < 0) return;
      key = trimmed.slice(0, eq).trim();
      value = trimmed.slice(eq + 1).trim();
    }
    const name = wanted() && value ? requirementName(value) : undefined;
    if (name) found.push({ name: normalise(name), line: i + 1 });
  });
  return found;
}

/**
 * A line up to its comment: `mark` at the start, or after white space. Found by scanning, not by a
 * regular expression, which backtracks over a line of many " #".
 */
function withoutComment(line: string, mark: string): string {
  for (let at = line.indexOf(mark); at !== -1; at = line.indexOf(mark, at + 1)) {
    if (at === 0 || /\s/.test(line[at - 1]!)) return line.slice(0, at === 0 ? 0 : at - 1);
  }
  return line;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The first line that holds each name as a whole word ("shap", not "shapely"): one pass over the
 * words, however many names a manifest lists.
 */
function firstLines(lines: string[], names: Set<string>): Map<string, number> {
  const first = new Map<string, number>();
  lines.forEach((line, i) => {
    for (const word of line.split(/[^A-Za-z0-9._-]+/)) {
      const name = word && normalise(word);
      if (name && names.has(name) && !first.has(name)) first.set(name, i + 1);
    }
  });
  return first;
}

/** A TOML table, or an empty one where the file has something else. */
function table(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
