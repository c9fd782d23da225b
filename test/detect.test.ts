// `mltest detect` and `mltest init`: golden output for the four fixture repositories, the readings
// their README expects, init end to end on copies (safety, --force backups, --merge keeping what a
// person wrote), a fast-check property over generated repositories (a detection never proposes a
// pointer that fails verification, nor reads a file git would not see), the manifest readers, and
// the rubric's checks of its own detectors. Golden files: `npm run golden`, then review the diff.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { dependencies, manifestKind, normalise } from "../src/detect/manifests.js";
import { scan } from "../src/detect/scan.js";
import { renderEvidenceFile } from "../src/init/evidence-file.js";
import { evidenceSchemaRef } from "../src/init/schema-ref.js";
import { DEFAULT_RUBRIC, loadRubric, resolveRubric } from "../src/load/rubric.js";
import { detectProject, loadProject, scoreProject } from "../src/project.js";
import { type DetectReport, detectReportSchema } from "../src/schema/detect.js";
import { type Report, reportSchema } from "../src/schema/report.js";
import { InputError, type Problem } from "../src/util/errors.js";
import { ProjectFiles } from "../src/verify/files.js";
import { AS_OF, mltest, ROOT } from "./run.js";

const REPOS = ["notebook-prototype", "tfx-pipeline", "sklearn-mlflow-service", "k8s-canary-model"] as const;
type RepoName = (typeof REPOS)[number];
const fixture = (repo: RepoName) => `test/fixtures/repos/${repo}`;

const RUBRIC = loadRubric(resolveRubric(DEFAULT_RUBRIC, ROOT)).rubric;
const RUBRIC_TESTS = RUBRIC.sections.flatMap((s) => s.tests);
const TEST_IDS = RUBRIC_TESTS.map((t) => t.id);

let TMP: string;
beforeAll(() => {
  TMP = mkdtempSync(join(tmpdir(), "mltest-detect-"));
});
afterAll(() => {
  rmSync(TMP, { recursive: true, force: true });
});

let counter = 0;
/** A fresh copy of a fixture repository in the temp folder. */
function copyOf(repo: RepoName): string {
  const dir = join(TMP, `${repo}-${++counter}`);
  cpSync(join(ROOT, fixture(repo)), dir, { recursive: true });
  return dir;
}

function freshDir(name: string): string {
  const dir = join(TMP, `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

function detectJson(dir: string): DetectReport {
  const run = mltest("detect", dir, "--format", "json");
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return detectReportSchema().parse(JSON.parse(run.stdout));
}

function scoreJson(dir: string): Report {
  const run = mltest("score", dir, "--format", "json", "--as-of", AS_OF);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return reportSchema().parse(JSON.parse(run.stdout));
}

/** Per test id, the suggested status, or "none" when nothing was found. */
function suggested(report: DetectReport): Record<string, string> {
  return Object.fromEntries(report.tests.map((t) => [t.id, t.suggestion?.status ?? "none"]));
}

function suggestionOf(report: DetectReport, id: string) {
  return report.tests.find((t) => t.id === id)?.suggestion;
}

function reportTests(report: Report) {
  return report.sections.flatMap((s) => s.tests);
}

/** Replaces exactly one occurrence, so that an edit that silently does nothing fails the test. */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function inputProblems(fn: () => unknown): Problem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.problems;
    throw err;
  }
  throw new Error("expected an InputError");
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in text`);
  return index + 1;
}

// ---------------------------------------------------------------------------------------------
// 1. Golden detections and init files

describe.each(REPOS)("golden: test/fixtures/repos/%s", (repo) => {
  it("detect --format json keeps the documented contract and matches its golden file", async () => {
    const run = mltest("detect", fixture(repo), "--format", "json");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = detectReportSchema().parse(JSON.parse(run.stdout));
    // Every key of the contract; `limits` only when something was not looked at.
    expect(Object.keys(report)).toEqual(Object.keys(detectReportSchema().shape).filter((k) => k !== "limits"));
    expect(report.project).toEqual({ name: repo, dir: fixture(repo) });
    expect(report.truncated).toBe(false);
    expect(report.tests.map((t) => t.id)).toEqual(TEST_IDS);
    await expect(run.stdout).toMatchFileSnapshot(`golden/repos/${repo}/detect.json`);
  });

  it("detect (table) agrees with the JSON and matches its golden file", async () => {
    const run = mltest("detect", fixture(repo));
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const { report } = detectProject(fixture(repo));
    const found = report.tests.filter((t) => t.suggestion);
    expect(run.stdout.split("\n")[0]).toBe(`${repo} · evidence found for ${found.length} of 28 tests (rubric ml-test-score-2017)`);
    for (const test of found) expect(run.stdout).toContain(`${test.id} ${test.title}: suggests ${test.suggestion!.status}`);
    await expect(run.stdout).toMatchFileSnapshot(`golden/repos/${repo}/detect.txt`);
  });

  it("init --dry-run prints the file it would write, writes nothing, and matches its golden file", async () => {
    const run = mltest("init", fixture(repo), "--dry-run");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(existsSync(join(ROOT, fixture(repo), "mltest.yaml"))).toBe(false);
    const parsed = parseYaml(run.stdout) as { tests: Record<string, { status: string }> };
    expect(Object.keys(parsed.tests)).toEqual(TEST_IDS);
    await expect(run.stdout).toMatchFileSnapshot(`golden/repos/${repo}/init.yaml`);
  });
});

// mltest never reads a detect report back, so its contract is checked directly: like every map in
// mltest's formats (src/schema/record.ts), a pointer refuses a "__proto__" field instead of dropping it.
it("the detect contract refuses a pointer field named __proto__", () => {
  const run = mltest("detect", fixture("tfx-pipeline"), "--format", "json");
  const report = JSON.parse(run.stdout) as DetectReport;
  const t = report.tests.findIndex((x) => x.suggestion);
  expect(t).toBeGreaterThanOrEqual(0);
  // JSON.parse makes "__proto__" an own key, as yaml's toJS does.
  report.tests[t]!.suggestion!.evidence = [JSON.parse('{"__proto__": "x", "path": "a"}') as Record<string, string>];
  const parsed = detectReportSchema().safeParse(report);
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
    [`tests.${t}.suggestion.evidence.0.__proto__`, 'unknown pointer field "__proto__"'],
  ]);
});

// ---------------------------------------------------------------------------------------------
// 2. The readings the fixtures' README expects

/** The README's summary table: per repository, per test, "A", "M", "-", or "A/M"-style pairs. */
function readmeReadings(): Record<string, Record<string, string>> {
  const text = readFileSync(join(ROOT, "test/fixtures/repos/README.md"), "utf8");
  const rows = text.split("\n").filter((l) => l.startsWith("| "));
  const cells = (row: string) =>
    row
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
  const header = cells(rows.find((r) => r.startsWith("| test |"))!);
  const result: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    const [id, ...values] = cells(row);
    if (!id || !TEST_IDS.includes(id)) continue;
    values.forEach((v, i) => {
      const repo = header[i + 1]!;
      result[repo] ??= {};
      result[repo][id] = v;
    });
  }
  return result;
}

const RANK: Record<string, number> = { "-": 0, none: 0, M: 1, manual: 1, A: 2, automated: 2 };

describe("expected readings (test/fixtures/repos/README.md)", () => {
  const readings = readmeReadings();
  const reports = Object.fromEntries(REPOS.map((repo) => [repo, detectProject(fixture(repo)).report])) as Record<RepoName, DetectReport>;

  it("the README's table covers every test for every repository", () => {
    expect(Object.keys(readings).sort()).toEqual([...REPOS].sort());
    for (const repo of REPOS) expect(Object.keys(readings[repo]!).sort()).toEqual([...TEST_IDS].sort());
  });

  it.each(REPOS)("%s: no suggestion goes beyond the most generous reading a reviewer accepts", (repo) => {
    const over = TEST_IDS.flatMap((id) => {
      const allowed = Math.max(...readings[repo]![id]!.split("/").map((r) => RANK[r]!));
      const status = suggested(reports[repo])[id]!;
      return RANK[status]! > allowed ? [`${id}: ${status}, README ${readings[repo]![id]}`] : [];
    });
    expect(over).toEqual([]);
  });

  it("notebook-prototype: suggests nothing automated; data-2 and model-5 manual from the notebooks", () => {
    const report = reports["notebook-prototype"];
    const found = Object.entries(suggested(report)).filter(([, s]) => s !== "none");
    expect(found.filter(([, s]) => s === "automated")).toEqual([]);
    expect(suggestionOf(report, "data-2")).toEqual({ status: "manual", evidence: [{ path: "notebooks/03-shap-explanations.ipynb" }] });
    expect(suggestionOf(report, "model-5")).toEqual({ status: "manual", evidence: [{ doc: "notebooks/02-baseline-model.ipynb" }] });
    // The traps: pandera in ignored files, great_expectations in a virtual environment.
    expect(suggestionOf(report, "data-1")).toBeUndefined();
    expect(suggestionOf(report, "monitor-2")).toBeUndefined();
  });

  it("notebook-prototype: gitignored, checkpoint and virtual-environment files are never signal files nor scanned", () => {
    const traps = [
      "data/raw/notes.py",
      "notebooks/.ipynb_checkpoints/01-explore-features-checkpoint.ipynb",
      ".venv/lib/python3.11/site-packages/great_expectations/__init__.py",
      ".venv/pyvenv.cfg",
    ];
    const files = scan(new ProjectFiles(join(ROOT, fixture("notebook-prototype")))).files;
    for (const trap of traps) {
      expect(existsSync(join(ROOT, fixture("notebook-prototype"), trap)), trap).toBe(true);
      expect(files).not.toContain(trap);
    }
    expect(files).toEqual(expect.arrayContaining(["notebooks/01-explore-features.ipynb", "requirements.txt", ".gitignore"]));
    const signalFiles = reports["notebook-prototype"].tests.flatMap((t) => t.signals.map((s) => s.file));
    for (const file of signalFiles) expect(file).not.toMatch(/^data\/|^\.venv\/|\.ipynb_checkpoints/);
  });

  it("tfx-pipeline: data-1 automated by the validate-data GitLab job; the scheduled skew check; no model tests read into pytest", () => {
    const report = reports["tfx-pipeline"];
    const data1 = suggestionOf(report, "data-1")!;
    expect(data1.status).toBe("automated");
    expect(data1.evidence[0]).toEqual({ ci: ".gitlab-ci.yml#validate-data", runs: "pipeline.validate_stats" });
    expect(data1.evidence).toContainEqual({ path: "schema/schema.pbtxt" });
    expect(suggestionOf(report, "infra-3")).toEqual({
      status: "automated",
      evidence: [{ ci: ".gitlab-ci.yml#pipeline-e2e", runs: "pipeline.run --local --sample" }],
    });
    expect(suggestionOf(report, "monitor-3")!.evidence[0]).toEqual({
      ci: ".gitlab-ci.yml#nightly-skew-check",
      runs: "pipeline.skew_check",
      scheduled: true,
    });
    expect(suggestionOf(report, "monitor-2")!.status).toBe("automated");
    // Only nightly-skew-check is scheduled: no other job may be proposed as scheduled.
    const scheduled = report.tests.flatMap((t) => t.signals.filter((s) => s.pointer.scheduled === true).map((s) => s.pointer.ci));
    expect(new Set(scheduled)).toEqual(new Set([".gitlab-ci.yml#nightly-skew-check"]));
    expect(suggestionOf(report, "infra-2")).toBeUndefined();
    expect(suggestionOf(report, "model-1")).toBeUndefined();
    // The dependency is found in pyproject.toml's [project] dependencies, on its own line.
    const dep = report.tests.find((t) => t.id === "data-1")!.signals.find((s) => s.what.includes("dependency"))!;
    expect(dep.file).toBe("pyproject.toml");
    expect(readFileSync(join(ROOT, fixture("tfx-pipeline"), "pyproject.toml"), "utf8").split("\n")[dep.line - 1]).toMatch(
      /tensorflow-data-validation/,
    );
  });

  it("sklearn-mlflow-service: monitor-1 automated by the nightly pip-audit job and Dependabot's weekly updates", () => {
    const report = reports["sklearn-mlflow-service"];
    expect(suggestionOf(report, "monitor-1")).toEqual({
      status: "automated",
      evidence: [
        { ci: ".github/workflows/nightly.yml#dependency-audit", runs: "pip-audit", scheduled: true },
        { ci: ".github/dependabot.yml#pip", runs: "dependabot update pip", scheduled: true },
        { path: ".github/dependabot.yml" },
      ],
    });
    expect(suggestionOf(report, "data-1")!.evidence[0]).toEqual({ ci: ".github/workflows/ci.yml#validate-data", runs: "churn.validate" });
    expect(suggestionOf(report, "infra-4")).toEqual({
      status: "automated",
      evidence: [{ ci: ".github/workflows/ci.yml#train-and-check", runs: "--check-against-production" }],
    });
    expect(suggestionOf(report, "monitor-3")!.evidence[0]).toEqual({
      ci: ".github/workflows/nightly.yml#drift-report",
      runs: "churn.drift_report",
      scheduled: true,
    });
    for (const id of ["data-2", "model-5"]) {
      expect(suggestionOf(report, id)).toEqual({ status: "manual", evidence: [{ doc: "docs/reviews/2026-10-15-model-review.md" }] });
    }
    expect(suggestionOf(report, "model-3")).toEqual({ status: "manual", evidence: [{ path: "src/churn/tune.py" }] });
    for (const id of ["infra-5", "infra-6", "infra-7", "monitor-4", "monitor-5", "monitor-6", "monitor-7"]) {
      expect(suggestionOf(report, id), id).toBeUndefined();
    }
    // ci.yml has no schedule: nothing from it may be proposed as scheduled.
    const ciScheduled = report.tests.flatMap((t) =>
      t.signals.filter((s) => String(s.pointer.ci).startsWith(".github/workflows/ci.yml") && s.pointer.scheduled),
    );
    expect(ciScheduled).toEqual([]);
  });

  it("k8s-canary-model: infra-6 automated by deploy.yml's canary job; monitoring scheduled; nothing in the model section", () => {
    const report = reports["k8s-canary-model"];
    const infra6 = suggestionOf(report, "infra-6")!;
    expect(infra6.status).toBe("automated");
    expect(infra6.evidence[0]).toMatchObject({ ci: ".github/workflows/deploy.yml#canary" });
    expect(infra6.evidence).toContainEqual({ path: "deploy/rollout.yaml" });
    expect(suggestionOf(report, "monitor-4")!.evidence[0]).toEqual({
      ci: ".github/workflows/monitor.yml#freshness-check",
      runs: "monitoring/freshness_check.py",
      scheduled: true,
    });
    expect(suggestionOf(report, "monitor-1")).toEqual({ status: "manual", evidence: [{ path: "renovate.json" }] });
    expect(suggestionOf(report, "infra-7")!.evidence).toContainEqual({ doc: "docs/runbooks/rollback.md" });
    expect(suggestionOf(report, "data-1")!.status).toBe("manual");
    for (const id of TEST_IDS.filter((id) => id.startsWith("model-") || /^infra-[1-5]$/.test(id))) {
      expect(suggestionOf(report, id), id).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. init end to end on a copy of each repository

// What `mltest score --as-of 2026-11-28` gives right after `mltest init` (default mode; manual
// suggestions carry no verified date, so they are unverified but still count):
//   notebook-prototype       data 0.5  model 0.5  infra 0.5  monitor 0  → final 0 (Research project)
//   tfx-pipeline             data 1.5  model 1    infra 1.5  monitor 2  → final 1 (Early testing)
//   sklearn-mlflow-service   data 2    model 2.5  infra 2.5  monitor 3  → final 2 (First production pass)
//   k8s-canary-model         data 0.5  model 0    infra 1.5  monitor 5  → final 0 (Research project)
// Below the README's human readings (0 / 2 / 2.5 / 0): detectors find less, never more.
const INIT_SCORES: Record<RepoName, { sections: number[]; final: number; band: string }> = {
  "notebook-prototype": { sections: [0.5, 0.5, 0.5, 0], final: 0, band: "Research project" },
  "tfx-pipeline": { sections: [2, 1, 1.5, 2], final: 1, band: "Early testing" },
  "sklearn-mlflow-service": { sections: [2.5, 2.5, 4, 3], final: 2.5, band: "Solid, partly manual" },
  "k8s-canary-model": { sections: [0.5, 0, 1.5, 5], final: 0, band: "Research project" },
};

describe.each(REPOS)("init end to end: a copy of %s", (repo) => {
  it("writes mltest.yaml that validates, scores as detected, and whose every detected pointer verifies", () => {
    const dir = copyOf(repo);
    const detected = detectJson(dir);
    const found = detected.tests.filter((t) => t.suggestion);
    const automated = found.filter((t) => t.suggestion!.status === "automated").length;

    const init = mltest("init", dir);
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    expect(init.stdout).toBe(
      `${dir}/mltest.yaml: wrote 28 tests; evidence found for ${found.length} (${automated} automated, ${found.length - automated} manual). ` +
        'Next: review it, then run "mltest score".\n',
    );
    expect(existsSync(join(dir, "mltest.yaml"))).toBe(true);

    const validate = mltest("validate", dir);
    expect(validate.status).toBe(0);
    expect(validate.stdout).toContain("valid against ml-test-score-2017 (28 of 28 tests declared");

    const report = scoreJson(dir);
    const statuses = Object.fromEntries(reportTests(report).map((t) => [t.id, t.status]));
    expect(statuses).toEqual(suggested(detected));
    // The issue's property: a detection never proposes a pointer that fails verification.
    const broken = reportTests(report).flatMap((t) =>
      (t.verification?.findings ?? []).filter((f) => f.result === "broken").map((f) => `${t.id}: ${f.pointer}: ${f.message}`),
    );
    expect(broken).toEqual([]);
    // Every detected claim is checked, and an automated one is proved by its CI pointer.
    for (const test of found) {
      const scored = reportTests(report).find((t) => t.id === test.id)!;
      expect(scored.verification, test.id).toBeDefined();
      if (test.suggestion!.status === "automated") expect(scored.verification!.state, test.id).toBe("verified");
    }

    const expected = INIT_SCORES[repo];
    expect(report.sections.map((s) => s.score)).toEqual(expected.sections);
    expect(report.final.score).toBe(expected.final);
    expect(report.final.band.label).toBe(expected.band);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. init safety

describe("init safety", () => {
  const noTempFiles = (dir: string) => expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

  it("--dry-run prints the file init would write and writes nothing", () => {
    const dir = copyOf("tfx-pipeline");
    const before = readdirSync(dir).sort();
    const dry = mltest("init", dir, "--dry-run");
    expect(dry.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(mltest("init", dir).status).toBe(0);
    expect(readFileSync(join(dir, "mltest.yaml"), "utf8")).toBe(dry.stdout);
    // With a file present, --dry-run still only prints.
    writeFileSync(join(dir, "mltest.yaml"), "tests: {}\n");
    expect(mltest("init", dir, "--dry-run").stdout).toBe(dry.stdout);
    expect(readFileSync(join(dir, "mltest.yaml"), "utf8")).toBe("tests: {}\n");
    noTempFiles(dir);
  });

  it("the written file opens with comments and has a comment per test with its id, title and question", () => {
    const dir = copyOf("sklearn-mlflow-service");
    expect(mltest("init", dir).status).toBe(0);
    const text = readFileSync(join(dir, "mltest.yaml"), "utf8");
    const lines = text.split("\n");
    // Comments (an editor modeline, then what the file is) up to the tests.
    const header = lines.slice(0, lines.indexOf("tests:"));
    expect(header.length).toBeGreaterThanOrEqual(5);
    expect(header.every((l) => l.startsWith("#") || l === "")).toBe(true);
    expect(lines[0]!.startsWith("#")).toBe(true);
    expect(header.some((l) => l.startsWith("# Evidence for The ML Test Score 2017: for each test"))).toBe(true);
    for (const test of RUBRIC_TESTS) {
      const key = lines.indexOf(`  ${test.id}:`);
      expect(key, test.id).toBeGreaterThan(0);
      // The comment block right above the key.
      let start = key;
      while (start > 0 && lines[start - 1]!.trimStart().startsWith("#")) start--;
      const block = lines.slice(start, key).map((l) => l.trim().replace(/^#\s?/, ""));
      expect(block, test.id).toContain(`${test.id} ${test.title}`);
      // "Asks:" and its continuation lines (indented by two more spaces), unwrapped.
      const asks = block.findIndex((l) => l.startsWith("Asks: "));
      expect(asks, test.id).toBeGreaterThanOrEqual(0);
      const continued = [block[asks]!];
      for (let i = asks + 1; i < block.length && /^ {2}\S/.test(block[i]!); i++) continued.push(block[i]!.trim());
      expect(continued.join(" "), test.id).toBe(`Asks: ${test.question!.replace(/\s+/g, " ").trim()}`);
    }
    noTempFiles(dir);
  });

  it("refuses to overwrite (exit 2, says --merge or --force) and leaves the file byte-identical", () => {
    const dir = copyOf("tfx-pipeline");
    expect(mltest("init", dir).status).toBe(0);
    const file = join(dir, "mltest.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}# edited by hand\n`);
    const before = readFileSync(file);
    const again = mltest("init", dir);
    expect(again.status).toBe(2);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("already exists");
    expect(again.stderr).toContain("--merge");
    expect(again.stderr).toContain("--force");
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}.bak`)).toBe(false);
    noTempFiles(dir);
  });

  it("--force replaces the file and keeps the old one as mltest.yaml.bak, then mltest.yaml.bak.2", () => {
    const dir = copyOf("k8s-canary-model");
    const file = join(dir, "mltest.yaml");
    const fresh = mltest("init", dir, "--dry-run").stdout;
    writeFileSync(file, "# my own file\ntests:\n  data-1:\n    status: none\n");
    const first = mltest("init", dir, "--force");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`the old file is in ${file}.bak`);
    expect(readFileSync(file, "utf8")).toBe(fresh);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe("# my own file\ntests:\n  data-1:\n    status: none\n");

    writeFileSync(file, `${fresh}# second edit\n`);
    const second = mltest("init", dir, "--force");
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`the old file is in ${file}.bak.2`);
    expect(readFileSync(file, "utf8")).toBe(fresh);
    expect(readFileSync(`${file}.bak`, "utf8")).toBe("# my own file\ntests:\n  data-1:\n    status: none\n");
    expect(readFileSync(`${file}.bak.2`, "utf8")).toBe(`${fresh}# second edit\n`);
    expect(
      readdirSync(dir)
        .filter((f) => f.startsWith("mltest.yaml"))
        .sort(),
    ).toEqual(["mltest.yaml", "mltest.yaml.bak", "mltest.yaml.bak.2"]);
    noTempFiles(dir);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. init --merge keeps everything a person wrote

type Entry = { status: string; evidence?: Record<string, unknown>[]; [key: string]: unknown };

describe("init --merge", () => {
  it("keeps a person's edits, restores a deleted test, fills placeholders and only adds pointers", () => {
    const dir = copyOf("k8s-canary-model");
    const file = join(dir, "mltest.yaml");
    expect(mltest("init", dir).status).toBe(0);
    let text = readFileSync(file, "utf8");

    // A person reviews the file.
    text = `# reviewed by Ada\n${text}`;
    text = replaceOnce(
      text,
      "\n  infra-6:\n",
      "\n  # canary thresholds agreed with SRE\n  infra-6:\n    owner: ada\n    notes: Analysis thresholds reviewed in the October game day.\n",
    );
    text = replaceOnce(
      text,
      "  monitor-1:\n    status: manual\n    evidence:\n      - path: renovate.json\n",
      "  monitor-1:\n    status: manual\n    verified: 2026-11-20\n    evidence:\n      - path: renovate.json\n      - doc: docs/runbooks/rollback.md\n",
    );
    text = replaceOnce(text, "  infra-2:\n    status: none\n", "  infra-2:\n    status: none\n    owner: bob\n");
    // monitor-7 was detected; delete its whole entry with its comments (it is the last test).
    const monitor7 = text.indexOf("\n  # monitor-7 ");
    expect(monitor7).toBeGreaterThan(0);
    text = `${text.slice(0, monitor7)}\n`;
    writeFileSync(file, text);
    expect(mltest("validate", dir).status).toBe(0);
    const before = (parseYaml(text) as { tests: Record<string, Entry> }).tests;
    expect(before["monitor-7"]).toBeUndefined();

    // The repository gains Dependabot and a scheduled retraining workflow.
    writeTree(dir, {
      ".github/dependabot.yml":
        'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: "/"\n    schedule:\n      interval: weekly\n',
      ".github/workflows/retrain.yml": [
        "name: retrain",
        "on:",
        "  schedule:",
        '    - cron: "0 2 * * 1"',
        "jobs:",
        "  retrain:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - run: dvc repro",
        "      - run: pytest tests/test_model.py",
        "",
      ].join("\n"),
    });
    const detected = detectJson(dir);
    for (const id of ["infra-1", "infra-2", "infra-3"]) expect(suggestionOf(detected, id)?.status, id).toBe("automated");

    const merge = mltest("init", dir, "--merge");
    expect(merge.stderr).toBe("");
    expect(merge.status).toBe(0);
    expect(merge.stdout).toBe(`${file}: added 1 test, filled 2 placeholders, added 3 pointers to existing tests\n`);
    const merged = readFileSync(file, "utf8");
    const after = (parseYaml(merged) as { tests: Record<string, Entry> }).tests;

    // Comments and hand-written values survive verbatim.
    expect(merged.split("\n")[0]).toBe("# reviewed by Ada");
    expect(merged).toContain(
      "\n  # canary thresholds agreed with SRE\n  infra-6:\n    owner: ada\n    notes: Analysis thresholds reviewed in the October game day.\n",
    );
    expect(merged).toContain(
      "  monitor-1:\n    status: manual\n    verified: 2026-11-20\n    evidence:\n      - path: renovate.json\n      - doc: docs/runbooks/rollback.md\n",
    );
    expect(after["monitor-1"]).toEqual({
      status: "manual",
      verified: "2026-11-20",
      evidence: [
        { path: "renovate.json" },
        { doc: "docs/runbooks/rollback.md" },
        { ci: ".github/dependabot.yml#pip", runs: "dependabot update pip", scheduled: true },
        { path: ".github/dependabot.yml" },
      ],
    });
    expect(after["infra-2"]).toEqual({ status: "none", owner: "bob", evidence: suggestionOf(detected, "infra-2")!.evidence });
    // The deleted test is back with its suggestion, in rubric order.
    expect(after["monitor-7"]).toEqual({
      status: suggestionOf(detected, "monitor-7")!.status,
      evidence: suggestionOf(detected, "monitor-7")!.evidence,
    });
    expect(Object.keys(after)).toEqual(TEST_IDS);
    // Placeholders of newly detected tests are filled; the others stay placeholders.
    for (const id of ["infra-1", "infra-3"]) {
      expect(before[id], id).toEqual({ status: "none" });
      expect(after[id], id).toEqual({ status: "automated", evidence: suggestionOf(detected, id)!.evidence });
    }
    expect(after["model-2"]).toEqual({ status: "none" });
    // Every test a person had content in keeps all of it, and its pointers are a prefix of the new list.
    for (const [id, entry] of Object.entries(before)) {
      if (JSON.stringify(entry) === '{"status":"none"}') continue;
      const { evidence: oldEvidence = [], ...rest } = entry;
      const { evidence: newEvidence = [], ...newRest } = after[id]!;
      expect(newRest, id).toEqual(rest);
      expect(newEvidence.slice(0, oldEvidence.length), id).toEqual(oldEvidence);
    }
    // Merging again changes nothing.
    const again = mltest("init", dir, "--merge");
    expect(again.stdout).toBe(`${file}: added 0 tests, filled 0 placeholders, added 0 pointers to existing tests\n`);
    expect(readFileSync(file, "utf8")).toBe(merged);

    expect(mltest("validate", dir).status).toBe(0);
    const report = scoreJson(dir);
    const statuses = Object.fromEntries(reportTests(report).map((t) => [t.id, t.status]));
    expect(statuses).toMatchObject({
      "infra-1": "automated",
      "infra-2": "none",
      "infra-3": "automated",
      "monitor-1": "manual",
      "monitor-7": "manual",
    });
    expect(reportTests(report).find((t) => t.id === "monitor-1")!.verification!.state).toBe("verified");
    expect(reportTests(report).flatMap((t) => (t.verification?.findings ?? []).filter((f) => f.result === "broken"))).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") || f.includes(".bak"))).toEqual([]);
  });

  it("--merge --dry-run prints the merged file and writes nothing", () => {
    const dir = copyOf("tfx-pipeline");
    const file = join(dir, "mltest.yaml");
    writeFileSync(file, "# mine\ntests:\n  data-1:\n    status: none\n");
    const run = mltest("init", dir, "--merge", "--dry-run");
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith("# mine\n")).toBe(true);
    expect((parseYaml(run.stdout) as { tests: Record<string, Entry> }).tests["data-1"]!.status).toBe("automated");
    expect(readFileSync(file, "utf8")).toBe("# mine\ntests:\n  data-1:\n    status: none\n");
  });

  it("exits 2 without an mltest.yaml, and creates none", () => {
    const dir = copyOf("notebook-prototype");
    const run = mltest("init", dir, "--merge");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/--merge: there is no .*mltest\.yaml yet; run "mltest init" without --merge/);
    expect(existsSync(join(dir, "mltest.yaml"))).toBe(false);
  });

  it("exits 2 on an invalid mltest.yaml with a located message, and leaves it untouched", () => {
    const dir = copyOf("sklearn-mlflow-service");
    const file = join(dir, "mltest.yaml");
    const text = "tests:\n  data-1:\n    status: automatic\n  model-1:\n    status: none\n";
    writeFileSync(file, text);
    const run = mltest("init", dir, "--merge");
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^mltest: .*mltest\.yaml:3:\d+ tests\.data-1\.status: unknown status "automatic"/);
    expect(run.stderr).toContain(file);
    expect(run.stderr).not.toContain("internal error");
    expect(readFileSync(file, "utf8")).toBe(text);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

// 5b. init --merge never adds back what a person dismissed in ignore:

// Each case runs mltest several times (init, merge, detect): more than the default 5 s on a busy machine.
describe("init --merge and ignore:", { timeout: 30_000 }, () => {
  it("a pointer deleted and listed under ignore: stays out; a whole test listed stays out; the rest merges as before", () => {
    const dir = copyOf("k8s-canary-model");
    const file = join(dir, "mltest.yaml");
    expect(mltest("init", dir).status).toBe(0);
    let text = readFileSync(file, "utf8");
    // A person deletes a pointer init found, and the whole monitor-1 entry with its comments.
    text = replaceOnce(
      text,
      "      - path: deploy/rollout.yaml\n      - path: deploy/inferenceservice.yaml\n",
      "      - path: deploy/inferenceservice.yaml\n",
    );
    const monitor1 = text.indexOf("  # monitor-1 ");
    text = text.slice(0, monitor1) + text.slice(text.indexOf("  # monitor-2 "));
    writeFileSync(file, text);

    // Without ignore:, merge puts both back: that is what ignore: is for.
    const back = mltest("init", dir, "--merge", "--dry-run").stdout;
    const backTests = (parseYaml(back) as { tests: Record<string, Entry> }).tests;
    expect(backTests["infra-6"]!.evidence).toContainEqual({ path: "deploy/rollout.yaml" });
    expect(back).toContain(
      "      # added by mltest init --merge (to keep it out, delete it and list it under ignore:)\n      - path: deploy/rollout.yaml\n",
    );
    expect(backTests["monitor-1"]).toBeDefined();

    text += [
      "ignore:",
      "  - { test: infra-6, path: deploy/rollout.yaml, reason: the Rollout is the canary itself; the CI job is the proof }",
      "  - { test: monitor-1 }",
      "",
    ].join("\n");
    writeFileSync(file, text);
    expect(mltest("validate", dir).status).toBe(0);
    const merge = mltest("init", dir, "--merge");
    expect(merge.stderr).toBe("");
    expect(merge.stdout).toBe(`${file}: added 0 tests, filled 0 placeholders, added 0 pointers to existing tests\n`);
    expect(readFileSync(file, "utf8")).toBe(text);

    // The repository gains Dependabot (monitor-1 again) and nothing is added for the ignored test.
    writeTree(dir, {
      ".github/dependabot.yml":
        'version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: "/"\n    schedule:\n      interval: weekly\n',
    });
    expect(suggestionOf(detectJson(dir), "monitor-1")).toBeDefined();
    expect(mltest("init", dir, "--merge").status).toBe(0);
    const after = (parseYaml(readFileSync(file, "utf8")) as { tests: Record<string, Entry> }).tests;
    expect(after["monitor-1"]).toBeUndefined();
    expect(after["infra-6"]!.evidence).not.toContainEqual({ path: "deploy/rollout.yaml" });
  });

  it("an ignored pointer of a missing test is left out of the test merge adds, and the suggestion is made from the rest", () => {
    const dir = copyOf("k8s-canary-model");
    const detected = suggestionOf(detectJson(dir), "infra-7")!;
    expect(detected.evidence).toContainEqual({ path: "scripts/rollback.sh" });
    writeFileSync(join(dir, "mltest.yaml"), "tests: {}\nignore:\n  - { test: infra-7, path: scripts/rollback.sh }\n");
    const tests = (parseYaml(mltest("init", dir, "--merge", "--dry-run").stdout) as { tests: Record<string, Entry> }).tests;
    expect(tests["infra-7"]).toEqual({ status: "manual", evidence: detected.evidence.filter((p) => p.path !== "scripts/rollback.sh") });
  });

  it("an ignore: entry is checked: a known test id, one pointer, fields with their kind", () => {
    const dir = copyOf("k8s-canary-model");
    writeFileSync(
      join(dir, "mltest.yaml"),
      "tests: {}\nignore:\n  - { test: infra-66, doc: a.md, path: b, runs: x }\n  - { tset: data-1 }\n",
    );
    const run = mltest("init", dir, "--merge");
    expect(run.status).toBe(2);
    expect(run.stderr.replaceAll(`${join(dir, "mltest.yaml")}:`, "")).toBe(
      [
        'mltest: 3:7 ignore.0.test: unknown test id "infra-66" in rubric ml-test-score-2017; did you mean "infra-6"?',
        "mltest: 3:23 ignore.0.doc: one pointer per entry, and this one names path and doc: give each pointer an entry of its own",
        'mltest: 3:43 ignore.0.runs: "runs" belongs to a ci pointer; give the ci it goes with',
        'mltest: 4:5 ignore.1.test: an ignore entry names the test it is for: add "test: TEST-ID"',
        'mltest: 4:7 ignore.1.tset: unknown key "tset"; did you mean "test"?',
        "",
      ].join("\n"),
    );
  });
});

// 5c. The schema modeline init writes names no path outside the project

describe("init's $schema modeline", () => {
  it("names the schema of the mltest installed in the project, relative to it", () => {
    const dir = copyOf("notebook-prototype");
    writeTree(dir, { "node_modules/mltest/schemas/evidence.schema.json": "{}\n" });
    const text = mltest("init", dir, "--dry-run").stdout;
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=node_modules/mltest/schemas/evidence.schema.json");
  });

  it("is left out when the schema is not inside the project (no published address is known), never a path that climbs out", () => {
    const dir = copyOf("notebook-prototype");
    const text = mltest("init", dir, "--dry-run").stdout;
    expect(text).not.toContain("yaml-language-server");
    expect(text).not.toContain("../");
    expect(text.split("\n")[0]).toMatch(/^# Evidence for The ML Test Score 2017/);
  });

  it("names the running copy's schema only when that lies inside the project", () => {
    const project = freshDir("with-mltest-inside");
    writeTree(project, { "tools/mltest/schemas/evidence.schema.json": "{}\n", "elsewhere/evidence.schema.json": "{}\n" });
    expect(evidenceSchemaRef(project, join(project, "tools/mltest/schemas"))).toBe("tools/mltest/schemas/evidence.schema.json");
    expect(evidenceSchemaRef(join(project, "tools"), join(project, "elsewhere"))).toBeUndefined();
    expect(evidenceSchemaRef(project, join(ROOT, "schemas"))).toBeUndefined();
    // A node_modules/mltest without the schema file is not named.
    writeTree(project, { "node_modules/mltest/package.json": "{}\n" });
    expect(evidenceSchemaRef(join(project, "elsewhere"), join(ROOT, "schemas"))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Property: detections over generated repositories

const KNOWN_PACKAGES = [
  "pandera",
  "Great_Expectations",
  "great-expectations",
  "mlflow",
  "optuna",
  "shap",
  "fairlearn",
  "evidently",
  "whylogs",
  "tensorflow-data-validation",
  "dvc",
  "nannyml",
  "feast",
  "presidio-analyzer",
  "tensorflow_model_analysis",
];
const OTHER_PACKAGES = ["pandas", "numpy", "scikit-learn", "acme-utils", "requests", "zope.interface", "pytest"];
const PACKAGE = fc.constantFrom(...KNOWN_PACKAGES, ...OTHER_PACKAGES);

/** A requirements line in one of the shapes pip accepts. */
const REQUIREMENT = fc
  .tuple(PACKAGE, fc.nat(8))
  .map(
    ([name, shape]) =>
      [
        name,
        `${name}>=1.2`,
        `${name}[extra]==2.0.1`,
        `${name} ; python_version >= "3.9"`,
        `${name}~=0.4  # pinned for the demo`,
        `# ${name} is not used any more`,
        "-r requirements-dev.txt",
        "-e .",
        `git+https://github.com/acme/${name}.git#egg=${name}`,
      ][shape]!,
  );

const COMMANDS = [
  "pip install -r requirements.txt",
  "pytest tests/test_features.py",
  "python -m pytest -q tests/test_model.py",
  "pytest tests/integration -m integration",
  "great_expectations checkpoint run orders",
  "gx checkpoint run nightly",
  "pip-audit -r requirements.txt",
  "python -m churn.validate",
  "python scripts/validate_data.py --input data/sample.csv",
  "dvc repro",
  "dvc metrics diff main",
  "evidently report --config monitoring/drift.yaml",
  "python monitoring/drift_check.py",
  "python scripts/check_model_freshness.py",
  "kubectl argo rollouts set image api api=ghcr.io/acme/api:1",
  "helm rollback api 0",
  "python -m pipeline.run --local --sample",
  "python eval_baseline.py",
  "python -m churn.fairness_report",
  "locust -f loadtest.py --headless",
  "python tune_hparams.py --trials 20",
  "echo done",
];
const COMMAND = fc.constantFrom(...COMMANDS);

const GH_JOB_IDS = ["test", "lint", "validate-data", "train", "nightly", "drift_report", "audit", "deploy"];
// No "#" in GitLab job names: that case is a known bug, pinned separately below.
const GL_JOB_IDS = ["unit tests", "validate-data", "train", "nightly: drift", "e2e", "audit", "deploy/canary"];

interface CiModel {
  /** "file#job" → the commands the job runs, as written by the generator; and whether it is scheduled. */
  jobs: Map<string, { commands: string[]; scheduled: boolean }>;
}

interface GeneratedRepo {
  files: Record<string, string>;
  /** Files a signal must never come from: gitignored, or in a folder detect skips. */
  hidden: Set<string>;
  ci: CiModel;
}

const q = (s: string) => JSON.stringify(s);

const workflowArb = fc.record({
  name: fc.constantFrom("ci", "nightly", "deploy", "monitor"),
  ext: fc.constantFrom("yml", "yaml"),
  scheduled: fc.boolean(),
  jobs: fc.uniqueArray(
    fc.record({ id: fc.constantFrom(...GH_JOB_IDS), steps: fc.array(COMMAND, { minLength: 1, maxLength: 3 }), block: fc.boolean() }),
    { selector: (j) => j.id, minLength: 1, maxLength: 3 },
  ),
});

type WorkflowSpec = { name: string; ext: string; scheduled: boolean; jobs: { id: string; steps: string[]; block: boolean }[] };
type GitlabJobSpec = { id: string; script: string[] | undefined; extendsBase: boolean; schedule: string };

function workflow(w: WorkflowSpec, ci: CiModel): [string, string] {
  const path = `.github/workflows/${w.name}.${w.ext}`;
  const out = [`name: ${w.name}`, "on:", "  push:", "    branches: [main]"];
  if (w.scheduled) out.push("  schedule:", '    - cron: "0 3 * * *"');
  out.push("  workflow_dispatch:", "jobs:");
  for (const job of w.jobs) {
    out.push(`  ${job.id}:`, "    runs-on: ubuntu-latest", "    steps:", "      - uses: actions/checkout@v4");
    const commands = ["actions/checkout@v4"];
    if (job.block) {
      out.push("      - name: Run", "        run: |", ...job.steps.map((s) => `          ${s}`));
      commands.push(`${job.steps.join("\n")}\n`);
    } else {
      for (const step of job.steps) out.push(`      - run: ${q(step)}`);
      commands.push(...job.steps);
    }
    ci.jobs.set(`${path}#${job.id}`, { commands, scheduled: w.scheduled });
  }
  return [path, `${out.join("\n")}\n`];
}

const gitlabJobArb = fc.record({
  id: fc.constantFrom(...GL_JOB_IDS),
  script: fc.option(fc.array(COMMAND, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  extendsBase: fc.boolean(),
  schedule: fc.constantFrom("none", "rules", "only", "mr-rules"),
});
const gitlabArb = fc.record({
  before: fc.option(COMMAND, { nil: undefined }),
  base: fc.array(COMMAND, { minLength: 1, maxLength: 2 }),
  jobs: fc.uniqueArray(gitlabJobArb, { selector: (j) => j.id, minLength: 1, maxLength: 4 }),
  included: fc.uniqueArray(gitlabJobArb, { selector: (j) => j.id, maxLength: 2 }),
});

function gitlab(
  g: { before: string | undefined; base: string[]; jobs: GitlabJobSpec[]; included: GitlabJobSpec[] },
  ci: CiModel,
): Record<string, string> {
  const files: Record<string, string> = {};
  const root: string[] = ["stages: [test, deploy]"];
  if (g.before) root.push("default:", "  before_script:", `    - ${q(g.before)}`);
  const included = g.included.filter((j) => !g.jobs.some((k) => k.id === j.id));
  if (included.length > 0) root.push("include:", "  - local: ci/jobs.yml");
  root.push(".base:", "  script:", ...g.base.map((c) => `    - ${q(c)}`));
  const jobLines = (job: GitlabJobSpec): string[] => {
    const out = [`${q(job.id)}:`, "  stage: test"];
    const usesBase = job.extendsBase || job.script === undefined;
    if (usesBase) out.push("  extends: .base");
    if (job.schedule === "rules") out.push("  rules:", `    - if: '$CI_PIPELINE_SOURCE == "schedule"'`);
    if (job.schedule === "only") out.push("  only: [schedules]");
    if (job.schedule === "mr-rules") out.push("  rules:", `    - if: '$CI_PIPELINE_SOURCE == "merge_request_event"'`);
    if (job.script) out.push("  script:", ...job.script.map((c) => `    - ${q(c)}`));
    const script = job.script ?? g.base;
    ci.jobs.set(`.gitlab-ci.yml#${job.id}`, {
      commands: [...(g.before ? [g.before] : []), ...script],
      scheduled: job.schedule === "rules" || job.schedule === "only",
    });
    return out;
  };
  for (const job of g.jobs) root.push(...jobLines(job));
  files[".gitlab-ci.yml"] = `${root.join("\n")}\n`;
  if (included.length > 0) files["ci/jobs.yml"] = `${included.flatMap(jobLines).join("\n")}\n`;
  return files;
}

const IMPORTS = [
  "import pandera as pa",
  "from pandera import Column, DataFrameSchema",
  "import mlflow",
  "mlflow.log_params(params)",
  "import optuna",
  "import shap",
  "explainer = shap.TreeExplainer(model)",
  "from fairlearn.metrics import MetricFrame",
  "frame = MetricFrame(metrics=metrics, y_true=y, y_pred=p, sensitive_features=s)",
  "import evidently",
  "from sklearn.dummy import DummyClassifier",
  "baseline = DummyClassifier()",
  "import great_expectations as gx",
  "from tfx.components import SchemaGen",
  "import whylogs",
  "import pandas as pd",
];
const PY_PATHS = [
  "src/churn/schema.py",
  "src/churn/train.py",
  "src/churn/baseline.py",
  "tests/test_features.py",
  "tests/test_model.py",
  "tests/integration/test_pipeline.py",
  "scripts/tune_hparams.py",
  "monitoring/drift.py",
  "app/main.py",
];
const HEADINGS = [
  "## Feature ablation",
  "## Baseline comparison",
  "## Fairness",
  "## Rollback",
  "## Hyperparameter search",
  "## Slices",
  "## Privacy",
  "## Model review",
  "## Notes",
  "### Canary analysis",
  "## Reproducibility",
];
const ALERTS = ["InputDrift", "ModelStale", "HighLatency", "NaNPredictions", "PredictionMeanShift", "FeatureSkew", "AccuracyDrop"];

/** Files behind .gitignore rules or in folders detect skips, each with strong signals inside. */
const TRAPS: { ignore?: string; files: Record<string, string> }[] = [
  {
    ignore: "scratch/",
    files: { "scratch/check.py": "import pandera as pa\nimport optuna\n", "scratch/requirements.txt": "fairlearn\nnannyml\n" },
  },
  { ignore: "data/", files: { "data/raw/notes.py": "import pandera\nexplainer = shap.TreeExplainer(m)\n" } },
  { ignore: "*.local.py", files: { "src/tune.local.py": "import optuna\nfrom fairlearn.metrics import MetricFrame\n" } },
  { ignore: "/private", files: { "private/docs/ablation.md": "## Feature ablation\n", "private/rollback.sh": "helm rollback api 0\n" } },
  {
    ignore: ".github/workflows/local-*.yml",
    files: {
      ".github/workflows/local-nightly.yml":
        'on:\n  schedule:\n    - cron: "0 1 * * *"\njobs:\n  audit:\n    steps:\n      - run: pip-audit\n      - run: dvc repro\n',
    },
  },
  { ignore: "requirements-local.txt", files: { "requirements-local.txt": "fairlearn\nwhylogs\n" } },
  { files: { "src/.gitignore": "generated/\n", "src/generated/schema.py": "import pandera as pa\n" } },
  {
    files: {
      ".venv/lib/python3.11/site-packages/great_expectations/__init__.py": "import pandera\n",
      ".venv/pyvenv.cfg": "home = /usr/bin\n",
    },
  },
  {
    files: {
      "envs/py311/pyvenv.cfg": "home = /usr/bin\n",
      "envs/py311/lib/fairness.py": "import fairlearn\n",
      "envs/py311/requirements.txt": "nannyml\n",
    },
  },
  {
    files: {
      "node_modules/acme/tune.py": "import optuna\n",
      "build/lib/churn/schema.py": "import pandera\n",
      "dist/baseline.ipynb": "{}\n",
    },
  },
  {
    files: {
      "notebooks/.ipynb_checkpoints/ablation-checkpoint.ipynb": '{"cells": [{"source": ["import shap\\n"]}]}\n',
      "__pycache__/drift.py": "import evidently\n",
    },
  },
];

function notebook(lines: string[]): string {
  return `${JSON.stringify({ cells: [{ cell_type: "code", metadata: {}, source: lines.map((l) => `${l}\n`) }], metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

const repoArb = fc
  .record({
    requirements: fc.option(fc.array(REQUIREMENT, { maxLength: 6 }), { nil: undefined }),
    pyproject: fc.option(fc.record({ deps: fc.array(PACKAGE, { maxLength: 4 }), optional: fc.array(PACKAGE, { maxLength: 2 }) }), {
      nil: undefined,
    }),
    pipfile: fc.option(fc.record({ packages: fc.uniqueArray(PACKAGE, { maxLength: 3 }), dev: fc.uniqueArray(PACKAGE, { maxLength: 2 }) }), {
      nil: undefined,
    }),
    conda: fc.option(fc.record({ conda: fc.uniqueArray(PACKAGE, { maxLength: 3 }), pip: fc.array(REQUIREMENT, { maxLength: 3 }) }), {
      nil: undefined,
    }),
    workflows: fc.uniqueArray(workflowArb, { selector: (w) => w.name, maxLength: 2 }),
    gitlab: fc.option(gitlabArb, { nil: undefined }),
    python: fc.uniqueArray(fc.record({ path: fc.constantFrom(...PY_PATHS), lines: fc.subarray(IMPORTS, { maxLength: 3 }) }), {
      selector: (p) => p.path,
      maxLength: 4,
    }),
    gxSuite: fc.boolean(),
    alerts: fc.option(fc.subarray(ALERTS, { minLength: 1 }), { nil: undefined }),
    rollout: fc.boolean(),
    notebooks: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom("baseline", "explore", "feature_importance", "fairness_audit", "debug_predictions"),
        lines: fc.subarray(IMPORTS, { maxLength: 2 }),
      }),
      { selector: (n) => n.name, maxLength: 2 },
    ),
    docs: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom("2026-10-review", "ablation", "rollback-runbook", "notes"),
        headings: fc.subarray(HEADINGS, { maxLength: 3 }),
      }),
      {
        selector: (d) => d.name,
        maxLength: 2,
      },
    ),
    noise: fc.subarray(["README.md", "src/churn/__init__.py", "data.csv", "Makefile", "renovate.json", ".github/dependabot.yml"]),
    traps: fc.subarray(TRAPS.map((_, i) => i)),
  })
  .map((spec): GeneratedRepo => {
    const files: Record<string, string> = {};
    const ci: CiModel = { jobs: new Map() };
    if (spec.requirements) files["requirements.txt"] = `# runtime\n${spec.requirements.join("\n")}\n`;
    if (spec.pyproject) {
      files["pyproject.toml"] = [
        "[project]",
        'name = "churn"',
        "dependencies = [",
        ...spec.pyproject.deps.map((d) => `  ${q(`${d}>=1`)},`),
        "]",
        "",
        "[project.optional-dependencies]",
        `extra = [${spec.pyproject.optional.map((d) => q(d)).join(", ")}]`,
        "",
      ].join("\n");
    }
    if (spec.pipfile) {
      files.Pipfile = [
        "[packages]",
        ...spec.pipfile.packages.map((p) => `${q(p)} = "*"`),
        "",
        "[dev-packages]",
        ...spec.pipfile.dev.filter((p) => !spec.pipfile!.packages.includes(p)).map((p) => `${q(p)} = "*"`),
        "",
      ].join("\n");
    }
    if (spec.conda) {
      files["environment.yml"] = [
        "name: churn",
        "channels: [conda-forge]",
        "dependencies:",
        "  - python=3.11",
        ...spec.conda.conda.map((p) => `  - conda-forge::${p}>=1`),
        "  - pip",
        "  - pip:",
        ...spec.conda.pip.map((r) => `      - ${q(r)}`),
        "",
      ].join("\n");
    }
    for (const w of spec.workflows) {
      const [path, text] = workflow(w, ci);
      files[path] = text;
    }
    if (spec.gitlab) Object.assign(files, gitlab(spec.gitlab, ci));
    for (const p of spec.python) files[p.path] = `"""A module."""\n${p.lines.join("\n")}\n`;
    if (spec.gxSuite) files["gx/expectations/orders.json"] = '{"expectation_suite_name": "orders", "expectations": []}\n';
    if (spec.alerts) {
      files["monitoring/alerts.yaml"] = [
        "apiVersion: monitoring.coreos.com/v1",
        "kind: PrometheusRule",
        "metadata:",
        "  name: model",
        "spec:",
        "  groups:",
        "    - name: model",
        "      rules:",
        ...spec.alerts.flatMap((a) => [`        - alert: ${a}`, "          expr: vector(1) > 0"]),
        "",
      ].join("\n");
    }
    if (spec.rollout) {
      files["deploy/rollout.yaml"] =
        "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: api\nspec:\n  strategy:\n    canary:\n      steps:\n        - setWeight: 10\n        - pause: {duration: 10m}\n";
    }
    for (const n of spec.notebooks) files[`notebooks/${n.name}.ipynb`] = notebook(n.lines);
    for (const d of spec.docs)
      files[`docs/reviews/${d.name}.md`] = `# ${d.name}\n\n${d.headings.map((h) => `${h}\n\nSome text.\n`).join("\n")}`;
    for (const n of spec.noise) files[n] = n.endsWith(".yml") ? "version: 2\nupdates: []\n" : n.endsWith(".json") ? "{}\n" : "noise\n";
    const hidden = new Set<string>();
    const ignore = ["__pycache__/", "*.pyc"];
    for (const i of spec.traps) {
      const trap = TRAPS[i]!;
      if (trap.ignore) ignore.push(trap.ignore);
      for (const [path, text] of Object.entries(trap.files)) {
        files[path] = text;
        if (!path.endsWith(".gitignore")) hidden.add(path);
      }
    }
    files[".gitignore"] = `${ignore.join("\n")}\n`;
    return { files, hidden, ci };
  });

// Twenty-five generated repositories, each detected and verified: a few seconds on a quiet machine, more on a busy one.
describe("property: detections on generated repositories", { timeout: 30_000 }, () => {
  it("never propose a broken pointer, a `runs:` their job does not run, or a file git would not see", () => {
    // What the generated repositories reached, so that a generator producing nothing detectable fails.
    const kinds = new Set<string>();
    let hiddenFiles = 0;
    fc.assert(
      fc.property(repoArb, (repo) => {
        const dir = freshDir("generated");
        writeTree(dir, repo.files);
        const { rubric, report } = detectProject(dir);
        expect(report.truncated).toBe(false);

        const signals = report.tests.flatMap((t) => t.signals);
        hiddenFiles += repo.hidden.size;
        for (const s of signals) kinds.add(Object.keys(s.pointer)[0]! + (s.pointer.scheduled ? "+scheduled" : ""));
        for (const s of signals) {
          expect(repo.hidden.has(s.file), `signal from hidden file ${s.file}`).toBe(false);
          expect(Object.hasOwn(repo.files, s.file), `signal from unknown file ${s.file}`).toBe(true);
          for (const key of ["path", "doc"] as const) {
            const target = s.pointer[key];
            if (typeof target === "string") expect(repo.hidden.has(target), `${key} pointer to hidden ${target}`).toBe(false);
          }
          if (typeof s.pointer.ci === "string") {
            const job = repo.ci.jobs.get(s.pointer.ci);
            expect(job, `ci pointer ${s.pointer.ci} names a generated job`).toBeDefined();
            const runs = s.pointer.runs;
            expect(typeof runs).toBe("string");
            expect(
              job!.commands.some((c) => c.includes(runs as string)),
              `${s.pointer.ci} runs ${String(runs)}`,
            ).toBe(true);
            if (s.pointer.scheduled === true) expect(job!.scheduled, `${s.pointer.ci} is scheduled`).toBe(true);
          }
        }

        // Build the evidence file from the suggestions, then load and score it.
        writeFileSync(join(dir, "mltest.yaml"), renderEvidenceFile(rubric.rubric, report));
        const scored = scoreProject(loadProject(dir), { asOf: AS_OF, thresholds: {} });
        const byId = new Map(reportTests(scored).map((t) => [t.id, t]));
        for (const test of report.tests) {
          const scoredTest = byId.get(test.id)!;
          expect(scoredTest.status, test.id).toBe(test.suggestion?.status ?? "none");
          const broken = (scoredTest.verification?.findings ?? []).filter((f) => f.result === "broken");
          expect(broken, `${test.id}: ${JSON.stringify(test.suggestion)}`).toEqual([]);
        }
      }),
      { seed: 42, numRuns: 25 },
    );
    expect(hiddenFiles).toBeGreaterThan(10);
    expect([...kinds].sort()).toEqual(["ci", "ci+scheduled", "doc", "path"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Bugs found while writing these tests

describe("known bugs", () => {
  // Regression: a GitLab job whose name contains "#" (GitLab allows it, e.g. "unit tests #1") is proposed
  // as `ci: .gitlab-ci.yml#unit tests #1`; verification (src/verify/verify.ts, checkPointer) splits
  // the pointer at the LAST "#", looks for the file ".gitlab-ci.yml#unit tests " and reports the
  // pointer broken ("no such file or folder"). detect.ts should not propose such a pointer, or
  // verification should split at the "#" that follows the CI file name.
  it("a GitLab job with # in its name gets a pointer that verifies", () => {
    const dir = freshDir("gitlab-hash");
    writeTree(dir, { ".gitlab-ci.yml": '"unit tests #1":\n  script:\n    - pytest tests/test_features.py\n' });
    const { rubric, report } = detectProject(dir);
    expect(suggestionOf(report, "data-7")?.status).toBe("automated");
    writeFileSync(join(dir, "mltest.yaml"), renderEvidenceFile(rubric.rubric, report));
    const scored = scoreProject(loadProject(dir), { asOf: AS_OF, thresholds: {} });
    const data7 = reportTests(scored).find((t) => t.id === "data-7")!;
    expect(data7.verification!.findings.filter((f) => f.result === "broken")).toEqual([]);
  });

  // Regression: `init --merge` fills a `status: none` placeholder (mergeEvidenceFile in
  // src/init/evidence-file.ts) but keeps the comment init wrote above it, "Nothing found. Add: …",
  // so the file says nothing was found right above the evidence that was. It clears the key's
  // trailing comment, not the commentBefore that holds this text.
  it("a placeholder filled by --merge no longer says nothing was found", () => {
    const dir = copyOf("k8s-canary-model");
    expect(mltest("init", dir).status).toBe(0);
    writeTree(dir, {
      ".github/workflows/retrain.yml": 'on:\n  schedule:\n    - cron: "0 2 * * 1"\njobs:\n  retrain:\n    steps:\n      - run: dvc repro\n',
    });
    expect(mltest("init", dir, "--merge").stdout).toContain("filled 2 placeholders");
    const lines = readFileSync(join(dir, "mltest.yaml"), "utf8").split("\n");
    const key = lines.indexOf("  infra-1:");
    expect(lines[key + 1]).toBe("    status: automated");
    let start = key;
    while (lines[start - 1]!.trimStart().startsWith("#")) start--;
    expect(lines.slice(start, key).join("\n")).not.toContain("Nothing found");
  });

  // BUG (cosmetic): the file init writes has a line of two spaces right after "tests:" (the yaml
  // package renders the blank line before the first key, which has spaceBefore, at the map's
  // indentation), which yamllint's trailing-spaces rule rejects.
  it("init writes no line with trailing whitespace", () => {
    const text = mltest("init", fixture("tfx-pipeline"), "--dry-run").stdout;
    expect(
      text
        .split("\n")
        .filter((l) => /\s$/.test(l))
        .map((l) => JSON.stringify(l)),
    ).toEqual([]);
  });

  // Regression: detect.ts takes a CI signal's file from the job's source, and readCi follows GitLab
  // `include: local:` without asking the scan, so a job defined in a gitignored file (which git,
  // and so GitLab, never sees) becomes evidence: the signal file is ci/jobs.yml although
  // .gitignore hides ci/. Every other signal honours .gitignore.
  it("a GitLab job included from a gitignored file is not evidence", () => {
    const dir = freshDir("gitlab-ignored-include");
    writeTree(dir, {
      ".gitignore": "ci/\n",
      ".gitlab-ci.yml": "include:\n  - local: ci/jobs.yml\n",
      "ci/jobs.yml": "validate:\n  script:\n    - python -m churn.validate_data\n",
    });
    const { report } = detectProject(dir);
    expect(report.tests.flatMap((t) => t.signals.map((s) => s.file))).not.toContain("ci/jobs.yml");
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Manifests

describe("manifests: dependencies()", () => {
  it("names manifests by their file name", () => {
    expect(manifestKind("requirements.txt")).toBe("requirements");
    expect(manifestKind("deps/requirements-dev.txt")).toBe("requirements");
    expect(manifestKind("requirements.in")).toBe("requirements");
    expect(manifestKind("pyproject.toml")).toBe("pyproject");
    expect(manifestKind("a/setup.cfg")).toBe("setup.cfg");
    expect(manifestKind("environment.yaml")).toBe("conda");
    expect(manifestKind("Pipfile")).toBe("pipfile");
    expect(manifestKind("web/package.json")).toBe("package.json");
    expect(manifestKind("Pipfile.lock")).toBeUndefined();
    expect(manifestKind("constraints.txt")).toBeUndefined();
    expect(dependencies("README.md", "pandera\n")).toEqual([]);
  });

  it("normalises names as PEP 503 does", () => {
    expect(normalise("Great_Expectations")).toBe(normalise("great-expectations"));
    expect(normalise("Great_Expectations")).toBe("great-expectations");
    expect(normalise("zope.interface")).toBe("zope-interface");
    expect(normalise("  Foo__Bar.-baz ")).toBe("foo-bar-baz");
  });

  it("reads requirements lines: extras, specifiers, markers and comments; skips options and URLs", () => {
    const text = [
      "# runtime dependencies", // 1
      "pandas>=2.1  # the data frame", // 2
      'Great_Expectations[spark]==0.18.8 ; python_version >= "3.9"', // 3
      "pandera[io]", // 4
      "-r requirements-dev.txt", // 5
      "-e .", // 6
      "--hash=sha256:0123456789abcdef", // 7
      "git+https://github.com/acme/lib.git#egg=lib", // 8
      "https://example.com/pkg-1.0-py3-none-any.whl", // 9
      "mlflow @ https://example.com/mlflow-2.9.whl", // 10
      "   scikit-learn~=1.3", // 11
      'numpy; sys_platform != "win32"', // 12
      "zope.interface", // 13
      "", // 14
      "\t# indented comment", // 15
    ].join("\r\n");
    expect(dependencies("requirements.txt", text)).toEqual([
      { name: "pandas", line: 2 },
      { name: "great-expectations", line: 3 },
      { name: "pandera", line: 4 },
      { name: "mlflow", line: 10 },
      { name: "scikit-learn", line: 11 },
      { name: "numpy", line: 12 },
      { name: "zope-interface", line: 13 },
    ]);
  });

  it("reads pyproject.toml: [project] dependencies, optional-dependencies, dependency-groups, poetry", () => {
    const text = [
      "[project]", // 1
      'name = "churn"', // 2
      "dependencies = [", // 3
      '  "pandas>=2",', // 4
      "  \"pandera[io]>=0.18; python_version>='3.9'\",", // 5
      "]", // 6
      "[project.optional-dependencies]", // 7
      'monitoring = ["evidently==0.4.*"]', // 8
      "[dependency-groups]", // 9
      'test = ["pytest>=8", {include-group = "lint"}]', // 10
      'lint = ["ruff"]', // 11
      "[tool.poetry.dependencies]", // 12
      'mlflow = "^2.9"', // 13
      "[tool.poetry.dev-dependencies]", // 14
      'black = "*"', // 15
      "[tool.poetry.group.tune.dependencies]", // 16
      'optuna = "*"', // 17
    ].join("\n");
    expect(dependencies("pyproject.toml", text)).toEqual([
      { name: "pandas", line: 4 },
      { name: "pandera", line: 5 },
      { name: "evidently", line: 8 },
      { name: "pytest", line: 10 },
      { name: "ruff", line: 11 },
      { name: "mlflow", line: 13 },
      { name: "black", line: 15 },
      { name: "optuna", line: 17 },
    ]);
  });

  it("reads Pipfile packages and dev-packages", () => {
    const text = [
      "[[source]]",
      'url = "https://pypi.org/simple"',
      "[packages]",
      'pandas = "*"',
      'great_expectations = {version = ">=0.18", extras = ["spark"]}',
      "[dev-packages]",
      'pytest = "*"',
    ].join("\n");
    expect(dependencies("Pipfile", text)).toEqual([
      { name: "pandas", line: 4 },
      { name: "great-expectations", line: 5 },
      { name: "pytest", line: 7 },
    ]);
  });

  it("reads setup.cfg install_requires and extras_require", () => {
    const text = [
      "[metadata]", // 1
      "name = churn", // 2
      "[options]", // 3
      "install_requires =", // 4
      "    pandas>=2", // 5
      "    pandera[io]  # schemas", // 6
      "[options.extras_require]", // 7
      "monitoring =", // 8
      "    evidently", // 9
    ].join("\n");
    expect(dependencies("setup.cfg", text)).toEqual([
      { name: "pandas", line: 5 },
      { name: "pandera", line: 6 },
      { name: "evidently", line: 9 },
    ]);
  });

  it("reads environment.yml: conda entries with channels and versions, and the pip section", () => {
    const text = [
      "name: churn", // 1
      "channels: [conda-forge]", // 2
      "dependencies:", // 3
      "  - python=3.11", // 4
      "  - conda-forge::pandas>=2", // 5
      "  - scikit-learn 1.3.*", // 6
      "  - pip", // 7
      "  - pip:", // 8
      "      - pandera[io]==0.18", // 9
      "      - -r requirements.txt", // 10
      "      - Great_Expectations", // 11
    ].join("\n");
    expect(dependencies("environment.yml", text)).toEqual([
      { name: "python", line: 4 },
      { name: "pandas", line: 5 },
      { name: "scikit-learn", line: 6 },
      { name: "pip", line: 7 },
      { name: "pandera", line: 9 },
      { name: "great-expectations", line: 11 },
    ]);
  });

  it("reads package.json dependencies and devDependencies", () => {
    const text = JSON.stringify({ name: "web", dependencies: { "@tensorflow/tfjs": "^4.0.0" }, devDependencies: { k6: "0.0.0" } }, null, 2);
    expect(dependencies("package.json", text).map((d) => d.name)).toEqual(["@tensorflow/tfjs", "k6"]);
  });

  it.each([
    ["pyproject.toml", "[project\ndependencies = ["],
    ["Pipfile", "[packages]\npandas = "],
    ["environment.yml", "dependencies: [pandas\n  - : :"],
    ["package.json", '{"dependencies": {'],
  ])("a malformed %s gives no dependencies and does not throw", (file, text) => {
    expect(() => dependencies(file, text)).not.toThrow();
    expect(dependencies(file, text)).toEqual([]);
  });

  // Regression: setup.cfg is read as "every indented line is a requirement" (src/detect/manifests.ts),
  // not only the lines under install_requires / extras_require as its comment says: classifiers,
  // entry points and tool settings become dependencies ("programming", "churn", …).
  it("setup.cfg: indented values of other keys are not dependencies", () => {
    const text = [
      "[metadata]",
      "classifiers =",
      "    Programming Language :: Python :: 3",
      "[options]",
      "install_requires =",
      "    pandas",
      "[options.entry_points]",
      "console_scripts =",
      "    churn-train = churn.train:main",
    ].join("\n");
    expect(dependencies("setup.cfg", text).map((d) => d.name)).toEqual(["pandas"]);
  });

  // Regression: a one-line `install_requires = pandera>=0.18` (valid setup.cfg) is not read at all: only
  // indented lines are.
  it("setup.cfg: a one-line install_requires is read", () => {
    expect(dependencies("setup.cfg", "[options]\ninstall_requires = pandera>=0.18\n").map((d) => d.name)).toEqual(["pandera"]);
  });

  // Regression: for parsed formats (pyproject, Pipfile, environment.yml) the line is the first line whose
  // normalised text CONTAINS the name (lineOf in manifests.ts), so "shap" is reported on the
  // "shapely" line above it, and "python" on a `python_version` marker.
  it("pyproject.toml: a dependency's line is its own line, not one of a longer name", () => {
    const text = ["[project]", "dependencies = [", '  "shapely>=2",', '  "shap>=0.44",', "]"].join("\n");
    expect(dependencies("pyproject.toml", text)).toEqual([
      { name: "shapely", line: 3 },
      { name: "shap", line: 4 },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 8. The rubric checks its detectors

describe("rubric detectors are checked when the rubric loads", () => {
  const rubricWith = (detector: string[]): string =>
    [
      "id: tiny",
      "title: Tiny rubric",
      "version: 1",
      "scoring:",
      "  points: { none: 0, manual: 0.5, automated: 1 }",
      "  bands:",
      "    - { max: 1, label: Low }",
      "sections:",
      "  - id: alpha",
      "    title: Alpha",
      "    tests:",
      "      - id: a-1",
      "        title: Test a-1",
      "        why: Because it matters.",
      "        how: Like this.",
      "        manual: Once, by hand.",
      "        automated: On every run.",
      "        detect:",
      "          - what: a valid detector",
      "            status: manual",
      '            files: ["**/*.py"]',
      "          - what: the detector under test",
      ...detector.map((l) => `            ${l}`),
      "",
    ].join("\n");
  const fileWith = (text: string) => {
    const file = join(freshDir("rubric"), "rubric.yaml");
    writeFileSync(file, text);
    return file;
  };

  it("accepts a valid detector", () => {
    const { rubric } = loadRubric(fileWith(rubricWith(["status: automated", "ci: 'pytest\\b'", "scheduled: true"])));
    expect(rubric.sections[0]!.tests[0]!.detect).toHaveLength(2);
  });

  const LONG_GLOB = `**/${"a".repeat(70_000)}.py`;
  it.each([
    {
      name: "an invalid ci regex",
      lines: ["status: automated", "ci: 'pytest ('"],
      at: "ci: 'pytest ('",
      path: "ci",
      message: /^not a valid regular expression: /,
    },
    {
      name: "an invalid contains regex",
      lines: ["status: manual", 'files: ["**/*.py"]', "contains: '[unclosed'"],
      at: "contains: '[unclosed'",
      path: "contains",
      message: /^not a valid regular expression: /,
    },
    {
      name: "an invalid glob",
      lines: ["status: manual", `files: ["${LONG_GLOB}"]`],
      at: 'files: ["**/aaa',
      path: "files.0",
      message: /^not a valid glob: /,
    },
    {
      name: "a glob with ..",
      lines: ["status: manual", 'files: ["src/../../secrets/*.py"]'],
      at: "../secrets",
      path: "files.0",
      message: /^globs are relative to the project root and stay inside it$/,
    },
    {
      name: "an absolute glob",
      lines: ["status: manual", 'files: ["/etc/**/*.conf"]'],
      at: "/etc/",
      path: "files.0",
      message: /^globs are relative to the project root and stay inside it$/,
    },
  ])("rejects $name, located at the key", ({ lines, at, path, message }) => {
    const text = rubricWith(lines);
    const file = fileWith(text);
    const problems = inputProblems(() => loadRubric(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file, line: lineOf(text, at), path: `sections.0.tests.0.detect.1.${path}` });
    expect(problems[0]!.message).toMatch(message);
  });

  it.each([
    {
      name: "both files and ci",
      lines: ["status: manual", 'files: ["**/*.py"]', "ci: pytest"],
      message: "give exactly one of files, dependency or ci",
    },
    { name: "no source at all", lines: ["status: manual"], message: "give exactly one of files, dependency or ci" },
    {
      name: "contains without files",
      lines: ["status: manual", "dependency: [pandera]", "contains: import"],
      message: "contains goes with files",
    },
    { name: "scheduled without ci", lines: ["status: manual", 'files: ["**/*.py"]', "scheduled: true"], message: "scheduled goes with ci" },
    { name: "pointer without files", lines: ["status: manual", "ci: pytest", "pointer: doc"], message: "pointer goes with files" },
    {
      name: "status automated on a files detector",
      lines: ["status: automated", 'files: ["**/*.py"]'],
      message: "only a ci detector can suggest automated: nothing else shows the test runs repeatedly",
    },
  ])("rejects $name, located at the detector", ({ lines, message }) => {
    const text = rubricWith(lines);
    const file = fileWith(text);
    const problems = inputProblems(() => loadRubric(file));
    expect(problems.map((p) => p.message)).toEqual([message]);
    expect(problems[0]).toMatchObject({ file, path: "sections.0.tests.0.detect.1" });
    expect(problems[0]!.line).toBe(lineOf(text, "- what: the detector under test"));
  });

  it("reports every bad detector of a file at once, in file order", () => {
    const text = rubricWith(["status: manual", 'files: ["../x/*.py", "**/*.py"]', "contains: '(('"]);
    const problems = inputProblems(() => loadRubric(fileWith(text)));
    expect(problems.map((p) => p.path)).toEqual(["sections.0.tests.0.detect.1.files.0", "sections.0.tests.0.detect.1.contains"]);
    expect(problems.map((p) => p.line)).toEqual([lineOf(text, "../x/"), lineOf(text, "contains: '(('")]);
  });

  // Regression: picomatch.makeRe does not throw on a glob whose character class is invalid ("[z-a]"):
  // it returns a regex that never matches (/$^/) unless given { debug: true }. The check in
  // src/load/rubric-checks.ts (checkRubric) therefore accepts a glob that can never match a file.
  it("rejects a glob with an invalid character class", () => {
    const text = rubricWith(["status: manual", 'files: ["**/test_[z-a]*.py"]']);
    const problems = inputProblems(() => loadRubric(fileWith(text)));
    expect(problems[0]).toMatchObject({ path: "sections.0.tests.0.detect.1.files.0" });
  });
});

describe("detect in CircleCI, Bitbucket Pipelines, Azure Pipelines, Cloud Build, CodeBuild and Jenkins", () => {
  it.each([
    [
      ".circleci/config.yml",
      "version: 2.1\njobs:\n  checks:\n    steps:\n      - checkout\n      - run: python -m pipeline.validate_data\n",
      ".circleci/config.yml#checks",
    ],
    [
      "bitbucket-pipelines.yml",
      "pipelines:\n  default:\n    - step:\n        name: Checks\n        script: [python -m pipeline.validate_data]\n",
      "bitbucket-pipelines.yml#Checks",
    ],
    [
      "azure-pipelines.yml",
      "jobs:\n  - job: checks\n    steps:\n      - script: python -m pipeline.validate_data\n",
      "azure-pipelines.yml#checks",
    ],
    [
      "cloudbuild.yaml",
      "steps:\n  - id: checks\n    name: python:3.12\n    script: python -m pipeline.validate_data\n",
      "cloudbuild.yaml#checks",
    ],
    ["buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [python -m pipeline.validate_data]\n", "buildspec.yml#build"],
    [
      "Jenkinsfile",
      "pipeline {\n  stages {\n    stage('checks') {\n      steps { sh 'python -m pipeline.validate_data' }\n    }\n  }\n}\n",
      "Jenkinsfile#checks",
    ],
  ])("finds a data-validation step in %s, and the pointer it proposes verifies", (file, text, ci) => {
    const dir = freshDir("one-file-ci");
    writeTree(dir, { [file]: text, "pipeline/validate_data.py": "print('ok')\n" });
    const data1 = suggestionOf(detectJson(dir), "data-1");
    expect(data1).toMatchObject({ status: "automated" });
    expect(data1!.evidence[0]).toEqual({ ci, runs: "pipeline.validate_data" });
    writeFileSync(
      join(dir, "mltest.yaml"),
      `tests:\n  data-1:\n    status: automated\n    evidence:\n      - ci: "${ci}"\n        runs: pipeline.validate_data\n`,
    );
    const test = reportTests(scoreJson(dir)).find((t) => t.id === "data-1")!;
    expect(test.verification).toMatchObject({ state: "verified" });
  });
});

describe("notebooks too large to search whole", () => {
  /** A notebook as nbformat writes one (indent 1, sources as lists of lines), with `outputBytes` of output. */
  function notebook(sources: string[][], outputBytes: number): string {
    const output = "x".repeat(1000);
    const cells = sources.map((source, i) => ({
      cell_type: "code",
      execution_count: i + 1,
      metadata: {},
      outputs:
        i === 0
          ? [{ output_type: "stream", name: "stdout", text: Array.from({ length: Math.ceil(outputBytes / 1000) }, () => `${output}\n`) }]
          : [],
      source,
    }));
    return `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
  }

  it("are searched as their cell sources, on the lines of the file that hold them", () => {
    const dir = freshDir("big-notebook");
    const text = notebook(
      [
        ["import numpy as np\n", "print('hello')\n"],
        ["import pandera as pa\n", "schema = pa.DataFrameSchema({})\n"],
      ],
      3 * 1024 * 1024,
    );
    writeTree(dir, { "notebooks/explore.ipynb": text });
    const report = detectJson(dir);
    const data1 = report.tests.find((t) => t.id === "data-1")!;
    const signal = data1.signals.find((s) => s.file === "notebooks/explore.ipynb")!;
    expect(signal).toBeDefined();
    expect(text.split("\n")[signal.line - 1]).toContain('"import pandera as pa\\n"');
    expect(report.truncated).toBe(false);
  });

  it("never fire on what a large notebook's outputs say (control: the same notebook, small, is searched whole)", () => {
    const withOutput = (bytes: number) =>
      notebook([["print(open('requirements.txt').read())\n"]], bytes).replace('"text": [', '"text": [\n    "import pandera as pa\\n",');
    const dir = freshDir("notebook-output");
    writeTree(dir, { "large.ipynb": withOutput(2 * 1024 * 1024), "small.ipynb": withOutput(10_000) });
    const files = detectJson(dir)
      .tests.find((t) => t.id === "data-1")!
      .signals.map((s) => s.file);
    expect(files).toEqual(["small.ipynb"]);
  });

  it("are listed by name when larger still, or not notebook JSON, and make the report truncated", () => {
    const dir = freshDir("huge-files");
    writeTree(dir, {
      "huge.ipynb": notebook([["import pandera as pa\n"]], 17 * 1024 * 1024),
      "broken.ipynb": `{"cells": [${"0,".repeat(600_000)}`,
      "big.py": `import pandera as pa\n${"# filler\n".repeat(130_000)}`,
    });
    const report = detectJson(dir);
    expect(report.truncated).toBe(true);
    expect(report.limits).toEqual([
      `not searched, larger than 1048576 bytes (16777216 for a notebook): big.py, huge.ipynb`,
      "not searched, notebooks too large to search whole that are not notebook JSON: broken.ipynb",
    ]);
  });
});

describe("template repositories", () => {
  it("reads a cookiecutter project's files as the files they stand for, and proposes pointers that verify", () => {
    const dir = freshDir("template-repo");
    const root = "{{cookiecutter.project_slug}}";
    writeTree(dir, {
      "cookiecutter.json": '{ "project_slug": "churn" }\n',
      [`${root}/.github/workflows/ci.yml`]:
        "on: [push]\njobs:\n  checks:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m {{cookiecutter.project_slug}}.validate_data\n",
      [`${root}/src/schema.py.jinja`]: "import pandera as pa\n\nschema = pa.DataFrameSchema({})\n",
      ".github/workflows/release.yml.tmpl":
        "on: { schedule: [{ cron: '0 3 * * *' }] }\njobs:\n  audit:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip-audit\n",
    });
    const report = detectJson(dir);
    const data1 = suggestionOf(report, "data-1")!;
    const ci = `${root}/.github/workflows/ci.yml#checks`;
    expect(data1).toMatchObject({ status: "automated" });
    expect(data1.evidence[0]).toEqual({ ci, runs: ".validate_data" });
    const signals = report.tests.find((t) => t.id === "data-1")!.signals.map((s) => s.file);
    expect(signals).toContain(`${root}/src/schema.py.jinja`);
    expect(suggestionOf(report, "monitor-1")!.evidence).toContainEqual({
      ci: ".github/workflows/release.yml.tmpl#audit",
      runs: "pip-audit",
      scheduled: true,
    });
    writeFileSync(
      join(dir, "mltest.yaml"),
      `tests:\n  data-1:\n    status: automated\n    evidence:\n      - ci: "${ci}"\n        runs: validate_data\n`,
    );
    expect(reportTests(scoreJson(dir)).find((t) => t.id === "data-1")!.verification).toMatchObject({ state: "verified" });
  });
});

describe("reproducibility signals (infra-1)", () => {
  it("finds a lock file, requirements pinned with hashes, and seeds fixed in training code", () => {
    const dir = freshDir("reproducible");
    writeTree(dir, {
      "uv.lock": "version = 1\n",
      "requirements.txt": "numpy==2.1.0 \\\n    --hash=sha256:0123456789abcdef\n",
      "src/train.py": "import torch\n\ntorch.manual_seed(7)\n",
      "src/explore.py": "import random\n",
    });
    const signals = detectJson(dir).tests.find((t) => t.id === "infra-1")!.signals;
    expect(signals.map((s) => [s.what, s.file, s.line])).toEqual(
      expect.arrayContaining([
        ["a lock file pins every package version of the environment", "uv.lock", 1],
        ["requirements pinned with hashes (pip-compile --generate-hashes)", "requirements.txt", 2],
        ["random seeds fixed in training code", "src/train.py", 3],
      ]),
    );
    expect(signals.every((s) => s.status === "manual")).toBe(true);
  });
});
