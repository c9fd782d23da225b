// CI log commands in repository text, run through the built CLI.
//
// mltest runs in CI on pull requests, and text from the repository (mltest.yaml, a repository
// rubric, file and folder names, .git/HEAD) reaches every output. CI runners read a job's output
// line by line and obey commands in it: GitHub Actions `::name::` at the start of a line (after
// any whitespace) and `##[name]` anywhere, Azure Pipelines `##vso[` anywhere, TeamCity
// `##teamcity[` anywhere. A pull request must not be able to fail a build, forge an annotation,
// set a variable or mask a secret through those outputs. So every output is read here the way a
// runner reads it, and no line may hold a command; except `--format github`, which is made of
// `::` commands by design and encodes the text it carries.
//
// One project holds a forged command in every free-text field of mltest.yaml and of its rubric
// (which extends the built-in one and overrides its bands, sections and tests). Each field's text
// starts with a tag naming it ("::error::forged-owner ..."), so each output is also checked to
// carry the fields it shows: a check that passes because a field went missing proves nothing.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ciSafe } from "../src/format/escape.js";
import { AS_OF, caseFolders, mltest } from "./run.js";

// ---------------------------------------------------------------------------------------------
// What a runner obeys

/** Lines as a runner's process reader splits them (.NET: CR, LF or CRLF). */
const runnerLines = (text: string) => text.split(/\r\n|\r|\n/);

/**
 * A line GitHub's runner reads as a `::` command: it trims the line with .NET's
 * String.TrimStart() first, whose whitespace (Char.IsWhiteSpace) is JavaScript's \s plus
 * U+0085 (NEXT LINE).
 */
const GITHUB_COMMAND = /^[\s\u0085]*::/;
/** Prefixes obeyed anywhere in a line: GitHub Actions, Azure Pipelines, TeamCity. */
const ANYWHERE = ["##[", "##vso[", "##teamcity["];

/** A line as a failure shows it: control characters and zero-width spaces written as \uXXXX. */
const visible = (line: string) =>
  line.replace(/[\u0000-\u001F\u007F-\u009F\u200B]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** No line of `text` is a CI log command; the offending lines are listed when one is. */
function expectNoCiCommands(text: string, label: string): void {
  expect(text.trim(), `${label}: printed nothing, so there is nothing to check`).not.toBe("");
  const obeyed = runnerLines(text)
    .map((line, i) => ({ n: i + 1, line }))
    .filter(({ line }) => GITHUB_COMMAND.test(line) || ANYWHERE.some((prefix) => line.includes(prefix)))
    .map(({ n, line }) => `line ${n}: ${visible(line.length > 160 ? `${line.slice(0, 160)}…` : line)}`);
  expect(obeyed, `${label}: lines a CI runner would obey`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// The forged project

/**
 * A field's forged text: a tag naming the field, each runner's commands, and more commands at
 * the start of a line after a line feed, an indented one, and one after a carriage return (read
 * as a line break too). With `nel`, also one after U+0085, which the runner trims like a space.
 */
function forged(field: string, { nel = false } = {}): string {
  return (
    `::error::forged-${field} ##[error]forged x ##vso[task.logissue type=error]forged x ##teamcity[buildProblem description='forged']` +
    "\n::error::after-newline\n  ::warning::indented\r::error::after-cr" +
    (nel ? "\n\u0085::error::after-nel" : "")
  );
}

/** Names on disk: the project's folder (shown by trend, validate and in paths) and a file detect finds. */
const DIR_NAME = "::error::forged-dir ##[error]d x ##vso[task.logissue type=error]d x ##teamcity[message text='d']";
const FILE_NAME = "::error::forged-file ##vso[task.logissue type=error]f.md";
/** The branch, read from .git/HEAD as data (no git process). */
const BRANCH = "::error::forged-branch ##[error]b x ##vso[task.logissue type=error]b";

/** What each tag stands for, as written in the project. */
function valueFor(tag: string, nel: boolean): string {
  return ({ dir: DIR_NAME, file: FILE_NAME, branch: BRANCH } as Record<string, string>)[tag] ?? forged(tag, { nel });
}

// data-1 and extra-1 are manual claims whose run is stale, so `--format github` warns about them:
// it prints only the 10 most important annotations of each level, and with some 20 tests not done
// a mere manual notice would be left out, and with it the titles this file checks it carries.
/** mltest.yaml and rubric.yaml with a forged command in every free-text field; YAML double-quoted, "\n" a line feed. */
function projectFiles(nel: boolean): Record<string, string> {
  const q = (field: string) => JSON.stringify(forged(field, { nel }));
  const evidence = `project: ${q("project")}
rubric: rubric.yaml
gate:
  preset: forged
tests:
  data-1:
    status: manual
    owner: ${q("owner")}
    notes: ${q("notes")}
    verified: 2026-01-15
    evidence:
      - doc: docs/review.md
  data-2:
    status: not-applicable
    reason: ${q("reason")}
    approvedBy: ${q("approvedBy")}
    expires: 2027-06-01
  data-3:
    status: automated
    owner: ${q("ownerB")}
    evidence:
      - ci: .github/workflows/ci.yml#check
        runs: ${q("runs")}
  data-4:
    status: manual
    verified: 2026-11-01
    evidence:
      - report: reports/junit.xml
        cases: ${q("cases")}
  model-1:
    status: manual
    verified: 2026-11-01
    evidence:
      - doc: ${JSON.stringify(FILE_NAME)}
  extra-1:
    status: manual
    verified: 2026-01-15
    notes: ${q("notesB")}
    evidence:
      - doc: docs/review.md
`;
  const rubric = `id: ci-safe
title: ${q("rubricTitle")}
version: ${q("rubricVersion")}
citation: ${q("citation")}
description: ${q("rubricDescription")}
extends: ml-test-score-2017
gates:
  forged:
    description: ${q("gateDescription")}
    minScore: 0
scoring:
  bands:
    - { max: 0, label: ${q("band0")}, meaning: ${q("meaning0")} }
    - { max: 1, label: ${q("band1")}, meaning: ${q("meaning1")} }
    - { max: 7, label: ${q("band7")}, meaning: ${q("meaning7")} }
tests:
  data-1:
    title: ${q("testTitle")}
    heading: ${q("heading")}
    question: ${q("question")}
    why: ${q("why")}
    how: ${q("how")}
    manual: ${q("manual")}
    automated: ${q("automated")}
    humanEvidence: ${q("humanEvidence")}
    detect:
      - what: ${q("detectWhat")}
        status: manual
        files: ["*.md", "docs/*.md"]
  data-6:
    disabled: ${q("disabled")}
sections:
  - id: data
    title: ${q("sectionTitle")}
    summary: ${q("sectionSummary")}
  - id: extra
    title: ${q("extraSectionTitle")}
    summary: ${q("extraSummary")}
    tests:
      - id: extra-1
        title: ${q("extraTitle")}
        why: ${q("extraWhy")}
        how: ${q("extraHow")}
        manual: ${q("extraManual")}
        automated: ${q("extraAutomated")}
`;
  const files = {
    "mltest.yaml": evidence,
    "rubric.yaml": rubric,
    "docs/review.md": "# Review\n",
    [FILE_NAME]: "# Review\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n",
    "reports/junit.xml": `<testsuite name="s" tests="1" timestamp="2026-11-20T00:00:00"><testcase name="a"/></testsuite>\n`,
    ".git/HEAD": `ref: refs/heads/${BRANCH}\n`,
  };
  return Object.fromEntries(Object.entries(files).map(([rel, content]) => [`${DIR_NAME}/${rel}`, content]));
}

const dirWith = caseFolders("mltest-ci-safe-");

/** The fields each output shows (at least these; a tag "forged-NAME" each). */
const SHOWN = {
  table: [
    "project",
    "owner",
    "ownerB",
    "runs",
    "cases",
    "band0",
    "rubricTitle",
    "rubricVersion",
    "sectionTitle",
    "extraSectionTitle",
    "testTitle",
    "extraTitle",
  ],
  json: [
    "project",
    "owner",
    "ownerB",
    "notes",
    "notesB",
    "reason",
    "approvedBy",
    "runs",
    "cases",
    "band0",
    "rubricTitle",
    "rubricVersion",
    "sectionTitle",
    "testTitle",
    "disabled",
    "file",
    "dir",
  ],
  markdown: ["project", "owner", "reason", "runs", "cases", "band0", "rubricTitle", "sectionTitle", "testTitle", "disabled", "file"],
  junit: ["project", "reason", "runs", "cases", "sectionTitle", "testTitle", "disabled"],
  sarif: ["project", "runs", "cases", "band0", "rubricTitle", "testTitle", "heading", "why", "how", "dir"],
  github: ["project", "runs", "cases", "band0", "testTitle", "extraTitle", "dir"],
  checklist: [
    "project",
    "owner",
    "approvedBy",
    "reason",
    "runs",
    "cases",
    "band0",
    "rubricTitle",
    "sectionTitle",
    "testTitle",
    "disabled",
    "file",
  ],
  html: [
    "project",
    "owner",
    "reason",
    "runs",
    "cases",
    "band0",
    "rubricTitle",
    "sectionTitle",
    "testTitle",
    "disabled",
    "why",
    "how",
    "manual",
    "file",
  ],
  rubricTable: [
    "rubricTitle",
    "rubricVersion",
    "citation",
    "band0",
    "band1",
    "band7",
    "meaning0",
    "meaning7",
    "sectionTitle",
    "extraSectionTitle",
    "testTitle",
  ],
  rubricFull: [
    "rubricTitle",
    "rubricVersion",
    "citation",
    "rubricDescription",
    "gateDescription",
    "band0",
    "band7",
    "meaning0",
    "meaning7",
    "sectionTitle",
    "sectionSummary",
    "extraSectionTitle",
    "extraSummary",
    "testTitle",
    "heading",
    "question",
    "why",
    "how",
    "manual",
    "automated",
    "humanEvidence",
    "detectWhat",
    "disabled",
    "extraTitle",
    "extraHow",
  ],
  describe: ["testTitle", "heading", "why", "how", "manual", "automated", "sectionTitle", "rubricTitle", "rubricVersion"],
  describeExtra: ["extraTitle", "extraWhy", "extraHow", "extraManual", "extraAutomated", "extraSectionTitle"],
  detectTable: ["detectWhat", "file", "testTitle", "extraTitle", "dir"],
  detectJson: ["detectWhat", "file", "testTitle", "humanEvidence"],
  validate: ["dir"],
  trendTable: ["dir", "branch"],
  trendJson: ["dir", "branch", "band0", "rubricVersion"],
} satisfies Record<string, string[]>;

/** Every tag in `fields` is in `text` ("forged-owner" is not taken for "forged-ownerB"). */
function expectCarries(text: string, fields: string[], label: string): void {
  const missing = fields.filter((f) => !new RegExp(`forged-${f}(?![A-Za-z0-9])`).test(text));
  expect(missing, `${label}: fields that never reached the output`).toEqual([]);
}

/** Every string in a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

/** JSON output: it parses, and each field comes back exactly as written (within a longer text at most). */
function expectJsonKeeps(text: string, fields: string[], nel: boolean, label: string): unknown {
  // The escapes are JSON's own: the file holds \u0023 and \u003a, the parsed value # and :.
  expect(text, `${label}: "##" is written with an escape`).toContain("\\u0023");
  const parsed: unknown = JSON.parse(text);
  const all = strings(parsed);
  const lost = fields.filter((f) => !all.some((s) => s.includes(valueFor(f, nel))));
  expect(lost, `${label}: fields whose text did not come back exactly`).toEqual([]);
  return parsed;
}

/** XML and HTML character references decoded, as a reader of the file sees the text. */
function decodeXml(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) =>
    ref.startsWith("#x")
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith("#")
        ? String.fromCodePoint(Number(ref.slice(1)))
        : (named[ref] ?? whole),
  );
}

/** XML or HTML output: the forged text is still there to read once references are decoded. */
function expectXmlKeeps(text: string, fields: string[], nel: boolean, label: string): void {
  expect(text, `${label}: "##" is written with a character reference`).toContain("&#35;#");
  const decoded = decodeXml(text);
  // Up to the first line feed: HTML shows control characters as text ("\u000a"), JUnit keeps them as references.
  const lost = fields.filter((f) => !decoded.includes(valueFor(f, nel).split("\n")[0]!));
  expect(lost, `${label}: fields whose text is not readable after decoding`).toEqual([]);
}

/** Text that starts a forged command; in `--format github` none may begin a line. */
const FORGED_STARTS = ["::error::forged", "::error::after-newline", "::warning::indented", "::error::after-cr", "::error::after-nel"];

/** `--format github`: every line one annotation command, and no forged text at the start of a line. */
function expectGithubCommands(text: string, fields: string[], nel: boolean, label: string): void {
  const lines = runnerLines(text.replace(/\n$/, ""));
  for (const line of lines) {
    // Properties hold no ":" (it is encoded as %3A), so the command's name and properties end at the first "::".
    expect(line, `${label}: a line that is not one annotation`).toMatch(/^::(error|warning|notice)( [^:]*)?::/);
    const trimmed = line.replace(/^[\s\u0085]+/, "");
    for (const start of FORGED_STARTS)
      expect(trimmed.startsWith(start), `${label}: a line starts with forged text: ${line.slice(0, 120)}`).toBe(false);
  }
  // The text is kept: decoded as the runner decodes a command's properties and message, each
  // field is whole (control characters other than line breaks are shown as text, e.g. "\u0085").
  const decoded = lines.map((line) =>
    line.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%"),
  );
  expect(text, `${label}: a line feed in a field is encoded`).toContain("%0A::error::after-newline");
  const lost = fields.filter((f) => !decoded.some((d) => d.includes(valueFor(f, nel).replace(/\u0085/g, "\\u0085"))));
  expect(lost, `${label}: fields whose text did not come back from the commands`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Every command, every output

/**
 * Runs every command this file covers on a project whose fields carry forged commands (with
 * `nel`, also after U+0085) and checks each output the same way.
 */
function everyOutput(nel: boolean) {
  let dir: string;
  let rubric: string;
  let reports: string;
  /** A command line as a person would retype it: the scratch folders named, not spelled out. */
  let shown: (args: string[]) => string;

  beforeAll(() => {
    const root = dirWith(projectFiles(nel));
    dir = join(root, DIR_NAME);
    rubric = join(dir, "rubric.yaml");
    reports = dirWith();
    shown = (args) => `mltest ${args.map((a) => a.replace(dir, "<project>").replace(reports, "<reports>")).join(" ")}`;
  });

  /** The command's stdout, after checking it exits `status` with nothing on stderr. */
  function run(args: string[], status = 0): { out: string; label: string } {
    const label = shown(args);
    const r = mltest(...args);
    expect(r.stderr, label).toBe("");
    expect(r.status, label).toBe(status);
    return { out: r.stdout, label };
  }

  const score = (...more: string[]) => ["score", dir, "--as-of", AS_OF, ...more];

  it("score (table)", () => {
    const { out, label } = run(score());
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.table, label);
    // The text is shown, broken up by a zero-width space only.
    expect(out.replace(/\u200B/g, ""), label).toContain("::error::forged-project ##[error]forged x ##vso[task.logissue type=error]forged");
  });

  it("score --format json: no command, and every string parses back as written", () => {
    const { out, label } = run(score("--format", "json"));
    expectNoCiCommands(out, label);
    expectCarries(out.replace(/\\u0023/g, "#").replace(/\\u003a/g, ":"), SHOWN.json, label);
    const report = expectJsonKeeps(out, SHOWN.json, nel, label) as {
      project: { name: string };
      rubric: { title: string; version: string };
      final: { band: { label: string } };
      sections: {
        id: string;
        title: string;
        tests: { id: string; title: string; owner?: string; notes?: string; reason?: string; evidence: Record<string, string>[] }[];
      }[];
    };
    // Exactly the original strings, field by field.
    expect(report.project.name).toBe(valueFor("project", nel));
    expect(report.rubric).toMatchObject({ title: valueFor("rubricTitle", nel), version: valueFor("rubricVersion", nel) });
    expect(report.final.band.label).toBe(valueFor("band0", nel));
    const data = report.sections.find((s) => s.id === "data")!;
    expect(data.title).toBe(valueFor("sectionTitle", nel));
    const test = (id: string) => report.sections.flatMap((s) => s.tests).find((t) => t.id === id)!;
    expect(test("data-1")).toMatchObject({
      title: valueFor("testTitle", nel),
      owner: valueFor("owner", nel),
      notes: valueFor("notes", nel),
    });
    expect(test("data-2")).toMatchObject({ reason: valueFor("reason", nel), waiver: { approvedBy: valueFor("approvedBy", nel) } });
    expect(test("data-3").evidence).toEqual([{ ci: ".github/workflows/ci.yml#check", runs: valueFor("runs", nel) }]);
    expect(test("model-1").evidence).toEqual([{ doc: FILE_NAME }]);
  });

  it("score --format markdown", () => {
    const { out, label } = run(score("--format", "markdown"));
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.markdown, label);
  });

  it("score --format junit: no command, and the text is readable after decoding references", () => {
    const { out, label } = run(score("--format", "junit"));
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.junit, label);
    expectXmlKeeps(out, SHOWN.junit, nel, label);
    // JUnit keeps a line feed as a reference: the whole reason, line breaks and all, is there.
    expect(decodeXml(out), label).toContain(`not applicable: ${valueFor("reason", nel)}`);
  });

  it("score --format sarif: no command, and every string parses back as written", () => {
    const { out, label } = run(score("--format", "sarif"));
    expectNoCiCommands(out, label);
    expectCarries(out.replace(/\\u0023/g, "#").replace(/\\u003a/g, ":"), SHOWN.sarif, label);
    expectJsonKeeps(
      out,
      SHOWN.sarif.filter((f) => f !== "dir"),
      nel,
      label,
    );
  });

  it("score --format html: no command, and the text is readable after decoding references", () => {
    const { out, label } = run(score("--format", "html"));
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.html, label);
    expectXmlKeeps(out, SHOWN.html, nel, label);
  });

  it("score --format checklist, and mltest checklist", () => {
    for (const args of [score("--format", "checklist"), ["checklist", dir, "--as-of", AS_OF]]) {
      const { out, label } = run(args);
      expectNoCiCommands(out, label);
      expectCarries(out, SHOWN.checklist, label);
    }
  });

  it("score --format github: made of commands, none of them forged", () => {
    const { out, label } = run(score("--format", "github"));
    expectGithubCommands(out, SHOWN.github, nel, label);
    expectCarries(out, SHOWN.github, label);
  });

  it("score --report FORMAT=PATH, every format", () => {
    const formats = ["table", "json", "markdown", "junit", "sarif", "html", "checklist", "github"] as const;
    const path = (f: string) => join(reports, `${nel ? "nel" : "plain"}-report.${f}`);
    const { out, label } = run(score("--format", "json", ...formats.flatMap((f) => ["--report", `${f}=${path(f)}`])));
    expectNoCiCommands(out, label);
    for (const f of formats) {
      const text = readFileSync(path(f), "utf8");
      const what = `${label}: the ${f} report`;
      if (f === "github") expectGithubCommands(text, SHOWN.github, nel, what);
      else expectNoCiCommands(text, what);
      if (f === "json" || f === "sarif")
        expectJsonKeeps(
          text,
          SHOWN[f].filter((x) => x !== "dir"),
          nel,
          what,
        );
      if (f === "junit" || f === "html") expectXmlKeeps(text, SHOWN[f], nel, what);
      expectCarries(f === "json" || f === "sarif" ? text.replace(/\\u0023/g, "#").replace(/\\u003a/g, ":") : text, SHOWN[f], what);
    }
  });

  it("score --record, then trend (table and json)", () => {
    run(score("--record", "--format", "json"));
    const table = run(["trend", dir]);
    expectNoCiCommands(table.out, table.label);
    expectCarries(table.out, SHOWN.trendTable, table.label);
    const json = run(["trend", dir, "--format", "json"]);
    expectNoCiCommands(json.out, json.label);
    expectJsonKeeps(json.out, SHOWN.trendJson, nel, json.label);
    const history = JSON.parse(json.out) as { project: string; entries: { band: string; branch?: string }[] };
    expect(history.project).toBe(DIR_NAME);
    expect(history.entries.at(-1)).toMatchObject({ band: valueFor("band0", nel), branch: BRANCH });
  });

  it("rubric rubric.yaml (table)", () => {
    const { out, label } = run(["rubric", rubric]);
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.rubricTable, label);
  });

  it("rubric rubric.yaml --format json: no command, and every string parses back as written", () => {
    const { out, label } = run(["rubric", rubric, "--format", "json"]);
    expectNoCiCommands(out, label);
    const parsed = expectJsonKeeps(out, SHOWN.rubricFull, nel, label) as { title: string; scoring: { bands: { label: string }[] } };
    expect(parsed.title).toBe(valueFor("rubricTitle", nel));
    expect(parsed.scoring.bands.map((b) => b.label)).toEqual(["band0", "band1", "band7"].map((f) => valueFor(f, nel)));
  });

  it("rubric rubric.yaml --format markdown", () => {
    const { out, label } = run(["rubric", rubric, "--format", "markdown"]);
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.rubricFull, label);
  });

  it("describe TEST --rubric rubric.yaml, a test the rubric overrides", () => {
    const { out, label } = run(["describe", "data-1", "--rubric", rubric]);
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.describe, label);
  });

  it("describe TEST --rubric rubric.yaml, a test the rubric adds", () => {
    const { out, label } = run(["describe", "extra-1", "--rubric", rubric]);
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.describeExtra, label);
  });

  it("detect (table and json)", () => {
    const table = run(["detect", dir]);
    expectNoCiCommands(table.out, table.label);
    expectCarries(table.out, SHOWN.detectTable, table.label);
    const json = run(["detect", dir, "--format", "json"]);
    expectNoCiCommands(json.out, json.label);
    expectJsonKeeps(json.out, SHOWN.detectJson, nel, json.label);
  });

  it("validate", () => {
    // The forged project's pointers lead nowhere: validate names them (exit 1), and stays CI-safe.
    const { out, label } = run(["validate", dir], 1);
    expectNoCiCommands(out, label);
    expectCarries(out, SHOWN.validate, label);
  });
}

describe("forged CI commands in every field of mltest.yaml and the repository rubric", { timeout: 30_000 }, () => {
  everyOutput(false);
});

// GitHub's runner trims a line with .NET's String.TrimStart() before it looks for "::"
// (actions/runner, ActionCommand.TryParseV2), and .NET counts U+0085 (NEXT LINE) as whitespace
// where JavaScript's \s does not. A line that starts with U+0085 and then "::error::" is a command
// to the runner, and ciSafe's /^(\s*):/ does not see it. Outputs that show control characters
// (plain(), md()) are safe anyway; outputs that print rubric text as it is (rubric, rubric
// --format markdown, describe) let such a line through.
describe("forged CI commands after U+0085, which the runner trims like a space", { timeout: 30_000 }, () => {
  everyOutput(true);
});

describe("the checks of this file", () => {
  it("reject every forged command as written, and pass it as mltest writes text", () => {
    const commands = [
      "::error::x",
      "  ::warning::x",
      "\t::error::x",
      "\u0085::error::x",
      "ok\n::error::x",
      "ok\r::error::x",
      "x ##[error]x",
      "x ##vso[task.complete result=Failed]",
      "x ##teamcity[buildProblem description='x']",
    ];
    for (const text of commands) {
      expect(() => expectNoCiCommands(text, "raw"), JSON.stringify(text)).toThrow(/lines a CI runner would obey/);
      // What ciSafe does to text (when \s covers the line's leading whitespace) passes.
      if (!text.includes("\u0085")) expectNoCiCommands(ciSafe(text, "text"), JSON.stringify(text));
    }
    expect(() => expectNoCiCommands("", "nothing")).toThrow(/printed nothing/);
  });

  it("notice a field that never reached an output", () => {
    expect(() => expectCarries("::error::forged-ownerB", ["owner"], "owner")).toThrow(/never reached/);
    expect(() =>
      expectJsonKeeps(JSON.stringify({ a: forged("owner").replace("\n", " ") }).replace(/#/g, "\\u0023"), ["owner"], false, "json"),
    ).toThrow(/did not come back/);
    expect(() => expectXmlKeeps("&#35;#[error] ::error::forged-owner", ["owner"], false, "xml")).toThrow(/not readable/);
  });

  it("reject a github line that a forged line feed would start", () => {
    const forgedLine = `::notice title=t::${forged("project").split("\n")[0]}\n::error::after-newline`;
    expect(() => expectGithubCommands(forgedLine, [], false, "github")).toThrow(
      /a line (that is not one annotation|starts with forged text)/,
    );
  });
});

describe("input errors on stderr", () => {
  /** A message per problem, each on one line: exit 2, nothing on stdout, and no command on stderr. */
  function expectSafeErrors(args: string[], label: string, ...shows: string[]): void {
    const r = mltest(...args);
    expect(r.status, label).toBe(2);
    expect(r.stdout, label).toBe("");
    expectNoCiCommands(r.stderr, `${label} (stderr)`);
    // A line feed in a message is shown as \u000a: every line is a whole message of its own.
    for (const line of r.stderr.replace(/\n$/, "").split("\n")) expect(line, label).toMatch(/^mltest: /);
    expect(r.stderr, label).not.toMatch(/[\r\u0085]/);
    for (const text of shows) expect(r.stderr.replace(/\u200B/g, ""), label).toContain(text);
  }

  it("an unknown key, an unknown status and an unknown test id in mltest.yaml", () => {
    const dir = dirWith({
      "mltest.yaml": [
        `project: p`,
        `"bad\\n::error::key ##[error]k\\r::warning::cr\\n\\N::error::nel": 1`,
        `tests:`,
        `  data-1:`,
        `    status: "##vso[task.logissue type=error]forged\\n::error::status"`,
        `  "x ##teamcity[buildProblem description='forged']":`,
        `    status: none`,
        ``,
      ].join("\n"),
    });
    expectSafeErrors(
      ["score", dir],
      "mltest score <project> with a bad mltest.yaml",
      "bad\\u000a::error::key ##[error]k\\u000d::warning::cr\\u000a\\u0085::error::nel",
      "##vso[task.logissue",
      "##teamcity[buildProblem",
    );
  });

  it("an unknown key in a repository rubric", () => {
    const dir = dirWith({
      "mltest.yaml": "rubric: rubric.yaml\n",
      "rubric.yaml": `extends: ml-test-score-2017\nid: r\ntitle: r\nversion: "1"\n"bad\\n::error::rubric-key ##[error]k": 1\n`,
    });
    expectSafeErrors(["score", dir], "mltest score <project> with a bad rubric.yaml", "bad\\u000a::error::rubric-key ##[error]k");
    expectSafeErrors(
      ["rubric", join(dir, "rubric.yaml")],
      "mltest rubric <project>/rubric.yaml (bad)",
      "bad\\u000a::error::rubric-key ##[error]k",
    );
  });
});
