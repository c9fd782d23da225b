// src/patterns.ts: repository patterns run in linear time, and mean what the libraries that read
// them say they mean. picomatch reads globs and `ignore` reads .gitignore rules; RE2 runs what they
// make of them. These tests hold RE2's answers to the libraries' own, on generated inputs.

import { join } from "node:path";
import fc from "fast-check";
import ignore from "ignore";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { builtinDir, builtinIds } from "../src/load/builtin-rubrics.js";
import { loadRubric } from "../src/load/rubric.js";
import { gitignoreRules, safeGlob, safeRegex } from "../src/util/patterns.js";

const SEED = { seed: 42, numRuns: 300 };

/** Path segments from a small alphabet, so that globs and rules often match. */
const segment = fc.stringMatching(/^[ab.]{1,4}$/).filter((s) => s !== "." && s !== "..");
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));
const globPart = fc.constantFrom("a", "b", ".b", "*", "**", "?", "a*", "*b", "[ab]", "{a,b}", "*.b", "a?b");
const glob = fc.array(globPart, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));

describe("safeGlob", () => {
  it("matches what picomatch matches (dotfiles on, no extglobs), for any glob and normalised path", () => {
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 8 }), (g, paths) => {
        const safe = safeGlob(g);
        expect(safe.ok).toBe(true);
        const isMatch = picomatch(g, { dot: true, noextglob: true, nonegate: true, windows: false });
        for (const p of paths) expect(safe.ok && safe.value(p), `${g} ~ ${p}`).toBe(isMatch(p));
      }),
      SEED,
    );
  });

  it("answers a glob that backtracks catastrophically in V8 at once", () => {
    const safe = safeGlob("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b");
    expect(safe.ok && safe.value("a".repeat(200))).toBe(false);
  });
});

describe("safeRegex", () => {
  it("refuses what only a backtracking engine can run, and says why; refuses invalid syntax as such", () => {
    expect(safeRegex("(?=a)b")).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^a regular expression mltest cannot run in linear time/),
    });
    expect(safeRegex("(a)\\1")).toMatchObject({ ok: false, reason: expect.stringMatching(/no back-references/) });
    // A look-behind RE2JS runs in linear time: "not integration" is not an integration test.
    const behind = safeRegex("pytest[^\\n]*(?<!not )integration");
    expect(behind.ok && [behind.value.test('pytest -m "not integration"'), behind.value.test("pytest tests/integration")]).toEqual([
      false,
      true,
    ]);
    expect(safeRegex("(a")).toMatchObject({ ok: false, reason: expect.stringMatching(/^not a valid regular expression: /) });
  });

  it("searches blank lines in linear time where V8 takes quadratic time (^\\s* over a file of blank lines)", () => {
    const safe = safeRegex("^\\s*(import pandera|from pandera)");
    expect(safe.ok && safe.value.test(" \n".repeat(512 * 1024))).toBe(false);
  });

  it("finds the first match where V8 does, in multi-line mode", () => {
    const text = "import os\nfrom evidently import Report\nx = 1\n";
    for (const source of ["^from evidently\\b", "Report$", "import\\s+\\w+", "great_expectations"]) {
      const safe = safeRegex(source);
      expect(safe.ok).toBe(true);
      const found = safe.ok ? safe.value.exec(text) : null;
      const v8 = new RegExp(source, "m").exec(text);
      expect(found && { index: found.index, text: found[0] }, source).toEqual(v8 && { index: v8.index, text: v8[0] });
    }
  });

  it("runs every pattern of the built-in rubrics", () => {
    const sources = builtinIds().flatMap((id) =>
      loadRubric(join(builtinDir(), `${id}.yaml`)).rubric.sections.flatMap((s) =>
        s.tests.flatMap((t) => (t.detect ?? []).flatMap((d) => [d.contains, d.ci])),
      ),
    );
    expect(sources.filter((s): s is string => s !== undefined && !safeRegex(s).ok)).toEqual([]);
  });
});

describe("gitignoreRules", () => {
  const rule = fc.oneof(
    glob,
    glob.map((g) => `!${g}`),
    glob.map((g) => `/${g}`),
    glob.map((g) => `${g}/`),
  );

  it("ignores what `ignore` ignores, for any rules and any path checked folder by folder as the scan does", () => {
    fc.assert(
      fc.property(fc.array(rule, { minLength: 1, maxLength: 6 }), fc.array(path, { minLength: 1, maxLength: 8 }), (rules, paths) => {
        const text = rules.join("\n");
        const ours = gitignoreRules(text);
        const theirs = ignore().add(text);
        for (const p of paths) {
          // The scan never enters an ignored folder: a path is ignored when it, or a folder above it, is.
          const parts = p.split("/");
          const folders = parts.slice(0, -1).map((_, i) => `${parts.slice(0, i + 1).join("/")}/`);
          const ignored = folders.some((f) => ours.ignores(f)) || ours.ignores(p);
          expect(ignored, `${JSON.stringify(rules)} ~ ${p}`).toBe(theirs.ignores(p));
        }
      }),
      SEED,
    );
  });

  it("answers a rule that backtracks catastrophically in V8 at once", () => {
    const { ignores } = gitignoreRules("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b\na/**/**/**/**/**/**/**/**/**/b\n");
    expect(ignores("a".repeat(200))).toBe(false);
    expect(ignores(`${"a/".repeat(60)}c`)).toBe(false);
  });
});
