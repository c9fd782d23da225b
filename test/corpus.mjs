// The labelled corpus (issue 15): runs the built `mltest detect` on every repository in
// test/corpus/repos and measures its suggestions against the hand labels in test/corpus/labels.yaml.
// Plain ESM so that both `npm run eval` (test/eval.mjs) and the vitest test (test/corpus.test.ts)
// use the same computation. Deterministic: repositories and tests in sorted order, no clock.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CORPUS = join(ROOT, "test/corpus");
export const REPOS_DIR = join(CORPUS, "repos");
export const LABELS_FILE = join(CORPUS, "labels.yaml");
export const CLI = join(ROOT, "dist/mltest.cjs");
export const LABELS = /** @type {const} */ (["none", "manual", "automated"]);

/**
 * The notebook that the evaluation grows past 1 MiB in its temporary copy, so that detect reads it
 * as a large notebook (cell sources only). The committed file stays small.
 */
export const LARGE_NOTEBOOK = { repo: "toxicity-notebooks-hatch", path: "notebooks/02_train_eval.ipynb", bytes: 1_400_000 };

/** @typedef {"none" | "manual" | "automated"} Label */
/** @typedef {{ label: Label, why?: string }} Entry */
/** @typedef {Record<string, Record<string, Entry>>} Labels repository -> test id -> entry */
/**
 * @typedef {object} RepoResult
 * @property {string} repo
 * @property {number} suggested tests with a suggestion
 * @property {number} suggestedCorrectly suggested tests whose label is not none
 * @property {number} labelled tests labelled manual or automated
 * @property {number} found labelled tests that got a suggestion
 * @property {number} automated tests labelled automated
 * @property {number} automatedFound tests labelled automated and suggested as automated
 * @property {number} statusRight labelled tests whose suggestion has the labelled status
 * @property {string[]} falsePositives "test-id (suggested status)" for suggestions on tests labelled none
 * @property {string[]} falseNegatives "test-id (label)" for labelled tests without a suggestion
 * @property {string[]} wrongStatus "test-id: label -> suggested" for labelled tests suggested with another status
 * @property {boolean} truncated detect's report said some files were not looked at
 */
/**
 * @typedef {object} Totals
 * @property {number} precision
 * @property {number} recall
 * @property {number} automatedAccuracy
 * @property {number} statusAccuracy labelled tests suggested with the right status / labelled tests that got a suggestion
 */

/** Reads labels.yaml and normalises `none` to `{ label: "none" }`. Throws on an unknown label. */
export function loadLabels(file = LABELS_FILE) {
  const doc = parseYaml(readFileSync(file, "utf8"));
  /** @type {Labels} */
  const labels = {};
  for (const [repo, tests] of Object.entries(doc?.repos ?? {})) {
    labels[repo] = {};
    for (const [id, value] of Object.entries(/** @type {Record<string, unknown>} */ (tests ?? {}))) {
      const entry = typeof value === "string" ? { label: value } : /** @type {Entry} */ (value);
      if (!LABELS.includes(entry.label)) throw new Error(`${repo} ${id}: unknown label ${JSON.stringify(entry.label)}`);
      labels[repo][id] = entry;
    }
  }
  return labels;
}

/** The repositories of the corpus, sorted. */
export function corpusRepos(dir = REPOS_DIR) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/**
 * Copies the corpus to a temporary folder and grows the large notebook there past 1 MiB with a
 * deterministic embedded image output. Returns the copy's repos folder and a cleanup function.
 */
export function prepareCorpus(dir = REPOS_DIR) {
  const tmp = mkdtempSync(join(tmpdir(), "mltest-corpus-"));
  const repos = join(tmp, "repos");
  cpSync(dir, repos, { recursive: true });
  const notebook = join(repos, LARGE_NOTEBOOK.repo, LARGE_NOTEBOOK.path);
  writeFileSync(notebook, padNotebook(readFileSync(notebook, "utf8"), LARGE_NOTEBOOK.bytes));
  if (statSync(notebook).size <= 1024 * 1024) throw new Error(`${notebook} did not grow past 1 MiB`);
  return { repos, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

/** Adds a PNG-like base64 output of about `bytes` bytes to the notebook's last code cell. */
export function padNotebook(text, bytes) {
  const nb = JSON.parse(text);
  const cell = [...nb.cells].reverse().find((c) => c.cell_type === "code");
  let state = 0x2545f491;
  const raw = Buffer.alloc(Math.ceil((bytes * 3) / 4));
  for (let i = 0; i < raw.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0; // a fixed LCG: the same bytes on every run
    raw[i] = state >>> 24;
  }
  const b64 = raw.toString("base64");
  const lines = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(`${b64.slice(i, i + 76)}\n`);
  cell.outputs.push({
    output_type: "display_data",
    metadata: {},
    data: { "image/png": lines.join(""), "text/plain": ["<Figure size 1200x800 with 4 Axes>"] },
  });
  return `${JSON.stringify(nb, null, 1)}\n`;
}

/** `mltest detect DIR --format json`, parsed. */
export function detect(repoDir, cli = CLI) {
  const out = execFileSync(process.execPath, [cli, "detect", repoDir, "--format", "json", "--no-color"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/**
 * Compares one repository's detect report with its labels.
 * @param {string} repo
 * @param {Record<string, Entry>} labels
 * @param {{ truncated?: boolean, tests: { id: string, suggestion?: { status: string } }[] }} report
 * @returns {RepoResult}
 */
export function compare(repo, labels, report) {
  /** @type {RepoResult} */
  const r = {
    repo,
    suggested: 0,
    suggestedCorrectly: 0,
    labelled: 0,
    found: 0,
    automated: 0,
    automatedFound: 0,
    statusRight: 0,
    falsePositives: [],
    falseNegatives: [],
    wrongStatus: [],
    truncated: Boolean(report.truncated),
  };
  const suggestions = new Map(report.tests.map((t) => [t.id, t.suggestion?.status]));
  const ids = [...new Set([...Object.keys(labels), ...suggestions.keys()])].sort(byTestId);
  for (const id of ids) {
    const label = labels[id]?.label ?? "none";
    const status = suggestions.get(id);
    if (status) r.suggested++;
    if (label !== "none") r.labelled++;
    if (label === "automated") r.automated++;
    if (status && label !== "none") {
      r.suggestedCorrectly++;
      r.found++;
      if (status === label) r.statusRight++;
      else r.wrongStatus.push(`${id}: ${label} -> ${status}`);
    }
    if (status === "automated" && label === "automated") r.automatedFound++;
    if (status && label === "none") r.falsePositives.push(`${id} (${status})`);
    if (!status && label !== "none") r.falseNegatives.push(`${id} (${label})`);
  }
  return r;
}

/** @param {RepoResult[]} results @returns {Totals} */
export function totals(results) {
  const sum = (/** @type {keyof RepoResult} */ key) => results.reduce((n, r) => n + /** @type {number} */ (r[key]), 0);
  return {
    precision: ratio(sum("suggestedCorrectly"), sum("suggested")),
    recall: ratio(sum("found"), sum("labelled")),
    automatedAccuracy: ratio(sum("automatedFound"), sum("automated")),
    statusAccuracy: ratio(sum("statusRight"), sum("found")),
  };
}

/**
 * The whole evaluation: copies the corpus, runs detect on each repository, compares with the labels.
 * @param {{ cli?: string, labelsFile?: string, reposDir?: string }} [options]
 */
export function evaluate(options = {}) {
  const labels = loadLabels(options.labelsFile);
  const names = corpusRepos(options.reposDir);
  const { repos, cleanup } = prepareCorpus(options.reposDir);
  try {
    const results = names.map((name) => compare(name, labels[name] ?? {}, detect(join(repos, name), options.cli)));
    return { results, totals: totals(results) };
  } finally {
    cleanup();
  }
}

/** The evaluation as a text table, one row per repository, then the totals and the misses. */
export function formatEvaluation({ results, totals: t }) {
  const pct = (/** @type {number} */ n) => (Number.isNaN(n) ? "   -" : `${(n * 100).toFixed(0).padStart(3)}%`);
  const width = Math.max(...results.map((r) => r.repo.length), 5);
  const head = `${"repo".padEnd(width)}  sugg  lab  auto  precision  recall  automated  status`;
  const rows = results.map(
    (r) =>
      [
        r.repo.padEnd(width),
        String(r.suggested).padStart(4),
        String(r.labelled).padStart(4),
        String(r.automated).padStart(5),
        `${r.suggestedCorrectly}/${r.suggested} ${pct(ratio(r.suggestedCorrectly, r.suggested))}`.padStart(9),
        `${pct(ratio(r.found, r.labelled))}`.padStart(7),
        `${pct(ratio(r.automatedFound, r.automated))}`.padStart(10),
        `${pct(ratio(r.statusRight, r.found))}`.padStart(7),
      ].join("  ") + (r.truncated ? "  (truncated)" : ""),
  );
  const lines = [head, "-".repeat(head.length), ...rows, "-".repeat(head.length)];
  const sum = (/** @type {(r: RepoResult) => number} */ f) => results.reduce((n, r) => n + f(r), 0);
  lines.push(
    `totals: precision ${pct(t.precision)} (${sum((r) => r.suggestedCorrectly)}/${sum((r) => r.suggested)}), ` +
      `recall ${pct(t.recall)} (${sum((r) => r.found)}/${sum((r) => r.labelled)}), ` +
      `automated accuracy ${pct(t.automatedAccuracy)} (${sum((r) => r.automatedFound)}/${sum((r) => r.automated)}), ` +
      `status accuracy ${pct(t.statusAccuracy)} (${sum((r) => r.statusRight)}/${sum((r) => r.found)})`,
  );
  lines.push("", "misses per repository (FP: suggested on a test labelled none; FN: labelled, no suggestion; status: label -> suggested):");
  for (const r of results) {
    const parts = [
      r.falsePositives.length ? `FP ${r.falsePositives.join(", ")}` : "",
      r.falseNegatives.length ? `FN ${r.falseNegatives.join(", ")}` : "",
      r.wrongStatus.length ? `status ${r.wrongStatus.join(", ")}` : "",
    ].filter(Boolean);
    lines.push(`  ${r.repo}: ${parts.join("; ") || "none"}`);
  }
  return `${lines.join("\n")}\n`;
}

function ratio(a, b) {
  return b === 0 ? NaN : a / b;
}

const SECTIONS = ["data", "model", "infra", "monitor"];
function byTestId(a, b) {
  const [sa, na] = a.split("-");
  const [sb, nb] = b.split("-");
  return SECTIONS.indexOf(sa) - SECTIONS.indexOf(sb) || Number(na) - Number(nb) || a.localeCompare(b);
}
