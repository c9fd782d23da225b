// The checklist for a production-readiness review, as a lead pastes it into meeting notes (issue
// 16): action items with owner and due fields, evidence as links, the commit and the date, a
// decision block, status as words with checkboxes only for action items, Markdown without stray
// escapes, a brief agenda form, and what changed since the last review.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { AS_OF, caseFolders, mltest, ROOT } from "./run.js";

const examples = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

const cases = caseFolders("mltest-checklist-");

const SHA = "0123456789abcdef0123456789abcdef01234567";

/** A small project: one automated, one manual and one broken claim, and a path outside the project. */
const PROJECT = {
  "mltest.yaml": `project: demo
rubric: ml-test-score-2017
tests:
  data-1:
    status: automated
    owner: data_platform
    evidence:
      - path: schema/feature_schema.py
  data-2:
    status: manual
    owner: ml-team
    verified: 2026-11-01
    evidence:
      - doc: docs/feature_review.md
  data-3:
    status: manual
    verified: 2026-11-01
    evidence:
      - doc: ../outside.md
  model-1:
    status: automated
    owner: modeling
    evidence:
      - path: docs/missing.md
`,
  "schema/feature_schema.py": "# schema\n",
  "docs/feature_review.md": "# review\n",
};

/** The lines of one "## " section, heading excluded, up to the next "## " heading. */
function section(text: string, title: RegExp): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => title.test(l));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const ACTIONS = /^## Action items/;
const CHECKBOX = /^\s*[-*+] \[[ xX]\]/;

describe.each(examples)("examples/%s", (name) => {
  const full = mltest("checklist", `examples/${name}`, "--as-of", AS_OF);
  const brief = mltest("checklist", `examples/${name}`, "--as-of", AS_OF, "--brief");

  it("--brief is a short agenda: under 60 lines, with the score, the action items and the decision", () => {
    expect(brief.status).toBe(0);
    expect(brief.stderr).toBe("");
    const lines = brief.stdout.trimEnd().split("\n");
    expect(lines.length, brief.stdout).toBeLessThan(60);
    expect(lines[0]).toMatch(/^# Production-readiness review: .+ \(brief\)$/);
    expect(brief.stdout).toContain("**Where we stand:** ML Test Score **");
    expect(brief.stdout).toMatch(/^## Action items/m);
    expect(brief.stdout).toMatch(/^## Decision$/m);
    // Far shorter than the full document.
    expect(lines.length * 2).toBeLessThan(full.stdout.split("\n").length);
  });

  it("--brief stays under 60 lines with the longest list of changes since the last review", () => {
    // The same project with every test at none, and another project on another rubric.
    const report = JSON.parse(mltest("score", `examples/${name}`, "--format", "json", "--as-of", AS_OF).stdout);
    for (const s of report.sections) for (const t of s.tests) Object.assign(t, { status: "none", points: 0 });
    const other = examples.find((e) => e !== name && e !== "research-prototype")!;
    const baselines = [JSON.stringify(report), mltest("score", `examples/${other}`, "--format", "json", "--as-of", AS_OF).stdout];
    for (const json of baselines) {
      const baseline = join(cases(), "baseline.json");
      writeFileSync(baseline, json);
      const run = mltest("checklist", `examples/${name}`, "--as-of", AS_OF, "--brief", "--baseline", baseline);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^## Changed since the last review$/m);
      expect(run.stdout.trimEnd().split("\n").length, run.stdout).toBeLessThan(60);
    }
  });

  it("has checkboxes only for action items, and none ticked", () => {
    for (const text of [full.stdout, brief.stdout]) {
      const actions = new Set(section(text, ACTIONS));
      const boxes = text.split("\n").filter((l) => CHECKBOX.test(l));
      expect(boxes.length).toBeGreaterThan(0);
      for (const line of boxes) expect(actions.has(line), `a checkbox outside the action items: ${line}`).toBe(true);
      expect(text).not.toContain("[x]");
      expect(text).not.toContain("[X]");
    }
  });

  it("says each test's status in words", () => {
    const statuses = full.stdout.split("\n").filter((l) => l.startsWith("  - Status: "));
    expect(statuses.length).toBeGreaterThan(20);
    for (const line of statuses) {
      expect(line).toMatch(
        /^ {2}- Status: (verified (automated|manual)|(automated|manual), (unverified|stale)(, counts as none)?|broken \(claimed (automated|manual), counts as none\)|none|not applicable \(waived\)|waiver expired on \S+: counts as none|disabled by the rubric: .*|automated|manual)( ·|$)/,
      );
    }
  });

  it("pastes cleanly: no escaped underscore inside a word", () => {
    expect(full.stdout).not.toMatch(/[\p{L}\p{N}]\\_/u);
    expect(brief.stdout).not.toMatch(/[\p{L}\p{N}]\\_/u);
  });
});

describe("action items", () => {
  it("each has an owner field (the evidence file's owner, when it names one) and a due field", () => {
    const yaml = readFileSync(join(ROOT, "examples/fraud-scoring/mltest.yaml"), "utf8");
    const ownerOf = (id: string) => new RegExp(`\\n  ${id}:\\n(?:    .*\\n)*?    owner: (\\S+)`).exec(yaml)?.[1];
    for (const flags of [[], ["--brief"]]) {
      const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, ...flags);
      const lines = section(run.stdout, ACTIONS);
      const items = lines.flatMap((l, i) => (/^- \[ \] /.test(l) ? [i] : []));
      expect(items.length).toBeGreaterThanOrEqual(5);
      for (const i of items) {
        const id = /^- \[ \] \*\*([\w-]+)\*\*/.exec(lines[i]!)![1]!;
        const rest = lines.slice(i + 1);
        const owner = rest.find((l) => l.startsWith("  - owner:"));
        // The full form gives each field its line; the brief form puts both on one.
        const due = flags.length ? owner : rest.find((l) => l.startsWith("  - due:"));
        expect(owner, id).toBe(flags.length ? `  - owner: ${ownerOf(id)} · due:` : `  - owner: ${ownerOf(id)}`);
        if (!flags.length) expect(due, id).toBe("  - due:");
        // Both belong to this item: they come before the next one.
        const next = rest.findIndex((l) => /^- \[ \] /.test(l));
        if (next >= 0) expect(rest.indexOf(due!)).toBeLessThan(next);
      }
    }
  });

  it("leaves the owner field empty when the evidence file names none", () => {
    const dir = cases(PROJECT);
    const run = mltest("checklist", dir, "--as-of", AS_OF);
    const owners: Record<string, string> = { "data-1": "data_platform", "data-2": "ml-team", "model-1": "modeling" };
    const lines = section(run.stdout, ACTIONS);
    const items = lines.flatMap((l, i) => (/^- \[ \] /.test(l) ? [i] : []));
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      const id = /^- \[ \] \*\*([\w-]+)\*\*/.exec(lines[i]!)![1]!;
      const at = lines.findIndex((l, j) => j > i && l.startsWith("  - owner:"));
      expect(lines.slice(at, at + 2), id).toEqual([owners[id] ? `  - owner: ${owners[id]}` : "  - owner:", "  - due:"]);
    }
    expect(lines).toContain("  - owner:");
  });
});

describe("evidence links", () => {
  const links = (text: string) => [...text.matchAll(/\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)/g)].map((m) => ({ text: m[1]!, href: m[2]! }));

  it("lead from the --output file to the project's files", () => {
    const dir = cases(PROJECT);
    const out = join(cases(), "notes/reviews/review.md");
    mkdirSync(dirname(out), { recursive: true });
    const run = mltest("checklist", dir, "--as-of", AS_OF, "--output", out);
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(out, "utf8");
    const found = links(text);
    expect(found.map((l) => l.text).sort()).toEqual(["docs/feature_review.md", "schema/feature_schema.py"]);
    for (const { href } of found) {
      expect(href.startsWith("../")).toBe(true);
      const target = resolve(dirname(out), decodeURI(href));
      expect(existsSync(target), href).toBe(true);
      expect(relative(dir, target).startsWith("..")).toBe(false);
    }
  });

  it("lead from the working directory without --output", () => {
    const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF);
    const found = links(run.stdout);
    expect(found.length).toBeGreaterThan(10);
    for (const { href } of found) {
      expect(href.startsWith("examples/fraud-scoring/"), href).toBe(true);
      expect(existsSync(join(ROOT, decodeURI(href))), href).toBe(true);
    }
  });

  it("are plain text for a path outside the project and for a pointer that is broken", () => {
    const dir = cases(PROJECT);
    const run = mltest("checklist", dir, "--as-of", AS_OF);
    const found = links(run.stdout);
    expect(found.some((l) => l.href.includes("outside"))).toBe(false);
    expect(found.some((l) => l.href.includes("missing"))).toBe(false);
    expect(run.stdout).toContain("Evidence: doc `../outside.md`");
    expect(run.stdout).toContain("Evidence: path `docs/missing.md` (broken)");
  });
});

describe("the commit", () => {
  const commitLine = (dir: string) =>
    mltest("checklist", dir, "--as-of", AS_OF)
      .stdout.split("\n")
      .find((l) => l.startsWith("- Commit: "));

  it("is read from the project's .git folder: HEAD, then the branch's ref file", () => {
    const dir = cases({ ...PROJECT, ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": `${SHA}\n` });
    expect(commitLine(dir)).toBe(`- Commit: ${SHA} (branch main)`);
  });

  it("is read from packed-refs when the branch has no ref file", () => {
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${"f".repeat(40)} refs/heads/other\n${SHA} refs/heads/release/1.0\n`;
    const dir = cases({ ...PROJECT, ".git/HEAD": "ref: refs/heads/release/1.0\n", ".git/packed-refs": packed });
    expect(commitLine(dir)).toBe(`- Commit: ${SHA} (branch release/1.0)`);
  });

  it("is a detached HEAD's own commit", () => {
    const dir = cases({ ...PROJECT, ".git/HEAD": `${SHA}\n` });
    expect(commitLine(dir)).toBe(`- Commit: ${SHA}`);
  });

  it("is not read through a .git file (a worktree), and says it is unknown", () => {
    const elsewhere = cases({ HEAD: "ref: refs/heads/main\n", "refs/heads/main": `${SHA}\n` });
    const dir = cases({ ...PROJECT, ".git": `gitdir: ${elsewhere}\n` });
    const line = commitLine(dir)!;
    expect(line).toMatch(/^- Commit: unknown \(.*\.git is a file/);
    expect(line).not.toContain(SHA);
  });

  it("is unknown, and says so, without a .git folder; the --as-of date is stated", () => {
    const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF, "--brief");
    expect(run.stdout).toContain("- Commit: unknown\n");
    expect(run.stdout).toContain(`- As of: ${AS_OF}`);
  });
});

describe("the decision block", () => {
  it("closes the document: go, no-go or go with conditions as words, approver and date lines", () => {
    for (const flags of [[], ["--brief"]]) {
      const run = mltest("checklist", "examples/payments-risk", "--as-of", AS_OF, ...flags);
      const lines = run.stdout.trimEnd().split("\n");
      const start = lines.indexOf("## Decision");
      expect(start).toBeGreaterThan(lines.findIndex((l) => ACTIONS.test(l)));
      const block = lines.slice(start);
      expect(block.filter((l) => l.startsWith("## "))).toEqual(["## Decision"]);
      expect(block).toContain("Circle or tick one: **Go** · **No-go** · **Go with conditions**");
      for (const field of ["- Conditions (for go with conditions):", "- Approver:", "- Date:", "- Next review:"])
        expect(block).toContain(field);
      expect(block.some((l) => CHECKBOX.test(l))).toBe(false);
    }
  });
});

describe("changed since the last review", () => {
  const changed = (text: string) => section(text, /^## Changed since the last review$/);

  it("--baseline FILE lists the tests whose status or points changed, and only those", () => {
    const dir = cases(PROJECT);
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout);
    // Since then: data-2 went from manual to automated; model-1's evidence appeared (0 → 2 points).
    const yaml = PROJECT["mltest.yaml"].replace("  data-2:\n    status: manual", "  data-2:\n    status: automated");
    writeFileSync(join(dir, "mltest.yaml"), yaml);
    writeFileSync(join(dir, "docs/missing.md"), "# here now\n");
    const run = mltest("checklist", dir, "--as-of", AS_OF, "--baseline", baseline);
    expect(run.status, run.stderr).toBe(0);
    const lines = changed(run.stdout);
    expect(lines.join("\n")).toContain("Compared with the report");
    const items = lines.filter((l) => l.startsWith("- "));
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^- \*\*data-2\*\* .*: manual → automated, /);
    expect(items[1]).toMatch(/^- \*\*model-1\*\* .*: automated, 0 → 1 point$/);
  });

  it("says nothing changed when nothing did", () => {
    const dir = cases(PROJECT);
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout);
    const run = mltest("checklist", dir, "--as-of", AS_OF, "--baseline", baseline);
    expect(changed(run.stdout)).toContain("No test's status or points changed.");
  });

  it("without --baseline, compares with the last run recorded in .mltest/history.jsonl", () => {
    const dir = cases(PROJECT);
    expect(mltest("score", dir, "--record", "--as-of", "2026-11-01").status).toBe(0);
    writeFileSync(join(dir, "mltest.yaml"), PROJECT["mltest.yaml"].replace("  data-2:\n    status: manual", "  data-2:\n    status: none"));
    const run = mltest("checklist", dir, "--as-of", AS_OF);
    const lines = changed(run.stdout);
    expect(lines.join("\n")).toContain("Compared with the run recorded on 2026-11-01");
    expect(lines.filter((l) => l.startsWith("- "))).toEqual([expect.stringMatching(/^- \*\*data-2\*\* .*: manual → none, now 0 points$/)]);
  });

  it("is left out when there is no baseline and no recorded run", () => {
    const run = mltest("checklist", "examples/fraud-scoring", "--as-of", AS_OF);
    expect(run.stdout).not.toContain("## Changed since");
  });
});

describe("repository text stays text", () => {
  it("no HTML, no link and no checkbox from an owner, a title or a path", () => {
    const yaml = `project: "x <b>bold</b> [x] www.evil.example"
tests:
  data-1:
    status: none
    owner: "[click](https://evil.example) <img src=x onerror=alert(1)> www.evil.example a@evil.example _em_ https://evil.example"
  data-2:
    status: manual
    owner: "- [x] ticked"
    evidence:
      - doc: "docs/[x](javascript:alert(1)).md"
`;
    const dir = cases({ "mltest.yaml": yaml });
    for (const flags of [[], ["--brief"]]) {
      const run = mltest("checklist", dir, "--as-of", AS_OF, ...flags);
      expect(run.status, run.stderr).toBe(0);
      // A code span shows its text as it is: what matters is outside them.
      const text = run.stdout.replace(/`[^`\n]*`/g, "");
      expect(text).not.toMatch(/<(b|img)\b/i);
      expect(text).not.toMatch(/(^|[^\\])\]\(https:/);
      expect(text).not.toMatch(/(^|[^\\])\]\(javascript/);
      expect(text).not.toMatch(/(^|[^\\])www\.evil/);
      expect(text).not.toMatch(/(^|[^\\])https:\/\/evil/);
      expect(text).not.toMatch(/a@evil/);
      expect(text).not.toMatch(/(^|\s)_em_/);
      expect(text).not.toContain("[x]");
      for (const line of text.split("\n")) if (CHECKBOX.test(line)) expect(section(text, ACTIONS)).toContain(line);
    }
  });
});

describe("mdProse: md()'s guarantees, without escapes a reader would see", () => {
  it("keeps underscores inside words, escapes those that could open emphasis, and leaves md() as it was", async () => {
    const { md, mdProse } = await import("../src/format/escape.js");
    expect(mdProse("test_schema_ and snake_case_name")).toBe("test_schema_ and snake_case_name");
    expect(mdProse("_em_ (_x_) __bold__")).toBe("\\_em_ (\\_x_) \\_\\_bold_\\_");
    expect(md("test_schema_")).toBe("test\\_schema\\_");
    // No HTML, no link, no autolink, no checkbox.
    expect(mdProse("<b>x</b> [x](https://e.example) www.e.example a@e.example http://e.example")).toBe(
      "&lt;b&gt;x&lt;/b&gt; \\[x\\](https\\://e.example) www\\.e.example a\\@e.example http\\://e.example",
    );
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("_", "a", "1", " ", "(", "*", "[", "]", "<", "w", ".", ":", "@", "\\", "é") }),
        (text) => {
          const out = mdProse(text);
          // Every underscore left unescaped follows a letter or digit: it can open no emphasis.
          for (const m of out.matchAll(/_/g)) {
            const before = out.slice(0, m.index);
            const slashes = /\\*$/.exec(before)![0].length;
            if (slashes % 2 === 0) expect(before, out).toMatch(/[\p{L}\p{N}]$/u);
          }
          expect(out).not.toMatch(/(^|[^\\])(\\\\)*[[\]<>*]/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
