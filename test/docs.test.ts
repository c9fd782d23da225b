// The documents say what the program does. The README is a newcomer's page of at most 300 lines:
// its sample report is what the command prints, its table of examples holds the scores mltest
// computes, and its set-up commands run. Across the README, CONTRIBUTING.md and docs/ (but the
// generated docs/rubric.md): every mltest command line shown in a shell block or a CI file runs
// (those that cannot run here are listed in NOT_RUN, with the reason), every transcript
// (`$ mltest …` and what follows) is what the command prints, every evidence file shown is valid,
// every `npm run` script and action input named exists, and every relative link, anchor included,
// resolves. Figures the reference states are what mltest computes: the worked example, the
// detector count, the JSON report's keys.

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { reportSchema } from "../src/schema/report.js";
import { DOCUMENTS } from "./documents.js";
import { AS_OF, BIN, caseFolders, environment, mltest, ROOT } from "./run.js";

const text = (file: string) => readFileSync(join(ROOT, file), "utf8");
const README = text("README.md");

// ---------------------------------------------------------------------------------------------
// What the documents show

interface Block {
  file: string;
  lang: string;
  /** The block's lines, its fence's indentation removed. */
  lines: string[];
}

/** Every fenced block of a document. */
function blocks(file: string): Block[] {
  return [...text(file).matchAll(/^( *)```(\w*)\n([\s\S]*?)^ *```/gm)].map((m) => ({
    file,
    lang: m[2]!,
    lines: m[3]!
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => line.slice(m[1]!.length)),
  }));
}

/** A command line's words: whitespace-separated, with '…' and "…" quoting. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** One command a document shows, in the block (and so the folder) it shares with its neighbours. */
interface Shown {
  file: string;
  block: number;
  /** As written, its comment removed. */
  text: string;
  /** mltest's arguments; undefined for any other command. */
  args?: string[];
  /** `> FILE`: the file the document says the output goes to. */
  redirect?: string;
}

const MLTEST = /^(?:npx mltest|mltest|node dist\/mltest\.cjs)(?:\s|$)/;

/** A shell line's commands (`a && b`), each with mltest's arguments when it runs mltest. */
function commands(line: string): Omit<Shown, "file" | "block">[] {
  return line
    .replace(/^\$ /, "")
    .replace(/\s+#.*$/, "")
    .split(/\s*&&\s*/)
    .filter(Boolean)
    .map((command) => {
      if (!MLTEST.test(command)) return { text: command };
      const [head, redirect] = command.split(/\s+>\s+/);
      return { text: command, args: words(head!.replace(MLTEST, "")), ...(redirect && { redirect: redirect.trim() }) };
    });
}

/** Every command shown in a shell block or a YAML (CI or pre-commit) block of `file`. */
function shown(file: string): Shown[] {
  return blocks(file).flatMap((b, block) => {
    const found: Omit<Shown, "file" | "block">[] = [];
    if (["sh", "shell", "bash", "console"].includes(b.lang)) {
      for (const line of b.lines) if (line.trim() && !line.trim().startsWith("#")) found.push(...commands(line.trim()));
    } else if (b.lang === "yaml") {
      // CI steps: `run:` lines, and the items of a GitLab job's `script:` lists.
      let script: number | undefined;
      b.lines.forEach((line, i) => {
        const indent = /^ */.exec(line)![0].length;
        if (script !== undefined && indent <= script && !/^ *- /.test(line.slice(script))) script = undefined;
        const run = /^\s*(?:- )?run: (.+)$/.exec(line) ?? (script !== undefined ? /^\s*- (.+)$/.exec(line) : null);
        if (run) found.push(...commands(run[1]!.trim()));
        if (/^\s*(?:before_|after_)?script:\s*$/.test(line)) script = indent;
        // A pre-commit hook: `mltest` runs `mltest score`, `mltest-validate` runs `mltest validate`, with its args.
        const hook = /^\s*- id: (mltest|mltest-validate)$/.exec(line);
        if (hook) {
          const args = /^\s*args: (\[.*\])$/.exec(b.lines[i + 1] ?? "");
          const extra = args ? (parseYaml(args[1]!) as unknown[]).map(String) : [];
          const command = hook[1] === "mltest" ? "score" : "validate";
          found.push({ text: `pre-commit hook ${hook[1]}: mltest ${[command, ...extra].join(" ")}`, args: [command, ...extra] });
        }
      });
    }
    return found.map((c) => ({ ...c, file, block }));
  });
}

const SHOWN = DOCUMENTS.flatMap(shown);

/**
 * Commands shown that name mltest but do not run it here, and why. Every other command line that
 * names mltest is run by the tests below.
 */
const NOT_RUN: Record<string, string> = {
  "npm install --save-dev --save-exact mltest@0.1.0":
    "installs from the npm registry, a network; package.test.ts installs the packed tarball offline and runs it",
  "npm install --global mltest@0.1.0": "installs from the npm registry, a network; package.test.ts installs the packed tarball",
  'npm install --global --no-audit --no-fund "mltest@${MLTEST_VERSION}"':
    "a GitLab job's install from the npm registry, a network; package.test.ts installs the packed tarball",
  'cat mltest.md >> "$GITHUB_STEP_SUMMARY"':
    "$GITHUB_STEP_SUMMARY exists only in a GitHub Actions job; the line before it, which writes mltest.md, is run",
};

/** What a command shown needs in its folder before it runs, as the page assumes it. */
const BEFORE: { when: RegExp; why: string; prepare: (dir: string) => void }[] = [
  {
    when: /^(npx )?mltest init$/,
    why: "init writes a new mltest.yaml: the project it is shown for has none yet",
    prepare: (dir) => rmSync(join(dir, "mltest.yaml")),
  },
  {
    when: /--baseline reports\/last-review\.json/,
    why: "the earlier review's JSON report, which the checklist compares with",
    prepare: (dir) => {
      expect(run(dir, ["score", ".", "--format", "json", "-o", "reports/last-review.json"]).status).not.toBe(2);
    },
  },
  {
    when: /^mltest fleet reports\//,
    why: "a folder of collected reports and the owners, scope and campaigns files docs/fleet.md describes",
    prepare: (dir) => {
      expect(run(dir, ["score", ".", "--format", "json", "-o", "reports/this/report.json"]).status).not.toBe(2);
      writeFileSync(join(dir, "owners.yaml"), "owners:\n  github.com/acme/fraud: payments\n");
      writeFileSync(join(dir, "scope.yaml"), "repositories: [github.com/acme/fraud]\n");
      writeFileSync(
        join(dir, "campaigns.yaml"),
        "campaigns:\n  - id: monitoring-2027\n    title: Monitoring for every model\n    target: { minSection: { monitor: 2 } }\n    deadline: 2027-03-31\n",
      );
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Running them

function run(dir: string, args: string[]) {
  const env = environment(); // as test/run.ts runs it: no CI variables, fixed generation time
  return spawnSync(BIN, args, { cwd: dir, env, encoding: "utf8" });
}

const folders = caseFolders("mltest-docs-");
/** A copy of examples/fraud-scoring: the project a command shown for `.` runs in, as its CI would. */
const projectCopy = () => {
  const dir = folders();
  cpSync(join(ROOT, "examples/fraud-scoring"), dir, { recursive: true });
  return dir;
};
/** A copy of the shipped examples, for commands that name `examples/…` (so that nothing is written into the repository). */
let examplesCopy: string | undefined;
const examplesRoot = () => {
  if (!examplesCopy) {
    examplesCopy = folders();
    cpSync(join(ROOT, "examples"), join(examplesCopy, "examples"), { recursive: true });
  }
  return examplesCopy;
};

/** The files a command line says it writes. */
function written(args: string[]): string[] {
  return args.flatMap((arg, i) => {
    const next = args[i + 1];
    if ((arg === "-o" || arg === "--output") && next) return [next];
    if (arg === "--report" && next) return [next.slice(next.indexOf("=") + 1)];
    if (arg === "--baseline" && args.includes("--update-baseline") && next) return [next];
    return [];
  });
}

describe("README.md", () => {
  it("has at most 300 lines", () => {
    expect(README.split("\n").length - 1).toBeLessThanOrEqual(300);
  });

  it("shows a sample report that is, line for line and in order, what the command prints", () => {
    const block = /## What a report looks like\n\n```text\n([\s\S]*?)```/
      .exec(README)![1]!
      .split("\n")
      .filter((l) => l !== "");
    const [prompt, ...lines] = block;
    expect(prompt).toMatch(/^\$ npx mltest /);
    const printed = mltest(...prompt!.replace(/^\$ npx mltest /, "").split(" "), "--no-color");
    expect(printed.status).toBe(0);
    expectInOrder(lines, printed.stdout);
  });

  it("gives each example's section and final scores as mltest computes them on the date it names", () => {
    const table = README.slice(README.indexOf("The five examples under `examples/`"));
    const date = /as of (\d{4}-\d{2}-\d{2})/.exec(table)![1]!;
    const rows = [...table.matchAll(/^\| `([\w-]+)` \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| \*\*([\d.]+)\*\* \| ([^|;]+)/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual([
      "demand-forecast",
      "fraud-scoring",
      "mature-recommender",
      "payments-risk",
      "research-prototype",
    ]);
    for (const [, name, ...figures] of rows) {
      const report = jsonReport(`examples/${name}`, date);
      const sections = ["data", "model", "infra", "monitor"].map((id) => report.sections.find((s) => s.id === id)!.score);
      expect([...sections, report.final.score].map(String), name).toEqual(figures.slice(0, 5));
      expect(report.final.band.label, name).toBe(figures[5]!.trim());
    }
  });

  it("runs the commands it shows for the shipped examples (set-up and sample)", () => {
    const commands = [...README.matchAll(/npx mltest (score examples\/[^\n`]*)/g)].map((m) => m[1]!.trim());
    expect(commands.length).toBeGreaterThanOrEqual(2);
    // The set-up's two commands: install and score a shipped example, then the whole test suite.
    expect(README).toContain("```sh\nnpm ci && npx mltest score examples/fraud-scoring\nnpm test\n```");
    for (const command of commands) {
      const r = mltest(...command.split(" "));
      expect(r.status, command).not.toBe(2);
      expect(r.stderr, command).toBe("");
    }
  });
});

function expectInOrder(lines: string[], output: string) {
  const printed = output.split("\n");
  let at = 0;
  for (const line of lines.filter((l) => l !== "" && l !== "…")) {
    const found = printed.indexOf(line, at);
    expect(found, `line not printed (in order): ${line}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
}

function jsonReport(dir: string, date: string) {
  const r = mltest("score", dir, "--format", "json", "--as-of", date);
  return reportSchema().parse(JSON.parse(r.stdout));
}

describe.each(DOCUMENTS)("%s", (file) => {
  const mine = SHOWN.filter((c) => c.file === file);

  it("runs every mltest command line it shows in a shell block or a CI file, in order, each block in its own project", () => {
    const byBlock = new Map<number, Shown[]>();
    for (const c of mine) byBlock.set(c.block, [...(byBlock.get(c.block) ?? []), c]);
    for (const commands of byBlock.values()) {
      let project: string | undefined;
      for (const command of commands) {
        if (!command.args) {
          if (/\bmltest\b/.test(command.text))
            expect(NOT_RUN, `${command.text}: run it, or say in NOT_RUN why not`).toHaveProperty([command.text]);
          continue;
        }
        const examples = command.args.some((a) => a.startsWith("examples/"));
        if (!examples && project === undefined) project = projectCopy();
        const dir = examples ? examplesRoot() : project!;
        for (const step of BEFORE) if (step.when.test(command.text)) step.prepare(dir);
        const r = run(dir, command.args);
        expect(r.status, `${command.text}\n${r.stderr}`).not.toBe(2);
        expect(r.status, `${command.text}\n${r.stderr}`).not.toBe(null);
        if (examples) expect(r.stderr, command.text).toBe("");
        for (const path of written(command.args)) expect(existsSync(join(dir, path)), `${command.text}: ${path}`).toBe(true);
        if (command.redirect) expect(r.stdout, command.text).toBe(text(command.redirect));
      }
    }
  });

  it("shows transcripts that are what the command prints", () => {
    for (const b of blocks(file).filter((b) => b.lang === "text" && /^\$ (npx )?mltest /.test(b.lines[0]!))) {
      const [prompt, ...lines] = b.lines;
      const args = words(prompt!.replace(/^\$ (npx )?mltest /, ""));
      const r = run(args.some((a) => a.startsWith("examples/")) ? examplesRoot() : ROOT, args);
      expect(r.status, prompt).not.toBe(2);
      expectInOrder(lines, r.stdout);
    }
  });

  it("shows only evidence files that are valid", () => {
    for (const b of blocks(file).filter((b) => b.lang === "yaml" && b.lines[0]!.startsWith("project:"))) {
      const r = run(folders({ "mltest.yaml": `${b.lines.join("\n")}\n` }), ["validate", "--syntax-only"]);
      expect(r.stderr, b.lines[0]).toBe("");
      expect(r.status).toBe(0);
    }
  });

  it("names only npm scripts that exist, and only inputs the action has", () => {
    const scripts = (JSON.parse(text("package.json")) as { scripts: Record<string, string> }).scripts;
    for (const [, name] of text(file).matchAll(/\bnpm run (?:--silent )?([a-z][\w-]*)/g))
      expect(scripts, `npm run ${name}`).toHaveProperty([name!]);
    const inputs = Object.keys((parseYaml(text("action.yml")) as { inputs: Record<string, unknown> }).inputs);
    for (const b of blocks(file).filter((b) => b.lang === "yaml" && b.lines.some((l) => /uses: \S+\/mltest@/.test(l)))) {
      for (const step of findSteps(parseYaml(b.lines.join("\n"))))
        for (const input of Object.keys(step.with ?? {})) expect(inputs, `${file}: input ${input}`).toContain(input);
    }
  });

  it("links only to files and headings that exist", () => {
    for (const { target, line } of links(file)) {
      const [path, anchor] = target.split("#") as [string, string | undefined];
      const to = path === "" ? file : normalize(join(dirname(file), path));
      expect(existsSync(join(ROOT, to)), `${file}:${line}: ${target}`).toBe(true);
      if (anchor !== undefined) {
        expect(statSync(join(ROOT, to)).isFile() && to.endsWith(".md"), `${file}:${line}: ${target}`).toBe(true);
        expect(anchors(to), `${file}:${line}: ${target}`).toContain(anchor);
      }
    }
  });
});

/** Steps that use this repository's action (`uses: <owner>/mltest@…`), anywhere in a parsed YAML block. */
function findSteps(node: unknown): { with?: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap(findSteps);
  if (node === null || typeof node !== "object") return [];
  const record = node as Record<string, unknown>;
  const mine = typeof record.uses === "string" && /\/mltest@/.test(record.uses) ? [record as { with?: Record<string, unknown> }] : [];
  return [...mine, ...Object.values(record).flatMap(findSteps)];
}

/** A document's text outside code: fenced blocks and code spans blanked, line numbers kept. */
function prose(file: string): string {
  return text(file)
    .replace(/^( *)```[\s\S]*?^ *```/gm, (block) => block.replace(/[^\n]/g, ""))
    .replace(/`[^`\n]*`/g, "");
}

/** Relative links and images: `[text](target)`, `![alt](target)`. */
function links(file: string): { target: string; line: number }[] {
  return prose(file)
    .split("\n")
    .flatMap((line, i) =>
      [...line.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[1]!, line: i + 1 })).filter((l) => !/^[a-z]+:/i.test(l.target)),
    );
}

/** The anchors GitHub gives a document's headings. */
function anchors(file: string): string[] {
  const seen = new Map<string, number>();
  const source = text(file).replace(/^( *)```[\s\S]*?^ *```/gm, "");
  return [...source.matchAll(/^#{1,6} (.+)$/gm)].map((m) => {
    const slug = m[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  });
}

describe("what the documents show", () => {
  it("finds the commands it is meant to run (the parser did not lose them)", () => {
    const run = SHOWN.filter((c) => c.args).map((c) => `${c.file}: ${c.args!.join(" ")}`);
    expect(run).toEqual(
      expect.arrayContaining([
        "README.md: score examples/fraud-scoring",
        "README.md: score . --min-score 2 --report junit=mltest-junit.xml --report json=mltest.json",
        "docs/commands.md: score . --format json --baseline mltest-baseline.json --update-baseline",
        "docs/ci.md: score --min-score 2 --min-section monitor=1.5",
        "CONTRIBUTING.md: rubric ml-test-score-2017 --format markdown",
      ]),
    );
  });

  it("lists in NOT_RUN only commands a document still shows", () => {
    const texts = SHOWN.map((c) => c.text);
    for (const command of Object.keys(NOT_RUN)) expect(texts, command).toContain(command);
  });

  it("runs the baseline recipe: the first line writes the baseline, the second gates on it", () => {
    const recipe = SHOWN.filter((c) => c.file === "docs/commands.md" && c.args?.includes("--baseline") && c.args[0] === "score");
    expect(recipe).toHaveLength(2);
    const dir = projectCopy();
    expect(run(dir, [...recipe[0]!.args!, "--as-of", AS_OF]).status).toBe(0);
    expect(existsSync(join(dir, "mltest-baseline.json"))).toBe(true);
    expect(run(dir, [...recipe[1]!.args!, "--as-of", AS_OF]).status).toBe(0);
  });

  it("docs/scoring.md works the example out to the scores mltest computes", () => {
    const page = text("docs/scoring.md");
    const worked = page.slice(page.indexOf("## Worked example"));
    const date = /as of (\d{4}-\d{2}-\d{2})/.exec(worked)![1]!;
    const report = jsonReport("examples/fraud-scoring", date);
    const shownScores = Object.fromEntries([...worked.matchAll(/^- (\w+):[\s\S]*?\*\*([\d.]+)\*\*/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect(shownScores).toEqual({
      ...Object.fromEntries(report.sections.map((s) => [s.id, s.score])),
      final: report.final.score,
    });
  });

  it("docs/rubrics.md counts the built-in rubric's detectors", () => {
    const stated = Number(/(\d+) in the\s+built-in rubric/.exec(text("docs/rubrics.md"))![1]);
    const rubric = JSON.parse(mltest("rubric", "--format", "json").stdout) as { sections: { tests: { detect?: unknown[] }[] }[] };
    expect(stated).toBe(rubric.sections.flatMap((s) => s.tests).reduce((n, t) => n + (t.detect?.length ?? 0), 0));
  });

  it("docs/json-report.md lists the JSON report's keys in order, optional ones marked, as the schema declares them", () => {
    const page = text("docs/json-report.md");
    const block = /```text\n(schemaVersion[\s\S]*?)```/.exec(page)![1]!;
    /** The schema beneath optional and array wrappers. */
    const inner = (schema: any): any => {
      const type = schema.def.type;
      if (type === "optional") return inner(schema.unwrap());
      if (type === "array") return inner(schema.element);
      return schema;
    };
    /** Field names of a `{ a, b?, c[] { … } }` group, each with whether it is marked optional and its own group. */
    const fields = (group: string) => {
      const out: { name: string; optional: boolean; group?: string }[] = [];
      let depth = 0;
      let current = "";
      for (const ch of `${group.trim().slice(1, -1)},`) {
        if (ch === "{") depth++;
        if (ch === "}") depth--;
        if (ch === "," && depth === 0) {
          const m = /^\s*(\w+)(\[\])?(\?)?(?::[^{]*)?\s*(\{[\s\S]*\})?\s*$/.exec(current)!;
          out.push({ name: m[1]!, optional: m[3] === "?", ...(m[4] && { group: m[4] }) });
          current = "";
        } else current += ch;
      }
      return out;
    };
    const check = (schema: any, group: string, where: string) => {
      const shape = inner(schema).shape as Record<string, any>;
      const listed = fields(group);
      expect(
        listed.map((f) => f.name),
        where,
      ).toEqual(Object.keys(shape));
      for (const f of listed) {
        expect(f.optional, `${where}.${f.name}: marked optional`).toBe(shape[f.name].def.type === "optional");
        if (f.group) check(shape[f.name], f.group, `${where}.${f.name}`);
      }
    };
    // Entries: `name[]?  { … }` at indentation 0 (the report's keys), 2 and 4 (keys of the entry above).
    const entries: { indent: number; name: string; group?: string }[] = [];
    const lines = block.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const m = /^( {0,4})(\w+)(?:\[\])?\??\s+(.*)$/.exec(lines[i]!);
      if (!m) continue;
      let rest = m[3]!;
      if (rest.startsWith("{")) {
        while ((rest.match(/\{/g) ?? []).length > (rest.match(/\}/g) ?? []).length) rest += ` ${lines[++i]!.trim()}`;
        let depth = 0;
        let end = 0;
        for (; end < rest.length; end++) {
          if (rest[end] === "{") depth++;
          if (rest[end] === "}" && --depth === 0) break;
        }
        entries.push({ indent: m[1]!.length, name: m[2]!, group: rest.slice(0, end + 1) });
      } else entries.push({ indent: m[1]!.length, name: m[2]! });
    }
    const top = reportSchema().shape as Record<string, any>;
    expect(entries.filter((e) => e.indent === 0).map((e) => e.name)).toEqual(Object.keys(top));
    const parents: any[] = [];
    for (const entry of entries) {
      const schema = entry.indent === 0 ? top[entry.name] : inner(parents[entry.indent - 2]).shape[entry.name];
      expect(schema, entry.name).toBeDefined();
      parents[entry.indent] = schema;
      if (entry.group) check(schema, entry.group, entry.name);
    }
  });
});
