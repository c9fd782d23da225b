// Scores over time and across projects: `score --baseline` / `--update-baseline` (every kind of
// regression fails the gate), raise hints, `mltest diff`, `score --record` and `mltest trend`
// (concurrent appends, corrupt lines), and `--recursive` over test/fixtures/monorepo.
// Everything that writes works on a copy in a temporary folder; the built CLI runs from the repo root.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { compare } from "../src/compare.js";
import { gitInfo, HISTORY_FILE, historyEntry, parseHistory, sparkline } from "../src/history.js";
import { findProjects, type ProjectResult, worstFirst } from "../src/monorepo.js";
import { type HistoryEntry, historyEntrySchema } from "../src/schema/history.js";
import { type Report, reportSchema } from "../src/schema/report.js";
import { trendReportSchema } from "../src/schema/trend.js";
import { AS_OF, mltest, mltestAsync, ROOT, type Run } from "./run.js";

// ---------------------------------------------------------------------------------------------
// Helpers

const FRAUD = join(ROOT, "examples/fraud-scoring");
const MONOREPO = "test/fixtures/monorepo";
const SHA = "0123456789abcdef0123456789abcdef01234567";
const SHA2 = "fedcba9876543210fedcba9876543210fedcba98";

let scratch: string;
beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), "mltest-history-")));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A fresh empty folder inside the scratch folder. */
function tempDir(): string {
  return mkdtempSync(join(scratch, "t-"));
}

/** A copy of a project folder in a fresh temporary folder. */
function copyOf(src: string, name = "project"): string {
  const dest = join(tempDir(), name);
  cpSync(src, dest, { recursive: true });
  return dest;
}

/** Edits a project's mltest.yaml through the YAML document model, keeping everything else. */
function editEvidence(dir: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
  const file = join(dir, "mltest.yaml");
  const doc = parseDocument(readFileSync(file, "utf8"));
  edit(doc);
  writeFileSync(file, doc.toString());
}

function setStatus(dir: string, id: string, status: string, extra: Record<string, unknown> = {}): void {
  editEvidence(dir, (doc) => {
    doc.setIn(["tests", id, "status"], status);
    for (const [key, value] of Object.entries(extra)) doc.setIn(["tests", id, key], doc.createNode(value));
  });
}

function report(r: Run): Report {
  expect(r.stdout, r.stderr).not.toBe("");
  return reportSchema().parse(JSON.parse(r.stdout));
}

/** A usage or input error: exit 2, no stack trace. */
function expectError(r: Run): void {
  expect(r.status, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).not.toContain("internal error");
  expect(r.stderr).not.toContain("    at ");
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ---------------------------------------------------------------------------------------------
// Baseline

describe("score --baseline", () => {
  /** fraud-scoring as shipped, scored on AS_OF: final 1.5, data 4, model 5.25, infra 4.5, monitor 1.5. */
  let baseline: string;
  let baselineText: string;

  let created: Run;

  beforeAll(() => {
    const dir = copyOf(FRAUD, "fraud-scoring");
    baseline = join(tempDir(), "b.json");
    created = mltest("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", baseline, "--update-baseline");
    expect(created.status, created.stderr).toBe(0);
    baselineText = readFileSync(baseline, "utf8");
  });

  it("--update-baseline creates a missing baseline: exit 0, stderr says updated, the file is the JSON report", () => {
    expect(created.status, created.stderr).toBe(0);
    expect(created.stderr).toBe(`mltest: baseline ${baseline} updated\n`);
    const stored = reportSchema().parse(JSON.parse(baselineText));
    expect(baselineText).toBe(created.stdout);
    expect(stored.final.score).toBe(1.5);
    expect(stored.sections.map((s) => [s.id, s.score])).toEqual([
      ["data", 4],
      ["model", 5.25],
      ["infra", 4.5],
      ["monitor", 1.5],
    ]);
    expect(stored.baseline).toBeUndefined(); // nothing to compare with on the first run
  });

  it("an unchanged rerun exits 0 with nothing regressed or improved and no baseline gate checks", async () => {
    const dir = copyOf(FRAUD, "fraud-scoring");
    const [r, table] = await Promise.all([
      mltestAsync("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", baseline),
      mltestAsync("score", dir, "--as-of", AS_OF, "--baseline", baseline),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const rep = report(r);
    expect(rep.baseline).toMatchObject({ file: baseline, regressions: [], improvements: [], added: [], removed: [] });
    expect(rep.gate.passed).toBe(true);
    expect(rep.gate.checks.filter((c) => c.target.startsWith("baseline:"))).toEqual([]);
    // The table says so too.
    expect(table.status).toBe(0);
    expect(table.stdout).toContain(`Baseline     ${baseline}: 0 regressed, 0 improved`);
  });

  /** One change each, scored against the shared baseline (all at once, in beforeAll). */
  const SCENARIOS: Record<string, { change: (dir: string) => void; asOf?: string }> = {
    final: { change: (dir) => setStatus(dir, "monitor-6", "none") },
    section: { change: (dir) => setStatus(dir, "data-1", "manual", { verified: "2026-11-20" }) },
    none: { change: (dir) => setStatus(dir, "data-2", "none") },
    broken: { change: (dir) => rmSync(join(dir, "docs/reviews/2026-10-02-feature-review.md")) },
    // model-2 was verified 2026-09-03: 91 days before 2026-12-03; every other date is younger.
    stale: { change: () => {}, asOf: "2026-12-03" },
    waiver: { change: (dir) => editEvidence(dir, (doc) => doc.setIn(["tests", "model-7", "expires"], "2026-11-01")) },
  };
  const scenarioRuns = new Map<string, Run>();
  // biome-ignore lint/suspicious/noDuplicateTestHooks: it runs after the hook above, which writes the baseline these runs use
  beforeAll(async () => {
    const names = Object.keys(SCENARIOS);
    const runs = await Promise.all(
      names.map((name) => {
        const { change, asOf = AS_OF } = SCENARIOS[name]!;
        const dir = copyOf(FRAUD, "fraud-scoring");
        change(dir);
        return mltestAsync("score", dir, "--format", "json", "--as-of", asOf, "--baseline", baseline);
      }),
    );
    names.forEach((name, i) => {
      scenarioRuns.set(name, runs[i]!);
    });
  });

  /** A scenario's report, checked to have failed on the baseline alone. */
  function regressed(name: keyof typeof SCENARIOS): Report {
    const r = scenarioRuns.get(name)!;
    expect(r.status, r.stderr).toBe(1);
    const rep = report(r);
    expect(rep.gate.passed).toBe(false);
    // The file's own thresholds still pass: the exit code is the baseline's doing.
    const own = rep.gate.checks.filter((c) => !c.target.startsWith("baseline:"));
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((c) => c.passed)).toBe(true);
    // Every regression is a failed gate check, and nothing else is.
    const checks = rep.gate.checks.filter((c) => c.target.startsWith("baseline:"));
    expect(checks.map((c) => c.target)).toEqual(rep.baseline!.regressions.map((x) => `baseline:${x.target}`));
    for (const c of checks) {
      expect(c.passed).toBe(false);
      expect(c.message).toMatch(/^regressed against the baseline: /);
    }
    return rep;
  }

  function expectRegression(rep: Report, target: string, before: string, after: string): void {
    expect(rep.baseline!.regressions).toContainEqual(expect.objectContaining({ target, before, after, direction: -1 }));
    const check = rep.gate.checks.find((c) => c.target === `baseline:${target}` && c.message.includes(`${before} to ${after}`));
    expect(check, `a failed gate check for ${target} ${before} → ${after}`).toMatchObject({ passed: false });
    if (Number.isFinite(Number(before))) expect(check).toMatchObject({ expected: Number(before), actual: Number(after) });
  }

  it("the final score dropping fails (monitor-6 manual → none: final 1.5 → 1, still above the file's minimum 1)", () => {
    const rep = regressed("final");
    expect(rep.final.score).toBe(1);
    expectRegression(rep, "final", "1.5", "1");
    expectRegression(rep, "section:monitor", "1.5", "1");
    expectRegression(rep, "test:monitor-6", "manual", "none");
    expect(rep.baseline!.improvements).toEqual([]);
  });

  it("a section score dropping without the final dropping fails (data-1 automated → manual)", () => {
    const rep = regressed("section");
    expect(rep.final.score).toBe(1.5);
    expect(rep.baseline!.regressions.map((x) => x.target)).not.toContain("final");
    expectRegression(rep, "section:data", "4", "3.5");
    // …and the test's fall itself: automated → manual.
    expectRegression(rep, "test:data-1", "automated", "manual");
    expect(rep.baseline!.regressions).toHaveLength(2);
  });

  it("a test falling manual → none fails", () => {
    const rep = regressed("none");
    expectRegression(rep, "test:data-2", "manual", "none");
    expectRegression(rep, "section:data", "4", "3.5");
    expect(rep.baseline!.regressions).toHaveLength(2);
  });

  it("evidence going verified → broken (a pointed-to document deleted) fails", () => {
    const rep = regressed("broken");
    expectRegression(rep, "test:data-2", "verified", "broken");
    // A broken claim counts as none, so the status and the section fall as well.
    expectRegression(rep, "test:data-2", "manual", "none");
    expectRegression(rep, "section:data", "4", "3.5");
  });

  it("evidence going verified → stale (--as-of past the 90-day limit for model-2) fails, alone", () => {
    const rep = regressed("stale");
    expect(rep.baseline!.regressions).toEqual([
      expect.objectContaining({ target: "test:model-2", before: "verified", after: "stale", direction: -1 }),
    ]);
    expectRegression(rep, "test:model-2", "verified", "stale");
    expect(rep.final.score).toBe(1.5); // stale still counts outside strict mode
  });

  it("an expired not-applicable waiver fails (model-7 counts as none)", () => {
    const rep = regressed("waiver");
    expectRegression(rep, "test:model-7", "not-applicable", "none");
    expectRegression(rep, "section:model", "5.25", "4.5");
  });

  it("improvements are listed without failing (data-3 none → manual)", async () => {
    const dir = copyOf(FRAUD, "fraud-scoring");
    setStatus(dir, "data-3", "manual", { verified: "2026-11-20", evidence: [{ doc: "docs/reviews/2026-10-02-feature-review.md" }] });
    const [r, table] = await Promise.all([
      mltestAsync("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", baseline),
      mltestAsync("score", dir, "--as-of", AS_OF, "--baseline", baseline),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const rep = report(r);
    expect(rep.gate.passed).toBe(true);
    expect(rep.baseline!.regressions).toEqual([]);
    expect(rep.baseline!.improvements).toEqual([
      expect.objectContaining({ target: "section:data", before: "4", after: "4.5", direction: 1 }),
      expect.objectContaining({ target: "test:data-3", before: "none", after: "manual", direction: 1 }),
    ]);
    expect(rep.gate.checks.some((c) => c.target.startsWith("baseline:"))).toBe(false);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain("0 regressed, 2 improved");
    expect(table.stdout).toContain("data-3 rose from none to manual");
  });

  it("--update-baseline keeps the file byte for byte when anything regressed", () => {
    const dir = copyOf(FRAUD, "fraud-scoring");
    // data-2 falls and data-3 rises: the data section nets out, the fall alone is a regression.
    setStatus(dir, "data-2", "none");
    setStatus(dir, "data-3", "manual", { verified: "2026-11-20", evidence: [{ doc: "docs/reviews/2026-10-02-feature-review.md" }] });
    const file = join(tempDir(), "b.json");
    writeFileSync(file, baselineText);
    const r = mltest("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", file, "--update-baseline");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`baseline ${escapeRe(file)} kept: 1 regression\n`));
    expect(r.stderr).not.toContain("updated");
    expect(readFileSync(file).equals(Buffer.from(baselineText))).toBe(true);
  });

  it("--update-baseline rewrites the file when there are only improvements; the next run compares with it", () => {
    const dir = copyOf(FRAUD, "fraud-scoring");
    setStatus(dir, "data-3", "manual", { verified: "2026-11-20", evidence: [{ doc: "docs/reviews/2026-10-02-feature-review.md" }] });
    const file = join(tempDir(), "b.json");
    writeFileSync(file, baselineText);
    const r = mltest("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", file, "--update-baseline");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`baseline ${escapeRe(file)} updated`));
    const stored = reportSchema().parse(JSON.parse(readFileSync(file, "utf8")));
    expect(stored.sections.find((s) => s.id === "data")!.score).toBe(4.5);
    const again = report(mltest("score", dir, "--format", "json", "--as-of", AS_OF, "--baseline", file));
    expect(again.baseline).toMatchObject({ regressions: [], improvements: [] });
  });

  // Regression: src/compare.ts compare() compares section and final scores even when the two reports use
  // different rubrics, so moving a project from ml-test-score-2016 (points 1/2, sections out of 14)
  // to ml-test-score-2017 (0.5/1, out of 7) with nothing else changed fails --baseline with five
  // "regressions" ("final score dropped from 3 to 1.5", every section halved), while the note
  // and docs/commands.md say reports from different rubrics are "compared test by test".
  it("across rubrics with different point scales, unchanged tests give no regression", async () => {
    const file = join(tempDir(), "b2016.json");
    const first = await mltestAsync("score", FRAUD, "--format", "json", "--as-of", AS_OF, "--rubric", "ml-test-score-2016", "-o", file);
    expect(first.status, first.stderr).toBe(0);
    const r = await mltestAsync("score", FRAUD, "--format", "json", "--as-of", AS_OF, "--baseline", file);
    const rep = report(r);
    expect(rep.baseline!.note).toBe(
      "different rubrics (ml-test-score-2016 2016 → ml-test-score-2017 2017): compared test by test; scores are on different scales and are not compared",
    );
    expect(rep.baseline!.regressions).toEqual([]);
    expect(r.status).toBe(0);
  });

  it("--update-baseline without --baseline exits 2", () => {
    const r = mltest("score", FRAUD, "--as-of", AS_OF, "--update-baseline");
    expectError(r);
    expect(r.stderr).toContain("--update-baseline needs --baseline");
  });

  it("a missing baseline without --update-baseline exits 2 and says how to create one", () => {
    const file = join(tempDir(), "nope.json");
    const r = mltest("score", FRAUD, "--as-of", AS_OF, "--baseline", file);
    expectError(r);
    expect(r.stderr).toContain(`no baseline at ${file}`);
    expect(r.stderr).toContain(`--baseline ${file} --update-baseline`);
    expect(existsSync(file)).toBe(false);
  });

  it("a baseline that is not JSON exits 2 with a file:line:col message", () => {
    const file = join(tempDir(), "broken.json");
    writeFileSync(file, '{\n  "schemaVersion": 1,\n  "tool": [1, 2\n');
    const r = mltest("score", FRAUD, "--as-of", AS_OF, "--baseline", file);
    expectError(r);
    expect(r.stderr).toMatch(new RegExp(`^mltest: ${escapeRe(file)}:\\d+:\\d+`, "m"));
  });

  it("a baseline that is JSON but not a report exits 2 with a located message", () => {
    const file = join(tempDir(), "other.json");
    writeFileSync(file, '{\n  "name": "not a report",\n  "version": 3\n}\n');
    const r = mltest("score", FRAUD, "--as-of", AS_OF, "--baseline", file);
    expectError(r);
    expect(r.stderr).toContain(`mltest: ${file}:2:3 name: unknown key "name"`);
    expect(r.stderr).toMatch(
      new RegExp(`${escapeRe(file)}:\\d+:\\d+ schemaVersion: .*is this a report written by mltest score --format json\\?`),
    );
    // A report with one wrong field is located at that field.
    const wrong = baselineText.replace('"mode": "default"', '"mode": "lenient"');
    expect(wrong).not.toBe(baselineText);
    writeFileSync(file, wrong);
    const line = wrong.split("\n").findIndex((l) => l.includes('"lenient"')) + 1;
    const r2 = mltest("score", FRAUD, "--as-of", AS_OF, "--baseline", file);
    expectError(r2);
    expect(r2.stderr).toContain(`${file}:${line}:`);
  });
});

// ---------------------------------------------------------------------------------------------
// Raise hints

describe("raise hints", () => {
  it("thresholds cleared by 0.5 or more are listed with the highest half point cleared, in JSON and the table", async () => {
    // The file's gate: minScore 1 and monitor ≥ 1; scores: final 1.5, monitor 1.5, model 5.25.
    const [json, table] = await Promise.all([
      mltestAsync("score", FRAUD, "--format", "json", "--as-of", AS_OF, "--min-section", "model=4"),
      mltestAsync("score", FRAUD, "--as-of", AS_OF, "--min-section", "model=4"),
    ]);
    expect(json.status).toBe(0);
    expect(report(json).gate.raise).toEqual([
      {
        target: "final",
        expected: 1,
        actual: 1.5,
        suggested: 1.5,
        message: "the final score's minimum can be raised from 1 to 1.5: the score is 1.5",
      },
      {
        target: "section:model",
        expected: 4,
        actual: 5.25,
        suggested: 5,
        message: "the model floor can be raised from 4 to 5: the score is 5.25",
      },
      {
        target: "section:monitor",
        expected: 1,
        actual: 1.5,
        suggested: 1.5,
        message: "the monitor floor can be raised from 1 to 1.5: the score is 1.5",
      },
    ]);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain("  ↑ the final score's minimum can be raised from 1 to 1.5: the score is 1.5\n");
    expect(table.stdout).toContain("  ↑ the model floor can be raised from 4 to 5: the score is 5.25\n");
    expect(table.stdout).toContain("  ↑ the monitor floor can be raised from 1 to 1.5: the score is 1.5\n");
  });

  it("a margin under 0.5 gives no hint", async () => {
    const [json, table] = await Promise.all([
      mltestAsync(
        "score",
        FRAUD,
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--min-score",
        "1.1",
        "--min-section",
        "monitor=1.01",
        "--min-section",
        "model=4.8",
      ),
      mltestAsync("score", FRAUD, "--as-of", AS_OF, "--min-score", "1.1", "--min-section", "monitor=1.01", "--min-section", "model=4.8"),
    ]);
    const rep = report(json);
    expect(rep.gate.passed).toBe(true);
    expect(rep.gate.checks).toHaveLength(3);
    expect(rep.gate.raise).toBeUndefined();
    expect(table.stdout).not.toContain("↑");
    expect(table.stdout).not.toContain("can be raised");
  });
});

// ---------------------------------------------------------------------------------------------
// diff

describe("mltest diff", () => {
  let dir: string;
  let oldFile: string;
  let newFile: string;
  let v2016: string;
  let extended: string;

  beforeAll(async () => {
    const work = tempDir();
    dir = copyOf(FRAUD, "fraud-scoring");
    const changed = copyOf(FRAUD, "fraud-scoring");
    setStatus(changed, "monitor-6", "none");
    setStatus(changed, "data-3", "manual", { verified: "2026-11-20", evidence: [{ doc: "docs/reviews/2026-10-02-feature-review.md" }] });
    const rubric = join(work, "ext.yaml");
    writeFileSync(
      rubric,
      [
        "id: fraud-extended",
        "title: Fraud extended",
        'version: "1"',
        "extends: ml-test-score-2017",
        "sections:",
        "  - id: monitor",
        "    tests:",
        "      - id: monitor-8",
        "        title: Chargeback rate is watched",
        "        why: Chargebacks are the ground truth.",
        "        how: Chart the chargeback rate.",
        "        manual: Compute it for a month.",
        "        automated: A daily job alerts on it.",
        "",
      ].join("\n"),
    );
    [oldFile, newFile, v2016, extended] = ["old.json", "new.json", "v2016.json", "ext.json"].map((f) => join(work, f)) as [
      string,
      string,
      string,
      string,
    ];
    const runs = await Promise.all([
      mltestAsync("score", dir, "--format", "json", "--as-of", AS_OF, "-o", oldFile),
      mltestAsync("score", changed, "--format", "json", "--as-of", "2026-11-30", "-o", newFile),
      mltestAsync("score", dir, "--format", "json", "--as-of", AS_OF, "--rubric", "ml-test-score-2016", "-o", v2016),
      mltestAsync("score", dir, "--format", "json", "--as-of", AS_OF, "--rubric", rubric, "-o", extended),
    ]);
    for (const r of runs) expect(r.stderr).toBe("");
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0, 0]);
  });

  it("--format json: sections before and after, regressions and improvements", () => {
    const r = mltest("diff", oldFile, newFile, "--format", "json");
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as Record<string, unknown> & { regressions: { target: string }[]; improvements: { target: string }[] };
    expect(d).toMatchObject({
      project: "fraud-scoring",
      before: { asOf: AS_OF, final: 1.5 },
      after: { asOf: "2026-11-30", final: 1 },
      sections: [
        { id: "data", before: 4, after: 4.5 },
        { id: "model", before: 5.25, after: 5.25 },
        { id: "infra", before: 4.5, after: 4.5 },
        { id: "monitor", before: 1.5, after: 1 },
      ],
      added: [],
      removed: [],
    });
    expect(d).not.toHaveProperty("rubricNote");
    expect(d.regressions).toEqual([
      { target: "final", before: "1.5", after: "1", direction: -1, message: "final score dropped from 1.5 to 1" },
      { target: "section:monitor", before: "1.5", after: "1", direction: -1, message: 'section "monitor" dropped from 1.5 to 1' },
      { target: "test:monitor-6", before: "manual", after: "none", direction: -1, message: "monitor-6 fell from manual to none" },
    ]);
    expect(d.improvements).toEqual([
      { target: "section:data", before: "4", after: "4.5", direction: 1, message: 'section "data" rose from 4 to 4.5' },
      { target: "test:data-3", before: "none", after: "manual", direction: 1, message: "data-3 rose from none to manual" },
    ]);
  });

  it("--format markdown: a heading, a well-formed table and the lists", () => {
    const r = mltest("diff", oldFile, newFile, "--format", "markdown");
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(`## ML Test Score: fraud-scoring, ${AS_OF} → 2026-11-30`);
    const table = lines.filter((l) => l.startsWith("|"));
    expect(table).toEqual([
      "| | Before | After | Change |",
      "|---|---:|---:|---:|",
      "| **final** | 1.5 | 1 | -0.5 |",
      "| data | 4 | 4.5 | +0.5 |",
      "| model | 5.25 | 5.25 | ±0 |",
      "| infra | 4.5 | 4.5 | ±0 |",
      "| monitor | 1.5 | 1 | -0.5 |",
    ]);
    // The table is one block: no blank line inside it.
    const first = lines.indexOf(table[0]!);
    expect(lines.slice(first, first + table.length)).toEqual(table);
    expect(r.stdout).toContain("### Regressions\n\n- ❌ final score dropped from 1.5 to 1\n");
    expect(r.stdout).toContain("- ❌ monitor-6 fell from manual to none");
    expect(r.stdout).toContain('### Improvements\n\n- ✅ section "data" rose from 4 to 4.5\n');
    expect(r.stdout).not.toContain("No change");
  });

  it("--format table (the default): before → after per line, both lists", () => {
    const r = mltest("diff", oldFile, newFile);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`fraud-scoring · ${AS_OF} → 2026-11-30`);
    expect(r.stdout).toMatch(/^ {2}final +1\.5 → 1 +-0\.5$/m);
    expect(r.stdout).toMatch(/^ {2}data +4 → 4\.5 +\+0\.5$/m);
    expect(r.stdout).toMatch(/^ {2}model +5\.25 → 5\.25 +±0$/m);
    expect(r.stdout).toContain("Regressions\n  ✗ final score dropped from 1.5 to 1\n");
    expect(r.stdout).toContain('Improvements\n  ✓ section "data" rose from 4 to 4.5\n');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("a report compared with itself shows no change", () => {
    const r = mltest("diff", oldFile, oldFile, "--format", "markdown");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("No change in any score, status or evidence state.");
    expect(r.stdout).not.toContain("### Regressions");
  });

  it("across rubric versions (2017 → 2016): a rubricNote, and the same set of tests", async () => {
    const [r, md, table] = await Promise.all([
      mltestAsync("diff", oldFile, v2016, "--format", "json"),
      mltestAsync("diff", oldFile, v2016, "--format", "markdown"),
      mltestAsync("diff", oldFile, v2016),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as { rubricNote?: string; added: string[]; removed: string[]; regressions: { target: string }[] };
    expect(d.rubricNote).toBe(
      "different rubrics (ml-test-score-2017 2017 → ml-test-score-2016 2016): compared test by test; scores are on different scales and are not compared",
    );
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    // The statuses are the same on both sides: no test changed.
    expect(d.regressions.filter((x) => x.target.startsWith("test:"))).toEqual([]);
    expect(md.stdout).toContain(
      "> different rubrics (ml-test-score-2017 2017 → ml-test-score-2016 2016): compared test by test; scores are on different scales and are not compared\n",
    );
    expect(table.stdout.split("\n")[1]).toBe(
      "different rubrics (ml-test-score-2017 2017 → ml-test-score-2016 2016): compared test by test; scores are on different scales and are not compared",
    );
  });

  it("a rubric that adds a test: it is in added one way and removed the other, never guessed at", async () => {
    const [json, back, md, table] = await Promise.all([
      mltestAsync("diff", oldFile, extended, "--format", "json"),
      mltestAsync("diff", extended, oldFile, "--format", "json"),
      mltestAsync("diff", oldFile, extended, "--format", "markdown"),
      mltestAsync("diff", extended, oldFile),
    ]);
    for (const r of [json, back, md, table]) expect(r.status, r.stderr).toBe(0);
    const forward = JSON.parse(json.stdout) as {
      rubricNote?: string;
      added: string[];
      removed: string[];
      regressions: unknown[];
      improvements: unknown[];
    };
    expect(forward).toMatchObject({ added: ["monitor-8"], removed: [], regressions: [], improvements: [] });
    expect(forward.rubricNote).toBe(
      "different rubrics (ml-test-score-2017 2017 → fraud-extended 1): compared test by test; scores are on different scales and are not compared",
    );
    const backward = JSON.parse(back.stdout) as { added: string[]; removed: string[] };
    expect(backward).toMatchObject({ added: [], removed: ["monitor-8"] });
    expect(md.stdout).toContain("Tests only in the new report: monitor-8.");
    expect(table.stdout).toContain("Only in the old report: monitor-8");
  });

  it("a missing file exits 2 and names it", () => {
    const missing = join(scratch, "missing.json");
    const r = mltest("diff", oldFile, missing);
    expectError(r);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(missing);
  });

  it("a side that is not a report exits 2 with a located message", () => {
    const bad = join(tempDir(), "bad.json");
    writeFileSync(bad, "[1, 2,\n");
    const r = mltest("diff", bad, oldFile);
    expectError(r);
    expect(r.stderr).toMatch(new RegExp(`${escapeRe(bad)}:\\d+:\\d+`));
  });

  it("compare() is pure and symmetric in what it finds", () => {
    const a = reportSchema().parse(JSON.parse(readFileSync(oldFile, "utf8")));
    const b = reportSchema().parse(JSON.parse(readFileSync(newFile, "utf8")));
    const there = compare(a, b);
    const back = compare(b, a);
    expect(back.regressions.map((c) => [c.target, c.before, c.after])).toEqual(
      there.improvements.map((c) => [c.target, c.after, c.before]),
    );
    expect(back.improvements.map((c) => [c.target, c.before, c.after])).toEqual(
      there.regressions.map((c) => [c.target, c.after, c.before]).sort((x, y) => (x[0]! < y[0]! ? -1 : 0)),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// History: --record and trend

/** A history line as mltest writes it, with the given scores. */
function entry(date: string, sections: Record<string, number>, final: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    date,
    ...extra,
    rubric: { id: "ml-test-score-2017", version: "2017", sha256: "a".repeat(64) },
    sections,
    final,
    max: 7,
    band: "Early testing",
    statuses: { "data-1": "manual" },
  };
}

function historyLines(dir: string): string[] {
  return readFileSync(join(dir, HISTORY_FILE), "utf8")
    .split("\n")
    .filter((l) => l !== "");
}

describe("score --record", () => {
  const CHURN = join(ROOT, MONOREPO, "models/churn");

  it("appends one valid line per run, dated --as-of, matching the report; no .git means no branch or commit", async () => {
    const dir = copyOf(CHURN, "churn");
    const first = await mltestAsync("score", dir, "--record", "--format", "json", "--as-of", AS_OF);
    expect(first.status, first.stderr).toBe(0);
    expect(historyLines(dir)).toHaveLength(1);
    const second = await mltestAsync("score", dir, "--record", "--as-of", "2026-11-29");
    expect(second.status, second.stderr).toBe(0);
    const lines = historyLines(dir);
    expect(lines).toHaveLength(2);
    expect(readFileSync(join(dir, HISTORY_FILE), "utf8").endsWith("\n")).toBe(true);
    const entries = lines.map((l) => historyEntrySchema().parse(JSON.parse(l)));
    expect(entries.map((e) => e.date)).toEqual([AS_OF, "2026-11-29"]);
    const rep = report(first);
    expect(entries[0]).toEqual(historyEntry(rep, {}));
    expect(entries[0]).toMatchObject({
      rubric: { id: "ml-test-score-2017", version: "2017", sha256: rep.rubric.sha256 },
      sections: { data: 1.5, model: 1.5, infra: 1.5, monitor: 1.5 },
      final: 1.5,
      max: 7,
      band: rep.final.band.label,
    });
    expect(entries[0]!.statuses).toMatchObject({ "data-1": "automated", "data-2": "manual", "data-3": "none" });
    expect(Object.keys(entries[0]!.statuses)).toHaveLength(28);
    for (const e of entries) {
      expect(e).not.toHaveProperty("commit");
      expect(e).not.toHaveProperty("branch");
    }
  });

  it("without --record nothing is written", () => {
    const dir = copyOf(CHURN, "churn");
    expect(mltest("score", dir, "--as-of", AS_OF).status).toBe(0);
    expect(existsSync(join(dir, ".mltest"))).toBe(false);
  });

  const gits: [string, Record<string, string>, { branch?: string; commit?: string }][] = [
    ["a loose ref", { HEAD: "ref: refs/heads/main\n", "refs/heads/main": `${SHA}\n` }, { branch: "main", commit: SHA }],
    [
      "a packed ref",
      {
        HEAD: "ref: refs/heads/release/2026-q4\n",
        "packed-refs": `# pack-refs with: peeled fully-peeled sorted \n${SHA2} refs/heads/main\n${SHA} refs/heads/release/2026-q4\n^${SHA2}\n`,
      },
      { branch: "release/2026-q4", commit: SHA },
    ],
    ["a detached HEAD", { HEAD: `${SHA2}\n` }, { commit: SHA2 }],
  ];
  for (const [name, files, expected] of gits) {
    it(`a .git folder with ${name} gives ${JSON.stringify(expected)}`, async () => {
      const dir = copyOf(CHURN, "churn");
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(dir, ".git", path, ".."), { recursive: true });
        writeFileSync(join(dir, ".git", path), text);
      }
      const r = await mltestAsync("score", dir, "--record", "--as-of", AS_OF);
      expect(r.status, r.stderr).toBe(0);
      const [line] = historyLines(dir);
      const e = historyEntrySchema().parse(JSON.parse(line!));
      expect({ branch: e.branch, commit: e.commit }).toEqual({ branch: undefined, commit: undefined, ...expected });
    });
  }

  it("gitInfo reads HEAD, loose refs and packed-refs as data", () => {
    const reader = (files: Record<string, string>) => (path: string) => files[path];
    expect(gitInfo(reader({}))).toEqual({});
    expect(gitInfo(reader({ ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/heads/main": `${SHA}\n` }))).toEqual({
      branch: "main",
      commit: SHA,
    });
    // A loose ref wins over a packed one (git rewrites the loose file on each commit).
    expect(
      gitInfo(
        reader({ ".git/HEAD": "ref: refs/heads/main", ".git/refs/heads/main": SHA, ".git/packed-refs": `${SHA2} refs/heads/main\n` }),
      ),
    ).toEqual({ branch: "main", commit: SHA });
    // A branch with no commit yet.
    expect(gitInfo(reader({ ".git/HEAD": "ref: refs/heads/main\n" }))).toEqual({ branch: "main" });
    expect(gitInfo(reader({ ".git/HEAD": `${SHA}\n` }))).toEqual({ commit: SHA });
    expect(gitInfo(reader({ ".git/HEAD": "garbage\n" }))).toEqual({});
  });

  it("8 concurrent --record runs append 8 whole lines, twice over", async () => {
    const dir = copyOf(CHURN, "churn");
    for (const batch of [1, 2]) {
      // After the fixture's last manual run (2026-11-04): an earlier --as-of would make it broken.
      const dates = Array.from({ length: 8 }, (_, i) => `2026-${batch === 1 ? "11" : "12"}-1${i + 1}`);
      const runs = await Promise.all(dates.map((d) => mltestAsync("score", dir, "--record", "--as-of", d)));
      for (const r of runs) expect(r.status, r.stderr).toBe(0);
      const lines = historyLines(dir);
      expect(lines).toHaveLength(8 * batch);
      const entries = lines.map((l) => historyEntrySchema().parse(JSON.parse(l)));
      expect(entries.map((e) => e.date).sort()).toEqual(
        [...(batch === 2 ? Array.from({ length: 8 }, (_, i) => `2026-11-1${i + 1}`) : []), ...dates].sort(),
      );
      for (const e of entries) expect(e.final).toBe(1.5);
    }
    // trend reads every one of them.
    const t = await mltestAsync("trend", dir, "--format", "json");
    expect(t.stderr).toBe("");
    expect((JSON.parse(t.stdout) as { entries: unknown[] }).entries).toHaveLength(16);
  });
});

describe("mltest trend", () => {
  /** A project folder holding only a history file. */
  function withHistory(lines: string[]): string {
    const dir = join(tempDir(), "ranker");
    mkdirSync(join(dir, ".mltest"), { recursive: true });
    writeFileSync(join(dir, HISTORY_FILE), `${lines.join("\n")}\n`);
    return dir;
  }

  const three = [
    entry("2026-10-01", { data: 1, model: 7, infra: 0, monitor: 3.5 }, 0, { commit: SHA, branch: "main" }),
    entry("2026-10-05", { data: 2, model: 3.5, infra: 3.5, monitor: 3.5 }, 3.5),
    entry("2026-11-01", { data: 3, model: 0, infra: 7, monitor: 3.5 }, 7, { branch: "feature/x" }),
  ];

  it("sparkline scales values to eight levels", () => {
    expect(sparkline([0, 3.5, 7], 7)).toBe("▁▅█");
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 7)).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([], 7)).toBe("");
    expect(sparkline([9, -1], 7)).toBe("█▁"); // clamped
    expect(sparkline([0, 1], 0)).toBe("▁█"); // a max of 0 does not divide by zero
    // Over the values' own range: a score going from 0.5 to 1 of 7 is not flat; values all alike
    // stand at their height of the maximum.
    expect(sparkline([0.5, 1], 7)).toBe("▁█");
    expect(sparkline([4.5, 4.5, 5], 7)).toBe("▁▁█");
    expect(sparkline([3.5, 3.5], 7)).toBe("▅▅");
    expect(sparkline([0, 0], 7)).toBe("▁▁");
  });

  it("the table has one sparkline per section plus the final score, and one row per run", () => {
    const dir = withHistory(three.map((e) => JSON.stringify(e)));
    const r = mltest("trend", dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n")[0]).toBe("ranker · 3 runs, 2026-10-01 to 2026-11-01");
    const row = (id: string) =>
      r.stdout
        .split("\n")
        .find((l) => l.startsWith(`│ ${id} `))
        ?.split("│")
        .map((c) => c.trim())
        .filter(Boolean);
    expect(row("data")).toEqual(["data", "▁▅█", "1", "3"]); // over its own range, 1 to 3
    expect(row("model")).toEqual(["model", "█▅▁", "7", "0"]);
    expect(row("infra")).toEqual(["infra", "▁▅█", "0", "7"]);
    expect(row("monitor")).toEqual(["monitor", "▅▅▅", "3.5", "3.5"]);
    expect(row("final")).toEqual(["final", "▁▅█", "0", "7"]);
    expect(r.stdout.match(/[▁▂▃▄▅▆▇█]{3}/g)).toHaveLength(5);
    expect(row("2026-10-01")).toEqual(["2026-10-01", SHA.slice(0, 7), "main", "0", "1", "7", "0", "3.5"]);
    expect(row("2026-11-01")).toEqual(["2026-11-01", "feature/x", "7", "3", "0", "7", "3.5"]);
  });

  it("--format json lists the entries; --since keeps runs on or after the date", async () => {
    const dir = withHistory(three.map((e) => JSON.stringify(e)));
    const [all, since, none] = await Promise.all([
      mltestAsync("trend", dir, "--format", "json"),
      mltestAsync("trend", dir, "--format", "json", "--since", "2026-10-05"),
      mltestAsync("trend", dir, "--since", "2026-12-01"),
    ]);
    expect(all.status).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual({ project: "ranker", total: 3, entries: three });
    expect(trendReportSchema().parse(JSON.parse(all.stdout))).toEqual({ project: "ranker", total: 3, entries: three });
    expect((JSON.parse(since.stdout) as { entries: HistoryEntry[] }).entries.map((e) => e.date)).toEqual(["2026-10-05", "2026-11-01"]);
    expect(none.status).toBe(0);
    expect(none.stdout).toContain("no recorded runs");
    const bad = await mltestAsync("trend", dir, "--since", "2026-13-01");
    expectError(bad);
  });

  it("--format markdown: a heading and two well-formed tables", () => {
    const dir = withHistory(three.map((e) => JSON.stringify(e)));
    const r = mltest("trend", dir, "--format", "markdown");
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("## ML Test Score trend: ranker");
    expect(lines).toContain("3 runs, 2026-10-01 to 2026-11-01.");
    expect(lines).toContain("| **final** | ▁▅█ | 0 | 7 |");
    expect(lines).toContain("| data | ▁▅█ | 1 | 3 |");
    expect(lines).toContain(`| 2026-10-01 | ${SHA.slice(0, 7)} | main | 0 | 1 | 7 | 0 | 3.5 |`);
    // Every row of a table has as many cells as its header.
    const tables: string[][] = [];
    for (const [i, line] of lines.entries()) {
      if (!line.startsWith("|")) continue;
      if (!lines[i - 1]?.startsWith("|")) tables.push([]);
      tables.at(-1)!.push(line);
    }
    expect(tables).toHaveLength(2);
    expect(tables.map((t) => t.length)).toEqual([2 + 5, 2 + 3]);
    for (const t of tables) {
      const cells = (l: string) => l.split("|").length;
      for (const l of t) expect(cells(l), l).toBe(cells(t[0]!));
      expect(t[1]).toMatch(/^\|(-+:?\|)+$/);
    }
  });

  it("corrupt lines are reported on stderr as file:line and skipped; the valid entries are shown; exit 0", () => {
    const dir = withHistory([
      JSON.stringify(three[0]),
      JSON.stringify(three[1]).slice(0, 40), // truncated by a crash mid-write
      "this is not json",
      JSON.stringify({ date: "2026-10-20", final: 1 }), // JSON, but not an entry
      JSON.stringify(three[2]),
    ]);
    const file = join(dir, HISTORY_FILE);
    const r = mltest("trend", dir);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("ranker · 2 runs, 2026-10-01 to 2026-11-01");
    const problems = r.stderr.trimEnd().split("\n");
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(new RegExp(`^mltest: ${escapeRe(file)}:2:1: skipped a line that is not JSON`));
    expect(problems[1]).toMatch(new RegExp(`^mltest: ${escapeRe(file)}:3:1: skipped a line that is not JSON`));
    expect(problems[2]).toMatch(new RegExp(`^mltest: ${escapeRe(file)}:4:1: skipped a line that is not a history entry`));
    const json = mltest("trend", dir, "--format", "json");
    expect((JSON.parse(json.stdout) as { entries: HistoryEntry[] }).entries.map((e) => e.date)).toEqual(["2026-10-01", "2026-11-01"]);
  });

  it("parseHistory skips blank lines and tolerates CRLF", () => {
    const text = `${JSON.stringify(three[0])}\r\n\r\n  \n${JSON.stringify(three[1])}\n`;
    const { entries, problems } = parseHistory(text, "h.jsonl");
    expect(problems).toEqual([]);
    expect(entries).toEqual([three[0], three[1]]);
    const bad = parseHistory(`${JSON.stringify({ ...three[0], extra: 1 })}\n`, "h.jsonl");
    expect(bad.entries).toEqual([]);
    expect(bad.problems).toMatchObject([{ file: "h.jsonl", line: 1, col: 1 }]);
  });

  it("parseHistory decodes the bytes line by line: a line that is not UTF-8 or holds a NUL is skipped alone", () => {
    const line = (e: HistoryEntry) => Buffer.from(`${JSON.stringify(e)}\n`);
    const unicode = { ...three[1]!, branch: "café/機能" };
    const bytes = Buffer.concat([
      Buffer.from("\uFEFF"), // a byte-order mark, allowed at the start of the file
      line(three[0]!),
      Buffer.from("\0garbage\n"),
      Buffer.from([0x80, 0xc3, 0x28, 0x0a]), // not UTF-8
      line(unicode),
      Buffer.from("\uFEFF"), // not at the start of the file: not JSON
      line(three[2]!),
      Buffer.from(JSON.stringify(three[2])), // the last line needs no line break
    ]);
    const { entries, problems } = parseHistory(bytes, "h.jsonl");
    expect(entries).toEqual([three[0], unicode, three[2]]);
    expect(problems.map((p) => [p.line, p.col])).toEqual([
      [2, 1],
      [3, 1],
      [5, 1],
    ]);
    expect(problems[0]!.message).toMatch(/^skipped a line that is not JSON: /);
    expect(problems[1]!.message).toBe("skipped a line that is not JSON: not valid UTF-8");
    // Bytes and text already decoded give the same.
    const text = `${three.map((e) => JSON.stringify(e)).join("\r\n")}\r\n{\n`;
    expect(parseHistory(Buffer.from(text), "h.jsonl")).toEqual(parseHistory(text, "h.jsonl"));
  });

  it("no history: says so and exits 0 (table, markdown); JSON gives no entries", async () => {
    const dir = copyOf(join(ROOT, MONOREPO, "models/churn"), "churn");
    const [table, md, json] = await Promise.all([
      mltestAsync("trend", dir),
      mltestAsync("trend", dir, "--format", "markdown"),
      mltestAsync("trend", dir, "--format", "json"),
    ]);
    for (const r of [table, md, json]) {
      expect(r.status).toBe(0);
      expect(r.stderr).toBe("");
    }
    expect(table.stdout).toBe('churn: no recorded runs yet. Record one with "mltest score --record".\n');
    expect(md.stdout).toContain("no recorded runs yet");
    expect(JSON.parse(json.stdout)).toEqual({ project: "churn", total: 0, entries: [] });
  });

  describe("how many runs it shows: --last <n> (default 20) and --all", () => {
    /** 25 runs, one a day from 2026-01-01, recorded out of order (a run can be recorded with an earlier --as-of). */
    const days = Array.from({ length: 25 }, (_, i) => `2026-01-${String(i + 1).padStart(2, "0")}`);
    const long = [...days.slice(12), ...days.slice(0, 12)].map((date, i) => entry(date, { data: i % 8 }, (i % 8) / 2));
    const dir = () => withHistory(long.map((e) => JSON.stringify(e)));
    /** The dates of the runs table's rows, top to bottom. */
    const runDates = (table: string) =>
      table
        .split("\n")
        .filter((l) => /^│ 2026-/.test(l))
        .map((l) => l.slice(2, 12));
    const jsonOf = (r: Run) => trendReportSchema().parse(JSON.parse(r.stdout));

    it("by default the newest 20 by date, in every format; the table and Markdown say what they left out", async () => {
      const d = dir();
      const [table, markdown, json] = await Promise.all([
        mltestAsync("trend", d),
        mltestAsync("trend", d, "--format", "markdown"),
        mltestAsync("trend", d, "--format", "json"),
      ]);
      for (const r of [table, markdown, json]) expect(r.status, r.stderr).toBe(0);
      const note = "Showing the last 20 of 25 runs (--all shows every run).";
      expect(table.stdout.split("\n").slice(0, 3)).toEqual(["ranker · 20 runs, 2026-01-06 to 2026-01-25", note, ""]);
      expect(runDates(table.stdout)).toEqual(days.slice(5));
      // The sparklines are of the runs shown, one character each.
      expect(table.stdout.match(/[▁▂▃▄▅▆▇█]+/g)?.map((spark) => spark.length)).toEqual([20, 20]);
      const lines = markdown.stdout.split("\n");
      expect(lines.slice(2, 5)).toEqual(["20 runs, 2026-01-06 to 2026-01-25.", "", note]);
      expect(lines.filter((l) => l.startsWith("| 2026-")).map((l) => l.slice(2, 12))).toEqual(days.slice(5));
      const report = jsonOf(json);
      expect(report.total).toBe(25);
      expect(report.entries.map((e) => e.date)).toEqual(days.slice(5));
    });

    it("--last n shows the newest n; --all, or an n of at least the runs, shows every run and no note", async () => {
      const d = dir();
      const [last3, last25, last1000, all, allJson] = await Promise.all([
        mltestAsync("trend", d, "--last", "3"),
        mltestAsync("trend", d, "--last", "25"),
        mltestAsync("trend", d, "--last", "1000", "--format", "markdown"),
        mltestAsync("trend", d, "--all"),
        mltestAsync("trend", d, "--all", "--format", "json"),
      ]);
      for (const r of [last3, last25, last1000, all, allJson]) expect(r.status, r.stderr).toBe(0);
      expect(runDates(last3.stdout)).toEqual(days.slice(22));
      expect(last3.stdout.split("\n")[1]).toBe("Showing the last 3 of 25 runs (--all shows every run).");
      for (const r of [last25, all]) {
        expect(runDates(r.stdout)).toEqual(days);
        expect(r.stdout.split("\n").slice(0, 2)).toEqual(["ranker · 25 runs, 2026-01-01 to 2026-01-25", ""]);
      }
      expect(last1000.stdout).not.toContain("Showing");
      expect(jsonOf(allJson)).toEqual({ project: "ranker", total: 25, entries: [...long].sort((a, b) => (a.date < b.date ? -1 : 1)) });
    });

    it("--since picks the runs first, then --last the newest of them, and the note names the date", async () => {
      const d = dir();
      const [table, json] = await Promise.all([
        mltestAsync("trend", d, "--since", "2026-01-20", "--last", "2"),
        mltestAsync("trend", d, "--since", "2026-01-20", "--last", "2", "--format", "json"),
      ]);
      expect(runDates(table.stdout)).toEqual(["2026-01-24", "2026-01-25"]);
      expect(table.stdout.split("\n")[1]).toBe("Showing the last 2 of 6 runs since 2026-01-20 (--all shows every run).");
      expect(jsonOf(json).total).toBe(6);
      expect(jsonOf(json).entries.map((e) => e.date)).toEqual(["2026-01-24", "2026-01-25"]);
    });

    const notCounts = ["0", "-1", "1.5", "abc", "", "1e3", " 3", "0x10", "9007199254740993"];
    it.each(notCounts)("--last %j is a usage error (exit 2) that says why", async (n) => {
      const r = await mltestAsync("trend", dir(), "--last", n);
      expectError(r);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`mltest: --last: "${n}" is not a whole number of 1 or more\n`);
    });

    it("--last with --all, or --last without a number, is a usage error (exit 2)", async () => {
      const d = dir();
      const [both, bare] = await Promise.all([mltestAsync("trend", d, "--last", "5", "--all"), mltestAsync("trend", d, "--last")]);
      for (const r of [both, bare]) {
        expectError(r);
        expect(r.stdout).toBe("");
      }
      expect(both.stderr).toContain("option '--all' cannot be used with option '--last <n>'");
      expect(bare.stderr).toContain("option '--last <n>' argument missing");
    });

    it("the help names both flags and the default", () => {
      const help = mltest("trend", "--help").stdout;
      expect(help).toMatch(/^ {2}--last <n> +show the n most recent runs \(default: 20\)$/m);
      expect(help).toMatch(/^ {2}--all +show every recorded run$/m);
    });
  });

  it("a project folder that does not exist exits 2", () => {
    const r = mltest("trend", join(scratch, "no-such-project"));
    expectError(r);
    expect(r.stderr).toContain("no such project directory");
  });
});

// ---------------------------------------------------------------------------------------------
// Monorepo

describe("score --recursive", () => {
  const BROKEN = `${MONOREPO}/models/broken`;
  const LEGACY = `${MONOREPO}/services/legacy`;
  const RANKER = `${MONOREPO}/models/fraud/ranker`;
  const CHURN = `${MONOREPO}/models/churn`;
  /** Worst first: bad input, then the failed gate, then passing projects by final score (ranker 0.5 < churn 1.5). */
  const WORST_FIRST = [BROKEN, LEGACY, RANKER, CHURN];
  const BROKEN_ERROR = `${BROKEN}/mltest.yaml:6:5 tests.data-1.status: unknown status "automatic"`;
  const TRAPS = ["scratch/old/mltest.yaml", "node_modules/ml-kit/mltest.yaml"];

  it("the fixture still holds its traps (they are git-ignored: commit them with git add -f)", () => {
    for (const trap of TRAPS) expect(existsSync(join(ROOT, MONOREPO, trap)), trap).toBe(true);
    expect(readFileSync(join(ROOT, MONOREPO, ".gitignore"), "utf8")).toMatch(/^scratch\/$/m);
  });

  it("findProjects finds every mltest.yaml as git sees the tree: not the git-ignored nor node_modules ones", () => {
    expect(findProjects(join(ROOT, MONOREPO))).toEqual(["models/broken", "models/churn", "models/fraud/ranker", "services/legacy"]);
    // A project at the root is ".".
    expect(findProjects(join(ROOT, CHURN))).toEqual(["."]);
  });

  it("worstFirst: bad input, then failed gates, then by final score, ties by folder", () => {
    const fake = (dir: string, passed: boolean, score: number): ProjectResult =>
      ({ dir, report: { gate: { passed }, final: { score } } }) as unknown as ProjectResult;
    const results = [
      fake("b", true, 2),
      fake("a", true, 2),
      fake("c", false, 5),
      { dir: "z", problems: [] },
      fake("d", true, 1),
      fake("e", false, 0),
    ];
    expect(worstFirst(results).map((r) => r.dir)).toEqual(["z", "e", "c", "d", "a", "b"]);
  });

  it("table: one row per project, worst first; exit 2 for the broken project, whose located error is on stderr", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringContaining(`mltest: ${BROKEN_ERROR}`)]);
    const rows = r.stdout.split("\n").filter((l) => l.startsWith(`│ ${MONOREPO}/`));
    expect(rows.map((l) => l.split("│")[1]!.trim())).toEqual(WORST_FIRST);
    const cells = (dir: string) =>
      rows
        .find((l) => l.split("│")[1]!.trim() === dir)!
        .split("│")
        .map((c) => c.trim());
    expect(cells(BROKEN).slice(2, 5)).toEqual(["—", "—", "bad input"]);
    expect(cells(LEGACY).slice(2, 5)).toEqual(["0 / 7", "Research project", "FAILED"]);
    expect(cells(RANKER).slice(2, 5)).toEqual(["0.5 / 7", "Early testing", "passed"]);
    expect(cells(CHURN).slice(2, 6)).toEqual([
      "1.5 / 7",
      "First production pass",
      "passed",
      "data 1.5 · model 1.5 · infra 1.5 · monitor 1.5",
    ]);
    expect(r.stdout).toContain("4 projects: 2 passed, 1 failed the gate, 1 with bad input");
    expect(r.stdout).not.toMatch(/scratch|node_modules|trap-/);
  });

  it("--format json: one combined object, a report per good project and errors for the broken one", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "json");
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as {
      schemaVersion: number;
      asOf: string;
      projects: { dir: string; report?: unknown; errors?: string[] }[];
    };
    expect(out).toMatchObject({ schemaVersion: 1, asOf: AS_OF, tool: { name: "mltest" } });
    expect(out.projects.map((p) => p.dir)).toEqual(WORST_FIRST);
    const [broken, ...good] = out.projects;
    expect(broken).toEqual({ dir: BROKEN, errors: [expect.stringContaining(BROKEN_ERROR)] });
    const reports = good.map((p) => reportSchema().parse(p.report));
    expect(reports.map((rep) => [rep.project.name, rep.project.dir, rep.rubric.id, rep.final.score, rep.gate.passed])).toEqual([
      ["legacy-scorer", LEGACY, "ml-test-score-2017", 0, false],
      ["fraud-ranker", RANKER, "fraud-ranking", 0.5, true],
      ["churn", CHURN, "ml-test-score-2017", 1.5, true],
    ]);
    // Every claim in the fixture is backed by real files.
    for (const rep of reports) {
      for (const t of rep.sections.flatMap((s) => s.tests))
        if (t.verification) expect(t.verification.state, `${rep.project.name} ${t.id}`).toBe("verified");
    }
    // The ranker's own rubric extends the built-in one with a test.
    expect(reports[1]!.rubric.extends?.map((e) => e.id)).toEqual(["ml-test-score-2017"]);
    expect(reports[1]!.sections.find((s) => s.id === "monitor")!.tests.map((t) => t.id)).toContain("monitor-8");
  });

  const xml = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ["testsuite", "testcase", "error", "failure", "skipped"].includes(name),
  });
  type Node = Record<string, unknown>;
  const kids = (node: unknown, name: string) => ((node as Node)[name] as Node[] | undefined) ?? [];

  it("--format junit: well-formed XML, suites prefixed by the project folder, an <error> for the broken project", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "junit");
    expect(r.status).toBe(2);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const root = (xml.parse(r.stdout) as Node).testsuites as Node;
    const suites = kids(root, "testsuite");
    const names = suites.map((s) => String(s["@_name"]));
    for (const name of names)
      expect(
        WORST_FIRST.some((dir) => name.startsWith(`${dir} `)),
        name,
      ).toBe(true);
    expect(names[0]).toBe(`${BROKEN} input`);
    expect(names).toContain(`${CHURN} data: Data and features`);
    expect(names).toContain(`${LEGACY} gate`);
    expect(names).toContain(`${RANKER} monitor: Monitoring in production`);
    const errors = suites.flatMap((s) => kids(s, "testcase")).flatMap((c) => kids(c, "error"));
    expect(errors).toHaveLength(1);
    expect(String(errors[0]!["#text"])).toContain(BROKEN_ERROR);
    // The ranker's monitor suite has its rubric's extra test.
    const rankerMonitor = suites.find((s) => s["@_name"] === `${RANKER} monitor: Monitoring in production`)!;
    expect(kids(rankerMonitor, "testcase")).toHaveLength(8);
  });

  it("--format junit: each suite's failures and errors counts match its <failure> and <error> elements", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "junit");
    const root = (xml.parse(r.stdout) as Node).testsuites as Node;
    const count = (cases: Node[], el: string) => String(cases.reduce((n, c) => n + kids(c, el).length, 0));
    const all: Node[] = [];
    for (const suite of kids(root, "testsuite")) {
      const cases = kids(suite, "testcase");
      all.push(...cases);
      expect({ failures: suite["@_failures"], errors: suite["@_errors"] }, String(suite["@_name"])).toEqual({
        failures: count(cases, "failure"),
        errors: count(cases, "error"),
      });
    }
    expect({ failures: root["@_failures"], errors: root["@_errors"] }).toEqual({
      failures: count(all, "failure"),
      errors: count(all, "error"),
    });
  });

  it("--format markdown: one table row per project, worst first", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "markdown");
    expect(r.status).toBe(2);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("## ML Test Score: all projects");
    const rows = lines.filter((l) => l.startsWith("| "));
    expect(rows[0]).toBe("| Project | Final | Band | Gate | Sections |");
    expect(lines).toContain("|---|---:|---|---|---|");
    expect(rows.slice(1).map((l) => l.split(" | ")[0]!.slice(2))).toEqual(WORST_FIRST);
    for (const row of rows) expect(row.split(" | ")).toHaveLength(5);
    expect(rows[1]).toContain("⚠️ bad input");
    expect(rows[2]).toContain("❌ failed");
    expect(rows[4]).toContain("| 1.5 / 7 | First production pass | ✅ passed |");
  });

  it("without the broken project the exit code is 1 (a failed gate); with only passing projects, 0", async () => {
    const copy = copyOf(join(ROOT, MONOREPO), "monorepo");
    rmSync(join(copy, "models/broken"), { recursive: true });
    const passing = copyOf(copy, "monorepo");
    rmSync(join(passing, "services/legacy"), { recursive: true });
    const [one, zero] = await Promise.all([
      mltestAsync("score", copy, "--recursive", "--as-of", AS_OF, "--format", "json"),
      mltestAsync("score", passing, "--recursive", "--as-of", AS_OF, "--format", "json"),
    ]);
    expect(one.stderr).toBe("");
    expect(one.status).toBe(1);
    expect(
      (JSON.parse(one.stdout) as { projects: { dir: string }[] }).projects.map((p) => p.dir.slice(p.dir.indexOf("/monorepo/") + 10)),
    ).toEqual(["services/legacy", "models/fraud/ranker", "models/churn"]);
    expect(zero.stderr).toBe("");
    expect(zero.status).toBe(0);
    expect((JSON.parse(zero.stdout) as { projects: unknown[] }).projects).toHaveLength(2);
  });

  it("--format sarif (or github) with --recursive exits 2 with a clear message", async () => {
    const [sarif, github] = await Promise.all([
      mltestAsync("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "sarif"),
      mltestAsync("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "github"),
    ]);
    for (const r of [sarif, github]) {
      expectError(r);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("--recursive gives one combined report: --format table, json, markdown, junit");
    }
  });

  // Regression: src/cli/score.ts scoreRecursive() refuses --baseline, --record and --report, but --rubric (and
  // --evidence) are accepted and silently dropped: scoreAll() never passes them to loadProject(),
  // so `score --recursive --rubric ml-test-score-2016` exits 0 with every project scored against
  // its own rubric. The flag should either apply or be refused (exit 2).
  it("--rubric with --recursive is applied or refused, never silently ignored", () => {
    const r = mltest("score", MONOREPO, "--recursive", "--as-of", AS_OF, "--format", "json", "--rubric", "ml-test-score-2016");
    if (r.status === 2 && r.stdout === "") {
      expect(r.stderr).toContain("--rubric");
      return;
    }
    const projects = (JSON.parse(r.stdout) as { projects: { report?: Report }[] }).projects.filter((p) => p.report);
    expect(projects.map((p) => p.report!.rubric.id)).toEqual(projects.map(() => "ml-test-score-2016"));
  });

  it("--baseline and --record are refused with --recursive", () => {
    const copy = copyOf(join(ROOT, MONOREPO), "monorepo");
    const baseline = join(copy, "b.json");
    for (const flags of [["--record"], ["--baseline", baseline, "--update-baseline"]]) {
      const r = mltest("score", copy, "--recursive", "--as-of", AS_OF, ...flags);
      expectError(r);
      expect(r.stderr).toContain("work on one project at a time");
    }
    expect(existsSync(join(copy, "models/churn/.mltest"))).toBe(false);
    expect(existsSync(baseline)).toBe(false);
  });
});

describe("checklist --recursive", () => {
  it("prints one checklist per good project separated by ---, the broken project's error on stderr, exit 2", () => {
    const r = mltest("checklist", MONOREPO, "--recursive", "--as-of", AS_OF);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([expect.stringContaining(`mltest: ${MONOREPO}/models/broken/mltest.yaml:6:5`)]);
    const docs = r.stdout.split("\n---\n\n");
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => d.split("\n")[0]).sort()).toEqual([
      "# Production-readiness review: churn",
      "# Production-readiness review: fraud-ranker",
      "# Production-readiness review: legacy-scorer",
    ]);
    for (const d of docs) {
      expect(d).toContain("- As of: 2026-11-28");
      expect(d.match(/^## .+: [\d.]+ \/ \d+$/gm)).toHaveLength(4);
    }
    expect(r.stdout).not.toMatch(/trap-/);
  });
});
