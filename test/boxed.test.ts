// The boxed terminal tables (src/format/boxed.ts, drawn by cli-table3): columns as wide as a
// terminal shows their text, colour only from chalk, and long lists split into bounded tables.
import { Chalk } from "chalk";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { boxed, ROWS_PER_TABLE } from "../src/format/boxed.js";
import cellWidth from "../src/format/cell-width.js";
import { mltest } from "./run.js";

const ESCAPE = /\u001b\[[0-9;]*m/g;
const same = (text: string) => text;

describe("the width the bundle's cli-table3 measures cells with (src/format/cell-width.cts)", () => {
  it("is string-width's for every code point up to U+2FFF, alone and in text", () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0x2fff; code++) {
      const char = String.fromCharCode(code);
      for (const text of [char, `a${char}b`, `${char}${char}`])
        if (cellWidth(text) !== stringWidth(text)) differ.push(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
    }
    expect(differ).toEqual([]);
  });

  it("is string-width's for wide, combining, emoji and mixed text (control: those take string-width's path)", () => {
    for (const text of ["機能/テスト", "e\u0301té", "🚀-launch", "👩‍💻dev", "ｆｕｌｌ", "\u200bzero", "Ω≈ç√", "— · … ’", ""]) {
      expect(cellWidth(text), text).toBe(stringWidth(text));
    }
    expect(stringWidth("機能")).toBe(4);
  });
});

describe("boxed tables", () => {
  it("pads wide, combining and emoji characters by the columns a terminal gives them", () => {
    const rows = [
      ["機能/テスト", "1"], // CJK: two columns a character
      ["e\u0301té", "0.5"], // a combining accent takes no column
      ["🚀-launch", "2"], // an emoji takes two
      ["ｆｕｌｌ", "—"], // full-width Latin letters take two each
    ];
    expect(boxed(["Branch", "Final"], rows, same)).toBe(
      [
        "┌─────────────┬───────┐",
        "│ Branch      │ Final │",
        "├─────────────┼───────┤",
        "│ 機能/テスト │ 1     │",
        "│ e\u0301té         │ 0.5   │",
        "│ 🚀-launch   │ 2     │",
        "│ ｆｕｌｌ    │ —     │",
        "└─────────────┴───────┘",
      ].join("\n"),
    );
  });

  it("a table with no rows is its head alone", () => {
    expect(boxed(["Test", "Title"], [], same)).toBe(["┌──────┬───────┐", "│ Test │ Title │", "└──────┴───────┘"].join("\n"));
  });

  it("colour off: no escape codes; colour on: chalk's codes only, and the same layout once they are removed", () => {
    const table = (level: 0 | 1) => {
      const c = new Chalk({ level });
      return boxed(
        ["Gate", "Owner"],
        [
          [c.green("passed"), "ml-team"],
          [c.red("FAILED"), c.dim("—")],
        ],
        (h) => c.bold(h),
      );
    };
    const plain = table(0);
    expect(plain).not.toContain("\u001b");
    const coloured = table(1);
    expect(coloured).toContain("\u001b[1mGate\u001b[22m");
    expect(coloured).toContain("\u001b[32mpassed\u001b[39m");
    // cli-table3 adds none of its own (border and head styles are empty): every code is one of chalk's.
    const chalkCodes = ["\u001b[1m", "\u001b[22m", "\u001b[32m", "\u001b[31m", "\u001b[39m", "\u001b[2m"];
    expect(new Set(coloured.match(ESCAPE))).toEqual(new Set(chalkCodes));
    expect(coloured.replace(ESCAPE, "")).toBe(plain);
  });

  it("gives every block the columns of the whole list, so that the tables line up", () => {
    const rows = Array.from({ length: ROWS_PER_TABLE + 1 }, (_, i) => [
      String(i),
      i === ROWS_PER_TABLE ? "the widest cell, in the last block" : "x",
    ]);
    const lines = boxed(["Run", "Note"], rows, same)
      .split("\n")
      .filter((l) => l !== "");
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[0]).toBe(`┌─────┬${"─".repeat("the widest cell, in the last block".length + 2)}┐`);
  });

  it(`splits more than ${ROWS_PER_TABLE} rows into tables of at most ${ROWS_PER_TABLE}, each with the head, in order`, () => {
    const rows = Array.from({ length: 2 * ROWS_PER_TABLE + 1 }, (_, i) => [String(i)]);
    const tables = boxed(["Run"], rows, same).split("\n\n");
    expect(tables).toHaveLength(3);
    const bodies = tables.map((t) =>
      t
        .split("\n")
        .filter((l) => /^│ \d/.test(l))
        .map((l) => Number(l.slice(2, -2))),
    );
    expect(bodies.map((b) => b.length)).toEqual([ROWS_PER_TABLE, ROWS_PER_TABLE, 1]);
    expect(bodies.flat()).toEqual(rows.map((_, i) => i));
    for (const t of tables) expect(t.split("\n")[1]).toMatch(/^│ Run +│$/);
    expect(boxed(["Run"], rows.slice(0, ROWS_PER_TABLE), same).split("\n\n")).toHaveLength(1);
  });

  it("the CLI's tables carry no escape codes with --no-color", () => {
    for (const args of [
      ["rubric", "--no-color"],
      ["score", "examples/fraud-scoring", "--no-color"],
    ]) {
      const r = mltest(...args);
      expect(r.stdout).toContain("┌──");
      expect(r.stdout).not.toContain("\u001b");
    }
  });
});
