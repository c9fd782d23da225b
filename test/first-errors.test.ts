// The first errors a new user meets: a real broken mltest.yaml per common mistake, run through
// the built CLI in the project's folder, and the exact message it prints. Each says what is wrong
// and what to write instead, at the line and column to change, with exit code 2 and no stack trace.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { caseFolders, mltest, ROOT } from "./run.js";

const dirWith = caseFolders("mltest-first-errors-");

/** Runs mltest in `cwd`, as a user in their project folder does. */
const mltestIn = (cwd: string, ...args: string[]) => mltest(args, { cwd });

/** `mltest validate` on a project whose mltest.yaml is `lines`: its stderr lines, after checking exit 2. */
function refused(lines: string[]): string[] {
  const r = mltestIn(dirWith({ "mltest.yaml": `${lines.join("\n")}\n` }), "validate");
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r.stderr.split("\n").filter(Boolean);
}

describe("YAML mistakes are said in plain words, where the change goes", () => {
  it("a key indented more than the key above it, which has a value: at that key, not the line before", () => {
    // The parser says "Nested mappings are not allowed in compact mappings" at 3:13.
    expect(refused(["tests:", "  data-1:", "    status: automated", "     evidence:", "      - path: train.py"])).toEqual([
      'mltest: mltest.yaml:4:6: "evidence" is indented more than "status" on line 3, which already has a value, so nothing can nest under it: indent it by 4 spaces to line it up with "status"',
    ]);
  });

  it("a key indented to no column above it: both columns it may have meant", () => {
    // The parser says "All mapping items must start at the same column".
    expect(refused(["tests:", "  data-1:", "    status: automated", "   evidence:", "    - path: train.py"])).toEqual([
      'mltest: mltest.yaml:4:4: "evidence" is indented by 3 spaces, which lines up with no key above it (keys of one mapping must start in the same column): indent it by 4 spaces like "status" on line 3, or by 2 spaces like "data-1" on line 2',
    ]);
  });

  it("a list item indented to no item above it", () => {
    expect(refused(["tests:", "  data-1:", "    status: manual", "    evidence:", "      - doc: a.md", "     - doc: b.md"])).toEqual([
      "mltest: mltest.yaml:6:6: this list item is indented by 5 spaces, which lines up with no item above it (items of one list must start in the same column): indent it by 6 spaces like the item on line 5",
    ]);
  });

  it("a pointer's second key out of line with the first, inside a list item", () => {
    const head = ["tests:", "  data-1:", "    status: automated", "    evidence:", "      - ci: .github/workflows/ci.yml#test"];
    // The parser says "Sequence item without - indicator" and "All mapping items must start at the same column".
    expect(refused([...head, "       runs: pytest"])).toEqual([
      'mltest: mltest.yaml:6:8: "runs" is indented by 7 spaces, which lines up with no key above it (keys of one mapping must start in the same column): indent it by 8 spaces like "ci" on line 5',
    ]);
    expect(refused([...head, "      runs: pytest"])).toEqual([
      'mltest: mltest.yaml:6:7: "runs" is indented by 6 spaces, which lines up with no key above it (keys of one mapping must start in the same column): indent it by 8 spaces like "ci" on line 5, or by 4 spaces like "evidence" on line 4',
    ]);
    expect(refused([...head, "          runs: pytest"])).toEqual([
      'mltest: mltest.yaml:6:11: "runs" is indented more than "ci" on line 5, which already has a value, so nothing can nest under it: indent it by 8 spaces to line it up with "ci"',
    ]);
  });

  it("an apostrophe inside single quotes", () => {
    // The parser says "Unexpected scalar at node end".
    expect(refused(["tests:", "  data-1:", "    status: none", "    notes: 'don't know'"])).toEqual([
      "mltest: mltest.yaml:4:17: text follows the closing ' of a quoted value: inside '…' write an apostrophe as two ('don''t'), or put the whole value in double quotes",
    ]);
  });

  it("a test's key at the level of the test ids", () => {
    expect(refused(["tests:", "  data-1:", "  status: automated"])).toEqual([
      'mltest: mltest.yaml:2:3 tests.data-1: "data-1" has nothing under it: write "data-1:" with "status: none" on the next line, indented two spaces further (or manual, automated, not-applicable)',
      'mltest: mltest.yaml:3:3 tests.status: "status" is not a test id but a key of a test: indent it two spaces further, under the test id above it',
    ]);
  });

  it("a test id at the top level, outside tests:", () => {
    expect(refused(["tests:", "data-1:", "  status: none"])).toEqual([
      'mltest: mltest.yaml:1:1 tests: nothing under "tests:": give each test its own line below it, indented two spaces, with its status indented two more',
      'mltest: mltest.yaml:2:1 data-1: "data-1" is a test id, and tests go under "tests:": indent it two spaces, below the "tests:" line',
    ]);
  });

  it("two keys on one line", () => {
    expect(refused(["tests:", "  data-1: status: automated"])).toEqual([
      'mltest: mltest.yaml:2:11: a second key on the line of "data-1", which YAML cannot nest there: put "status: automated" on a line of its own, indented under "data-1"; or, if the colon is part of the text, put it in quotes: data-1: "status: automated"',
    ]);
  });

  it("a colon inside a text: quoting it is the fix offered", () => {
    expect(refused(["tests:", "  data-1:", "    status: none", "    notes: Fix: retrain weekly"])).toEqual([
      'mltest: mltest.yaml:4:12: a second key on the line of "notes", which YAML cannot nest there: put "Fix: retrain weekly" on a line of its own, indented under "notes"; or, if the colon is part of the text, put it in quotes: notes: "Fix: retrain weekly"',
    ]);
  });

  it("a tab used for indentation, on each line that has one", () => {
    const tab =
      "a tab indents this line, and YAML indents with spaces only: replace the tab with spaces (most editors can insert spaces when Tab is pressed)";
    expect(refused(["tests:", "\tdata-1:", "\t\tstatus: none"])).toEqual([
      `mltest: mltest.yaml:2:1: ${tab}`,
      `mltest: mltest.yaml:3:1: ${tab}`,
    ]);
    expect(refused(["tests:", "  data-1:", "  \tstatus: none"])).toEqual([`mltest: mltest.yaml:3:3: ${tab}`]);
  });

  it.each([
    ["a test's only key", ["tests:", "  data-1:", "    status:automated"], "3:5 tests.data-1", "status:automated", "status: automated"],
    ["a key among others", ["tests:", "  data-1:", "    status:none", "    owner: ml-team"], "3:5", "status:none", "status: none"],
    ["the last key", ["tests:", "  data-1:", "    owner: ml-team", "    status:none"], "4:5", "status:none", "status: none"],
    [
      "a pointer in a list",
      ["tests:", "  data-1:", "    status: manual", "    evidence:", "      - doc:docs/review.md"],
      "5:9 tests.data-1.evidence.0",
      "doc:docs/review.md",
      "doc: docs/review.md",
    ],
    ["a top-level key", ["project:fraud", "tests:", "  data-1:", "    status: none"], "1:1", "project:fraud", "project: fraud"],
  ])("a missing space after a colon: %s", (_, lines, at, written, fixed) => {
    expect(refused(lines)).toEqual([
      `mltest: mltest.yaml:${at}: "${written}" needs a space after the colon to be read as a key and its value: write "${fixed}"`,
    ]);
  });

  it("an unclosed double quote: at the quote that opens it, not at the end of the file", () => {
    // The parser says 'Missing closing "quote' at 5:1.
    expect(refused(['project: "fraud scoring', "tests:", "  data-1:", "    status: none"])).toEqual([
      'mltest: mltest.yaml:1:10: this " opens a quoted text that is never closed, so everything after it was read as part of that text: add the closing " where the text ends',
    ]);
  });

  it("an unclosed single quote", () => {
    expect(refused(["tests:", "  data-1:", "    status: none", "    owner: 'ml-team", "  data-2:", "    status: none"])).toEqual([
      "mltest: mltest.yaml:4:12: this ' opens a quoted text that is never closed, so everything after it was read as part of that text: add the closing ' where the text ends",
    ]);
  });

  it("an unclosed bracket: at the bracket, and only that (the rest of the file was misread)", () => {
    // The parser says "Flow sequence in block collection must be sufficiently indented and end with a ]" at 5:3.
    expect(refused(["tests:", "  data-1:", "    status: manual", "    evidence: [ {doc: a.md}", "  data-2:", "    status: none"])).toEqual([
      'mltest: mltest.yaml:4:15: this "[" opens a list that is never closed: end it with "]" on the same line (as in [a, b]), or write each item on a line of its own, starting with "- "',
    ]);
  });

  it("an unclosed brace", () => {
    expect(refused(["tests:", "  data-1: {status: none", "  data-2:", "    status: none"])).toEqual([
      'mltest: mltest.yaml:2:11: this "{" opens a mapping that is never closed: end it with "}" on the same line (as in {path: a}), or write each key on a line of its own',
    ]);
  });

  it("a duplicate key: at the second, naming the line of the first", () => {
    expect(refused(["tests:", "  data-1:", "    status: none", "  data-1:", "    status: manual"])).toEqual([
      'mltest: mltest.yaml:4:3 tests.data-1: duplicate key "data-1": it is already on line 2, and a key may appear once in its mapping; merge the two into one entry, or delete one',
    ]);
  });

  it("a first line indented: said once, at that line, not at every token after it", () => {
    // The parser says "Unexpected scalar at node end", then "Unexpected … token in YAML stream" for each token that follows.
    expect(refused(["  project: fraud", "tests:", "  data-1:", "    status: none"])).toEqual([
      'mltest: mltest.yaml:1:3: "project" is indented by 2 spaces, but it is the file\'s first line: the top-level keys start at the beginning of their lines (as on line 2), so remove the spaces before it',
    ]);
  });

  it("a closing bracket that closes nothing", () => {
    expect(refused(["tests:", "  data-1:", "    status: manual", "    evidence: [{doc: a.md}]]", "  data-2:", "    status: none"])).toEqual(
      ['mltest: mltest.yaml:4:28: this "]" closes nothing: remove it, or add the "[" it was meant to close'],
    );
  });

  it("a second document", () => {
    expect(refused(["tests: {}", "---", "project: fraud"])).toEqual([
      'mltest: mltest.yaml:2:1: a second YAML document starts here ("---"), and mltest reads one per file: remove the "---" line so that what follows joins the part above',
    ]);
  });
});

describe("a test written as a bare value gets the exact fix", () => {
  it("a bare status", () => {
    // Before: "Invalid input: expected object, received string".
    expect(refused(["tests:", "  data-1: automated"])).toEqual([
      'mltest: mltest.yaml:2:3 tests.data-1: a test is a mapping, not a bare status: write "data-1:" with "status: automated" on the next line, indented two spaces further',
    ]);
  });

  it("a value that is no status", () => {
    expect(refused(["tests:", "  data-1: done"])).toEqual([
      'mltest: mltest.yaml:2:3 tests.data-1: a test is a mapping (status, evidence, owner and so on), not the value "done": write "data-1:" with "status: none | manual | automated | not-applicable" on the next line, indented two spaces further',
    ]);
  });

  it("nothing under the test id", () => {
    expect(refused(["tests:", "  data-1:", "  data-2:", "    status: none"])).toEqual([
      'mltest: mltest.yaml:2:3 tests.data-1: "data-1" has nothing under it: write "data-1:" with "status: none" on the next line, indented two spaces further (or manual, automated, not-applicable)',
    ]);
  });
});

describe("no evidence file: mltest init is suggested", () => {
  const message = (command: string) =>
    `mltest: mltest.yaml: no evidence file here. Run "${command}" to write one with every rubric test and the evidence it finds in the project, then review it and run this again\n`;

  it.each(["score", "validate", "checklist", "badge"])("%s in a folder without mltest.yaml", (command) => {
    const r = mltestIn(dirWith({ "train.py": "print('hi')\n" }), command);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(message("mltest init"));
  });

  it("names the folder given, quoted for a shell when it needs it", () => {
    const dir = dirWith({ "my project/train.py": "" });
    const r = mltestIn(dir, "score", "my project");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(message("mltest init 'my project'").replace("mltest.yaml:", "my project/mltest.yaml:"));
    expect(mltestIn(dir, "validate", "./my project/..").stderr).toBe(message("mltest init"));
  });

  it("an --evidence file that does not exist is only that", () => {
    const r = mltestIn(dirWith(), "validate", "--evidence", "ml.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("mltest: ml.yaml: no such evidence file (given with --evidence)\n");
  });
});

describe("docs/evidence-file.md shows what mltest prints", () => {
  const readme = readFileSync(join(ROOT, "docs/evidence-file.md"), "utf8");
  /** The fenced block of `lang` in the page that contains `needle`, its indentation removed. */
  function block(lang: string, needle: string): string[] {
    const found = [...readme.matchAll(new RegExp(`^( *)\`\`\`${lang}\\n([\\s\\S]*?)^ *\`\`\``, "gm"))].find((m) => m[2]!.includes(needle));
    expect(found, `a ${lang} block with ${needle}`).toBeDefined();
    return found![2]!
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(found![1]!.length));
  }

  it("the first errors it quotes", () => {
    const shown = block("text", "mltest.yaml:4:6");
    expect(shown).toEqual([
      ...refused(["tests:", "  data-1:", "    status: automated", "     evidence:", "      - path: train.py"]),
      ...refused(["tests:", "  data-1: automated"]),
    ]);
  });

  it("its ignore: example is a valid evidence file", () => {
    const ignore = block("yaml", "ignore:");
    const r = mltestIn(dirWith({ "mltest.yaml": `tests: {}\n${ignore.join("\n")}\n` }), "validate");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
