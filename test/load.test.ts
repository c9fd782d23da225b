// Unit tests of the loaders: every kind of bad input must end in an InputError (or a
// UsageError for a bad command-line reference) whose problems say where and what is wrong.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinIds } from "../src/load/builtin-rubrics.js";
import { findEvidence } from "../src/load/evidence.js";
import { DEFAULT_RUBRIC, loadRubric, resolveRubric } from "../src/load/rubric.js";
import { MAX_YAML_BYTES, parseYaml } from "../src/load/yaml.js";
import { loadProject } from "../src/project.js";
import { maxFinal, sectionMax } from "../src/score/score.js";
import { InputError, type Problem, UsageError } from "../src/util/errors.js";
import { caseFolders } from "./run.js";

// ---------------------------------------------------------------------------------------------
// Helpers

/** A fresh directory under the temp root holding the given files. */
const dirWith = caseFolders("mltest-load-");
const root = dirWith.root;

/** A project directory whose mltest.yaml is `evidence`; returns the directory and the file. */
function projectWith(evidence: string | Uint8Array): { dir: string; file: string } {
  const dir = dirWith({ "mltest.yaml": evidence });
  return { dir, file: join(dir, "mltest.yaml") };
}

/** Runs `fn`, which must throw an InputError, and returns its problems. */
function inputProblems(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const problems = (err as InputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    return problems;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** Runs `fn`, which must throw a UsageError, and returns its message. */
function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error("expected a UsageError, but nothing was thrown");
}

/** The single problem of an InputError thrown by loading the project in `dir`. */
function onlyProblem(dir: string): Problem {
  const problems = inputProblems(() => loadProject(dir));
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`. */
function pos(text: string, needle: string, nth = 1): { line: number; col: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" occurs fewer than ${nth} times`);
  }
  const before = text.slice(0, index);
  return { line: before.split("\n").length, col: index - before.lastIndexOf("\n") };
}

// ---------------------------------------------------------------------------------------------
// Evidence files

describe("evidence file", () => {
  it("loads a valid file against the built-in rubric", () => {
    const { dir, file } = projectWith(
      "project: demo\ntests:\n  data-1:\n    status: automated\n  model-2:\n    status: not-applicable\n    reason: No online metrics.\n",
    );
    const { rubric, evidence } = loadProject(dir);
    expect(rubric.rubric.id).toBe(DEFAULT_RUBRIC);
    expect(evidence.projectName).toBe("demo");
    expect(evidence.file).toBe(file);
    expect(evidence.evidence.tests["data-1"]?.status).toBe("automated");
    expect(evidence.evidence.tests["model-2"]?.reason).toBe("No online metrics.");
  });

  it("reports a YAML syntax error at its line and column", () => {
    const text = "project: demo\ntests:\n  data-1:\n    status: manual: yes\n";
    const { dir, file } = projectWith(text);
    const problems = inputProblems(() => loadProject(dir));
    // yaml's own words ("Nested mappings are not allowed in compact mappings") become the fix.
    expect(problems).toEqual([
      {
        file,
        ...pos(text, "manual: yes"), // 4:13
        message:
          'a second key on the line of "status", which YAML cannot nest there: put "manual: yes" on a line of its own, indented under "status"; ' +
          'or, if the colon is part of the text, put it in quotes: status: "manual: yes"',
      },
    ]);
    expect(problems[0]!.line).toBe(4);
    expect(problems[0]!.col).toBe(13);
    expect(problems[0]!.path).toBeUndefined();
  });

  it("reports a value of the wrong type at its key", () => {
    const text = 'gate:\n  minScore: "two"\n';
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 2,
      col: 3,
      path: "gate.minScore",
      message: expect.stringMatching(/expected number, received string/),
    });
  });

  it("reports an unknown top-level key (a typo for tests) at that key", () => {
    const text = "project: demo\ntest:\n  data-1:\n    status: manual\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({ file, line: 2, col: 1, path: "test", message: 'unknown key "test"; did you mean "tests"?' });
  });

  it("reports an unknown key inside a test entry", () => {
    const text = "tests:\n  data-1:\n    status: manual\n    ownr: alice\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 4,
      col: 5,
      path: "tests.data-1.ownr",
      message: 'unknown key "ownr"; did you mean "owner"?',
    });
  });

  it("reports an unknown status and lists the valid ones", () => {
    const text = "tests:\n  data-1:\n    status: automatic\n";
    const { dir, file } = projectWith(text);
    const problem = onlyProblem(dir);
    expect(problem).toMatchObject({ file, line: 3, col: 5, path: "tests.data-1.status" });
    expect(problem.message).toBe('unknown status "automatic"; expected one of: none, manual, automated, not-applicable');
  });

  it('reports an unknown test id with a "did you mean" suggestion', () => {
    const text = "tests:\n  data-2:\n    status: manual\n  data-01:\n    status: manual\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 4,
      col: 3,
      path: "tests.data-01",
      message: 'unknown test id "data-01" in rubric ml-test-score-2017; did you mean "data-1"?',
    });
  });

  it("offers no suggestion for an id that is nothing like any test", () => {
    const { dir } = projectWith("tests:\n  completely-unrelated:\n    status: manual\n");
    const problem = onlyProblem(dir);
    expect(problem.message).toContain('unknown test id "completely-unrelated"');
    expect(problem.message).not.toContain("did you mean");
  });

  it("reports a duplicate key at the second occurrence", () => {
    const text = "tests:\n  data-1:\n    status: manual\n  data-1:\n    status: none\n";
    const { dir, file } = projectWith(text);
    const problem = onlyProblem(dir);
    expect(problem).toMatchObject({ file, ...pos(text, "data-1", 2) }); // 4:3
    expect(problem.line).toBe(4);
    expect(problem.message).toMatch(/may appear once/);
  });

  it("names the duplicated key in the duplicate-key problem", () => {
    const { dir } = projectWith("tests:\n  data-1:\n    status: manual\n  data-1:\n    status: none\n");
    const problem = onlyProblem(dir);
    expect(problem.message).toContain("data-1");
    expect(problem.path).toBe("tests.data-1");
  });

  it("requires a reason for not-applicable", () => {
    const text = "tests:\n  data-1:\n    status: not-applicable\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 3,
      col: 5,
      path: "tests.data-1.status",
      message: 'not-applicable needs a "reason" saying why the test does not apply',
    });
  });

  it("rejects a section whose every test is not-applicable", () => {
    const entries = [1, 2, 3, 4, 5, 6, 7].map((i) => `  infra-${i}:\n    status: not-applicable\n    reason: Rules engine, no model.\n`);
    const text = `project: demo\ntests:\n${entries.join("")}`;
    const { dir, file } = projectWith(text);
    const problem = onlyProblem(dir);
    expect(problem).toMatchObject({ file, line: 2, col: 1, path: "tests" });
    expect(problem.message).toContain('every test of section "infra" is not-applicable');
  });

  it("accepts a section where all but one test is not-applicable", () => {
    const entries = [1, 2, 3, 4, 5, 6].map((i) => `  infra-${i}:\n    status: not-applicable\n    reason: Rules engine.\n`);
    const { dir } = projectWith(`tests:\n${entries.join("")}`);
    expect(loadProject(dir).evidence.evidence.tests["infra-6"]?.status).toBe("not-applicable");
  });

  it("reports gate.minSection naming an unknown section, listing the sections", () => {
    const text = "gate:\n  minSection:\n    data: 1\n    monitr: 2\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 4,
      col: 5,
      path: "gate.minSection.monitr",
      message: 'unknown section "monitr"; sections: data, model, infra, monitor; did you mean "monitor"?',
    });
  });

  it("reports a gate.minScore above the rubric's maximum", () => {
    const text = "gate:\n  minScore: 7.5\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 2,
      col: 3,
      path: "gate.minScore",
      message: "7.5 can never be reached; the final score's maximum is 7",
    });
  });

  it("accepts a gate.minScore equal to the maximum", () => {
    const { dir } = projectWith("gate:\n  minScore: 7\n");
    expect(loadProject(dir).evidence.evidence.gate?.minScore).toBe(7);
  });

  it("reports a gate.minSection floor above the section's maximum", () => {
    const { dir, file } = projectWith("gate:\n  minSection:\n    model: 8\n");
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 3,
      col: 5,
      path: "gate.minSection.model",
      message: '8 can never be reached; section "model" scores at most 7',
    });
  });

  it("rejects an invalid date such as 2026-02-30", () => {
    const text = "tests:\n  data-1:\n    status: manual\n    verified: 2026-02-30\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 4,
      col: 5,
      path: "tests.data-1.verified",
      message: "must be a real date written YYYY-MM-DD",
    });
  });

  it("accepts a real date and keeps it as written", () => {
    const { dir } = projectWith("tests:\n  data-1:\n    status: manual\n    verified: 2024-02-29\n");
    expect(loadProject(dir).evidence.evidence.tests["data-1"]?.verified).toBe("2024-02-29");
  });

  it("reports an evidence pointer of an unknown kind, listing the kinds", () => {
    const text = "tests:\n  data-1:\n    status: manual\n    evidence:\n      - doc: README.md\n      - file: x\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      ...pos(text, "file: x"), // 6:9
      path: "tests.data-1.evidence.1",
      message: "not a valid entry here; expected exactly one of: path, doc, ci, report, url",
    });
  });

  it("says what file it looked for, and that mltest init writes one, when there is no evidence file", () => {
    const dir = dirWith({ "README.md": "no evidence here\n" });
    expect(onlyProblem(dir)).toEqual({
      file: join(dir, "mltest.yaml"),
      message: `no evidence file here. Run "mltest init ${dir}" to write one with every rubric test and the evidence it finds in the project, then review it and run this again`,
    });
  });

  it("throws a UsageError for a project directory that does not exist", () => {
    const missing = join(root, "no-such-dir");
    expect(usageMessage(() => findEvidence(missing, undefined, []))).toBe(`no such project directory: ${missing}`);
  });

  it("reports an --evidence path that is a directory", () => {
    const dir = dirWith({});
    mkdirSync(join(dir, "sub"));
    const problems = inputProblems(() => loadProject(dir, { evidence: join(dir, "sub") }));
    expect(problems).toEqual([{ file: join(dir, "sub"), message: "evidence file is not a file" }]);
  });

  it("reports an unknown rubric id in the evidence file at the rubric key, listing the known ids", () => {
    const text = "project: demo\nrubric: ml-test-scroe-2017\n";
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({
      file,
      line: 2,
      col: 1,
      path: "rubric",
      message:
        'unknown rubric "ml-test-scroe-2017"; built-in rubrics: ml-test-score-2016, ml-test-score-2017 (or give a path to a YAML file); did you mean "ml-test-score-2017"?',
    });
  });

  it("throws a UsageError listing the known ids for an unknown --rubric id", () => {
    expect(builtinIds()).toEqual(["ml-test-score-2016", "ml-test-score-2017"]);
    expect(usageMessage(() => resolveRubric("nope", "."))).toBe(
      'unknown rubric "nope"; built-in rubrics: ml-test-score-2016, ml-test-score-2017 (or give a path to a YAML file)',
    );
  });

  it("fails fast on an alias bomb (billion laughs)", () => {
    const levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1]!;
      lines.push(`${levels[i]}: &${levels[i]} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const { dir, file } = projectWith(`${lines.join("\n")}\ntests: {}\n`);
    const start = performance.now();
    const problem = onlyProblem(dir);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(problem.file).toBe(file);
    expect(problem.message).toMatch(/^cannot expand the YAML: .*alias/i);
  });

  it("accepts a few ordinary aliases", () => {
    const text =
      "tests:\n  data-1:\n    status: manual\n    evidence: &ev\n      - doc: docs/review.md\n  data-2:\n    status: manual\n    evidence: *ev\n";
    const { dir } = projectWith(text);
    expect(loadProject(dir).evidence.evidence.tests["data-2"]?.evidence).toEqual([{ doc: "docs/review.md" }]);
  });

  it("refuses a file over 1 MiB before parsing it", () => {
    const text = `tests: {}\n#${"x".repeat(MAX_YAML_BYTES)}\n`;
    const { dir, file } = projectWith(text);
    expect(onlyProblem(dir)).toEqual({ file, message: "evidence file is larger than the limit of 1048576 bytes" });
  });

  it("accepts a file of exactly 1 MiB", () => {
    const head = "project: big\ntests: {}\n#";
    const text = `${head}${"x".repeat(MAX_YAML_BYTES - head.length - 1)}\n`;
    expect(Buffer.byteLength(text)).toBe(MAX_YAML_BYTES);
    const { dir } = projectWith(text);
    expect(loadProject(dir).evidence.projectName).toBe("big");
  });

  it("refuses binary content (NUL bytes)", () => {
    const { dir, file } = projectWith(Buffer.from("project: demo\0\ntests: {}\n"));
    expect(onlyProblem(dir)).toEqual({ file, message: "evidence file is binary, not YAML" });
  });

  it("refuses invalid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from("project: caf"), Buffer.from([0xc3, 0x28]), Buffer.from("\ntests: {}\n")]);
    const { dir, file } = projectWith(bytes);
    expect(onlyProblem(dir)).toEqual({ file, message: "evidence file is not valid UTF-8" });
  });

  // Regression: readText decodes leniently and then rejects any U+FFFD, so a valid UTF-8
  // file that contains the replacement character itself (bytes EF BF BD) is refused as
  // "not valid UTF-8".
  it("accepts valid UTF-8 that contains U+FFFD itself", () => {
    const { dir } = projectWith('project: "odd \uFFFD name"\ntests: {}\n');
    expect(loadProject(dir).evidence.projectName).toBe("odd \uFFFD name");
  });

  it("accepts non-ASCII UTF-8", () => {
    const { dir } = projectWith("project: café-modèle 模型\ntests: {}\n");
    expect(loadProject(dir).evidence.projectName).toBe("café-modèle 模型");
  });

  it("accepts a byte-order mark, and still locates problems by the text after it", () => {
    const ok = projectWith("\uFEFFproject: bommed\ntests:\n  data-1:\n    status: manual\n");
    const loaded = loadProject(ok.dir);
    expect(loaded.evidence.projectName).toBe("bommed");
    expect(loaded.evidence.evidence.tests["data-1"]?.status).toBe("manual");

    const bad = projectWith("\uFEFFbogus: 1\ntests: {}\n");
    expect(onlyProblem(bad.dir)).toEqual({ file: bad.file, line: 1, col: 1, path: "bogus", message: 'unknown key "bogus"' });
  });

  it("accepts an empty file: every test counts as none", () => {
    const { dir } = projectWith("");
    const loaded = loadProject(dir);
    expect(loaded.evidence.evidence.tests).toEqual({});
    expect(loaded.evidence.evidence.gate).toBeUndefined();
  });

  it("reports every schema problem in a file at once", () => {
    const text = [
      "project: demo",
      "gate:",
      '  minScore: "two"',
      "tests:",
      "  data-1:",
      "    status: automatic",
      "  data-2:",
      "    status: manual",
      "    ownr: bob",
      "    verified: 2026-13-01",
      "",
    ].join("\n");
    const { dir, file } = projectWith(text);
    const problems = inputProblems(() => loadProject(dir));
    const located = problems.map((p) => [p.file, p.line, p.col, p.path]);
    located.sort((a, b) => (a[1] as number) - (b[1] as number));
    expect(located).toEqual([
      [file, 3, 3, "gate.minScore"],
      [file, 6, 5, "tests.data-1.status"],
      [file, 9, 5, "tests.data-2.ownr"],
      [file, 10, 5, "tests.data-2.verified"],
    ]);
  });

  it("reports every rubric-dependent problem in a file at once", () => {
    const text = [
      "gate:",
      "  minScore: 9",
      "  minSection:",
      "    modle: 1",
      "tests:",
      "  data-01:",
      "    status: manual",
      "  model-3:",
      "    status: not-applicable",
      "",
    ].join("\n");
    const { dir, file } = projectWith(text);
    const problems = inputProblems(() => loadProject(dir));
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => [p.file, p.line, p.col, p.path])).toEqual(
      expect.arrayContaining([
        [file, 2, 3, "gate.minScore"],
        [file, 4, 5, "gate.minSection.modle"],
        [file, 6, 3, "tests.data-01"],
        [file, 9, 5, "tests.model-3.status"],
      ]),
    );
    expect(problems.find((p) => p.path === "gate.minSection.modle")?.message).toContain('did you mean "model"?');
  });

  // Regression: the rubric-dependent checks (unknown test id, missing reason, gate
  // thresholds) only run once the schema check passes, so a file with one problem of each kind
  // reports only the schema problem; the user learns about the other one a run later.
  it("reports schema and rubric-dependent problems of one file together", () => {
    const text = "tests:\n  data-01:\n    status: manual\n  data-2:\n    status: automatic\n";
    const { dir } = projectWith(text);
    const problems = inputProblems(() => loadProject(dir));
    expect(problems.map((p) => p.path).sort()).toEqual(["tests.data-01", "tests.data-2.status"]);
  });

  it("names the project after its directory when project: is absent", () => {
    const { dir } = projectWith("tests: {}\n");
    expect(loadProject(dir).evidence.projectName).toBe(basename(dir));
  });
});

// ---------------------------------------------------------------------------------------------
// One YAML library (issue 14): yaml reads every file, and its reading gives both the value and the
// positions. A second, quicker reading (js-yaml) used to answer first; the texts it read otherwise
// are pinned here to yaml's answer, located where yaml's nodes are.

describe("YAML reading", () => {
  /** The problems of parseYaml refusing `text`. */
  const refusal = (text: string) => inputProblems(() => parseYaml("t.yaml", text));

  // Comments at column 1 that the quick reading skipped and yaml does not: the six disagreements
  // it was known to have, each now yaml's refusal at its position.
  it.each([
    ["a comment at column 1 inside a flow map", "tests: {data-1: {status: manual}\n#\n}\n", { line: 2, col: 1 }, /comments must be/i],
    ["a #| comment at column 1 between a key and its value", "project:\n#|\n  demo\ntests: {}\n", { line: 3, col: 3 }, /implicit keys/i],
    ["a #> comment at column 1 between a key and its value", "project:\n#>\n  demo\ntests: {}\n", { line: 3, col: 3 }, /implicit keys/i],
    ["a #x: | comment at column 1 between a key and its value", "project:\n#x: |\n  demo\ntests: {}\n", { line: 3, col: 3 }, /implicit/i],
  ])("refuses %s, located", (_, text, at, says) => {
    const { dir, file } = projectWith(text);
    const problem = inputProblems(() => loadProject(dir))[0]!;
    expect(problem).toMatchObject({ file, ...at });
    expect(problem.message).toMatch(says);
  });

  it("reads a #> or #| comment at column 1 before a sequence item's value as yaml does, and locates by that reading", () => {
    // The quick reading had ["x", "y"]; yaml continues the item's plain scalar. One reading, one answer.
    for (const comment of ["#>", "#|"]) {
      const doc = parseYaml("t.yaml", `-\n${comment}\n  x\n- y\n`);
      expect(doc.raw).toEqual(["x - y"]);
      expect(doc.locate([0], "m")).toEqual({ file: "t.yaml", line: 3, col: 3, path: "0", message: "m" });
      expect(doc.locate([1], "m")).toMatchObject({ line: 1, col: 1 }); // no second item: at its list
    }
  });

  it.each([
    ["a number beyond a double", "a: 1e400\nb: -1e400\n", { a: Infinity, b: -Infinity }],
    ["a %YAML 1.1 directive (1.1 scalars)", "%YAML 1.1\n---\na: yes\nb: 0777\n", { a: true, b: 511 }],
    ["an escaped line break in a double-quoted scalar", 'a: "one\n  two\\\n  three"\n', { a: "one twothree" }],
    ["a tab between a key and its value", "a:\tx\n", { a: "x" }],
    ["CRLF line ends", "a: 1\r\nb:\r\n  c: two\r\n", { a: 1, b: { c: "two" } }],
  ])("reads %s as yaml does", (_, text, value) => {
    expect(parseYaml("t.yaml", text).raw).toStrictEqual(value);
  });

  it.each([
    ["a bare CR line end", "a: 1\rb: 2\r", { line: 1, col: 4 }],
    ["an implicit key over 1024 characters", `${"k".repeat(1100)}: 1\n`, { line: 1, col: 1 }],
    ["a tab used as indentation", "a:\n\tb: 1\n", { line: 2, col: 1 }],
    ["a second document", "a: 1\n---\nb: 2\n", { line: 2, col: 1 }],
    ["a duplicate key, one quoted", "a: 1\n'a': 2\n", { line: 2, col: 1 }],
    ["a duplicate key in a flow map", "a: {b: 1, b: 2}\n", { line: 1, col: 11 }],
  ])("refuses %s, located", (_, text, at) => {
    expect(refusal(text)[0]).toMatchObject({ file: "t.yaml", ...at });
  });

  it("locates keys and items where yaml's nodes start", () => {
    const doc = parseYaml("t.yaml", "'a': 1\n\"b\": |\n  text\nc:\nd:\n  - |\n    x\n  -\n  - ''\n");
    const at = (...path: (string | number)[]) => {
      const { line, col } = doc.locate(path, "m");
      return [line, col];
    };
    expect(at("a")).toEqual([1, 1]); // a quoted key at its opening quote
    expect(at("b", "deeper")).toEqual([2, 6]); // through a block scalar: at its |
    expect(at("c", "deeper")).toEqual([4, 3]); // through an empty value: just after the key's colon
    expect(at("d", 0)).toEqual([6, 5]); // a block scalar item at its |
    expect(at("d", 1)).toEqual([8, 4]); // an empty item just after its -
    expect(at("d", 2)).toEqual([9, 5]); // an empty quoted item at its quote
    expect(at("no-such-key")).toEqual([1, 1]); // a missing key: its map
  });
});

// ---------------------------------------------------------------------------------------------
// Rubric files

/** One rubric test in YAML, at the indentation of a section's test list. */
function testYaml(id: string, extra: string[] = []): string {
  return [
    `      - id: ${id}`,
    `        title: Test ${id}`,
    ...extra.map((line) => `        ${line}`),
    "        why: Because it matters.",
    "        how: Like this.",
    "        manual: Once, by hand.",
    "        automated: On every run.",
    "",
  ].join("\n");
}

function sectionYaml(id: string, tests: string[], extra: string[] = []): string {
  return [`  - id: ${id}`, `    title: Section ${id}`, ...extra.map((line) => `    ${line}`), "    tests:", ""].join("\n") + tests.join("");
}

const BANDS = ["    - { max: 1, label: Low }", "    - { max: 3, label: High }"];

function rubricYaml(sections: string[], bands: string[] = BANDS, aggregate = "min"): string {
  return (
    [
      "id: tiny",
      "title: Tiny rubric",
      "version: 1",
      "scoring:",
      "  points: { none: 0, manual: 0.5, automated: 1 }",
      `  aggregate: ${aggregate}`,
      "  bands:",
      ...bands,
      "sections:",
      "",
    ].join("\n") + sections.join("")
  );
}

function rubricFile(text: string | Uint8Array): string {
  return join(dirWith({ "rubric.yaml": text }), "rubric.yaml");
}

describe("rubric file", () => {
  it("loads the built-in rubric: 4 sections of 7 tests, hashed over the file's bytes", () => {
    const file = resolveRubric(DEFAULT_RUBRIC, ".");
    const loaded = loadRubric(file);
    expect(loaded.rubric.sections.map((s) => [s.id, s.tests.length])).toEqual([
      ["data", 7],
      ["model", 7],
      ["infra", 7],
      ["monitor", 7],
    ]);
    expect(maxFinal(loaded.rubric)).toBe(7);
    expect(loaded.sha256).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
  });

  it("loads a valid custom rubric with two sections of different sizes and weights", () => {
    const text = rubricYaml(
      [
        sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2", ["weight: 2", "related: [a-1]"]), testYaml("a-3")], ["weight: 2"]),
        sectionYaml("beta", [testYaml("b-1", ["weight: 0.5"]), testYaml("b-2")]),
      ],
      ["    - { max: 1, label: Low }", "    - { max: 2, label: High }"],
    );
    const file = rubricFile(text);
    const { rubric, sha256 } = loadRubric(file);
    expect(rubric.id).toBe("tiny");
    expect(rubric.version).toBe("1"); // a YAML number becomes a string
    expect(rubric.scoring.aggregate).toBe("min");
    expect(rubric.sections.map((s) => [s.id, s.weight, s.tests.map((t) => t.weight)])).toEqual([
      ["alpha", 2, [1, 2, 1]],
      ["beta", 1, [0.5, 1]],
    ]);
    expect(rubric.sections[0]!.tests[1]!.related).toEqual(["a-1"]);
    expect(sectionMax(rubric, rubric.sections[0]!)).toBe(3);
    expect(sectionMax(rubric, rubric.sections[1]!)).toBe(2);
    expect(maxFinal(rubric)).toBe(2); // min(3, 2)
    expect(sha256).toBe(createHash("sha256").update(text).digest("hex"));
  });

  it("checks bands against the weighted-mean maximum", () => {
    // Section maxes 3 (weight 1) and 2 (weight 3): (3·1 + 2·3) / 4 = 2.25, above the last band.
    const sections = [
      sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2"), testYaml("a-3")], ["weight: 1"]),
      sectionYaml("beta", [testYaml("b-1"), testYaml("b-2")], ["weight: 3"]),
    ];
    const bands = ["    - { max: 1, label: Low }", "    - { max: 2, label: High }"];
    const text = rubricYaml(sections, bands, "weighted-mean");
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      {
        file,
        ...pos(text, "max: 2"),
        path: "scoring.bands.1.max",
        message: "the bands stop at 2 but the final score can reach 2.25; the last band must cover it",
      },
    ]);
    const ok = rubricFile(rubricYaml(sections, [...bands, "    - { max: 2.25, label: Top }"], "weighted-mean"));
    expect(maxFinal(loadRubric(ok).rubric)).toBe(2.25);
  });

  it("reports a duplicate test id at its second occurrence", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2")]), sectionYaml("beta", [testYaml("a-1")])]);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      {
        file,
        ...pos(text, "id: a-1", 2),
        path: "sections.1.tests.0.id",
        message: 'duplicate id "a-1"; ids must be unique across sections and tests',
      },
    ]);
  });

  it("reports a related id that does not exist", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2", ["related: [a-1, a-9]"])])]);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "a-9"), path: "sections.0.tests.1.related.1", message: 'unknown test id "a-9"' },
    ]);
  });

  it("reports a test related to itself", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1", ["related: [a-1]"])])]);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "a-1]"), path: "sections.0.tests.0.related.0", message: "a test cannot relate to itself" },
    ]);
  });

  it("reports bands out of order", () => {
    const bands = ["    - { max: 2, label: Mid }", "    - { max: 1, label: Low }", "    - { max: 3, label: High }"];
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2"), testYaml("a-3")])], bands);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "max: 1"), path: "scoring.bands.1.max", message: "bands must be in ascending order of max; 1 follows 2" },
    ]);
  });

  it("reports bands that do not cover the maximum score", () => {
    const bands = ["    - { max: 1, label: Low }", "    - { max: 2, label: Mid }"];
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2"), testYaml("a-3")])], bands);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      {
        file,
        ...pos(text, "max: 2"),
        path: "scoring.bands.1.max",
        message: "the bands stop at 2 but the final score can reach 3; the last band must cover it",
      },
    ]);
  });

  it("reports a section without tests", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1")]), "  - id: beta\n    title: Beta\n    tests: []\n"]);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "tests: []"), path: "sections.1.tests", message: "a section needs at least one test" },
    ]);
  });

  it("reports a weight of 0", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2", ["weight: 0"])])]);
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "weight: 0"), path: "sections.0.tests.1.weight", message: "must be greater than 0" },
    ]);
  });

  it("reports points that decrease from manual to automated", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1")])]).replace("manual: 0.5, automated: 1 }", "manual: 2, automated: 1 }");
    const file = rubricFile(text);
    expect(inputProblems(() => loadRubric(file))).toEqual([
      { file, ...pos(text, "points:"), path: "scoring.points", message: "points must not decrease from none to manual to automated" },
    ]);
  });

  it("reports several rubric problems at once", () => {
    const bands = ["    - { max: 2, label: Mid }", "    - { max: 1, label: Low }"];
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1", ["related: [zz-1]"]), testYaml("a-1"), testYaml("a-3")])], bands);
    const file = rubricFile(text);
    const problems = inputProblems(() => loadRubric(file));
    // In file order: the scoring block comes before the sections.
    expect(problems.map((p) => p.path)).toEqual([
      "scoring.bands.1.max",
      "scoring.bands.1.max",
      "sections.0.tests.0.related.0",
      "sections.0.tests.1.id",
    ]);
    expect(problems[1]!.message).toBe("the bands stop at 1 but the final score can reach 3; the last band must cover it");
  });

  it("resolves a rubric path relative to the evidence file", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2")])], ["    - { max: 2, label: All }"]);
    const dir = dirWith({ "my-rubric.yaml": text, "mltest.yaml": "rubric: my-rubric.yaml\ntests:\n  a-1:\n    status: automated\n" });
    const { rubric } = loadProject(dir);
    expect(rubric.rubric.id).toBe("tiny");
    // The built-in rubric's ids are unknown to it.
    const other = dirWith({ "my-rubric.yaml": text, "mltest.yaml": "rubric: my-rubric.yaml\ntests:\n  data-1:\n    status: manual\n" });
    expect(onlyProblem(other).message).toMatch(/^unknown test id "data-1" in rubric tiny\b/);
  });

  it("reports a missing rubric file named in the evidence file", () => {
    const dir = dirWith({ "mltest.yaml": "rubric: rubrics/absent.yaml\n" });
    const problem = onlyProblem(dir);
    expect(problem.file).toBe(join(dir, "rubrics/absent.yaml"));
    expect(problem.message).toBe("cannot read rubric file: no such file or folder");
  });

  it("refuses an alias bomb in a rubric file too", () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, next] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "d"],
      ["d", "e"],
      ["e", "f"],
      ["f", "g"],
      ["g", "h"],
    ] as const) {
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(",")}]`);
    }
    const file = rubricFile(`${lines.join("\n")}\n`);
    const [problem] = inputProblems(() => loadRubric(file));
    expect(problem!.message).toMatch(/^cannot expand the YAML: .*alias/i);
  });

  // Regression: LoadedRubric.sha256 is documented as the SHA-256 of the file's bytes, but
  // it is computed over the decoded text after the BOM is stripped, so for a rubric file with a
  // BOM the report's hash differs from `sha256sum rubric.yaml`.
  it("hashes a rubric file with a BOM over its bytes", () => {
    const text = rubricYaml([sectionYaml("alpha", [testYaml("a-1"), testYaml("a-2"), testYaml("a-3")])]);
    const bytes = Buffer.from(`\uFEFF${text}`);
    const file = rubricFile(bytes);
    expect(loadRubric(file).sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
