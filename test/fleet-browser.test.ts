// The fleet page (`mltest fleet --format html`) in a real browser, launched as in browser.test.ts
// (Debian's Chromium, or MLTEST_BROWSER): made from the shipped examples' reports, at a phone's, a
// tablet's and a desktop's width, it asks for nothing but itself, logs no errors, never scrolls
// sideways as a page (the heat map scrolls inside its box), and its heat map shows each
// repository's final score. Screenshots go to test-artifacts/fleet-<width>.png.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, BIN, caseFolders, environment, mltest, ROOT } from "./run.js";

const CHROMIUM = process.env.MLTEST_BROWSER || "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const ARTIFACTS = join(ROOT, "test-artifacts");
const EXAMPLES = ["demand-forecast", "fraud-scoring", "mature-recommender", "payments-risk", "research-prototype"];
const WIDTHS = [400, 800, 1280];

if (!available && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's Chromium, or MLTEST_BROWSER names another browser`);
}

/** `mltest fleet …` run in `cwd`, as a user runs it. */
function fleet(cwd: string, ...args: string[]) {
  const env = environment(); // as test/run.ts runs it: no CI variables, fixed generation time
  return spawnSync(BIN, ["fleet", ...args], { cwd, env, encoding: "utf8" });
}

describe.skipIf(!available)("the fleet page in Chromium", () => {
  const folders = caseFolders("mltest-fleet-browser-");
  let browser: Browser;
  let page: string;
  /** What the JSON view says of each row: the repository and its final score, or "no data". */
  let finals: [string, string][];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // Each example's report as `mltest score --format json` writes it, one older report of
    // fraud-scoring (so one row has a trend line), a repository in scope without a report, owners,
    // a campaign and a file that is not a report: every part of the page is there.
    const files: Record<string, string> = {};
    for (const name of EXAMPLES) {
      const run = mltest("score", `examples/${name}`, "--format", "json", "--as-of", AS_OF);
      files[`reports/${name}.json`] = `${JSON.stringify(reportSchema().parse(JSON.parse(run.stdout)), null, 2)}\n`;
    }
    const older = reportSchema().parse(JSON.parse(files["reports/fraud-scoring.json"]!));
    older.asOf = "2026-10-01";
    older.final.score = 1;
    files["reports/fraud-scoring-2026-10-01.json"] = `${JSON.stringify(reportSchema().parse(older), null, 2)}\n`;
    files["reports/not-a-report.json"] = '{ "a": 1 }\n';
    files["owners.yaml"] =
      "owners:\n  examples/fraud-scoring: payments\n  examples/payments-risk: payments\n  examples/mature-recommender: recommendations\n";
    files["scope.yaml"] = `repositories:\n${EXAMPLES.map((e) => `  - examples/${e}\n`).join("")}  - acme/churn-model-without-a-report\n`;
    files["campaigns.yaml"] =
      "campaigns:\n  - id: monitor-2\n    title: Monitoring at 2\n    target: { minSection: { monitor: 2 } }\n    deadline: 2026-12-31\n" +
      "    exemptions:\n      - repository: examples/research-prototype\n        reason: being retired\n        expires: 2026-12-15\n";
    const dir = folders(files);
    const args = ["reports", "--owners", "owners.yaml", "--scope", "scope.yaml", "--campaigns", "campaigns.yaml", "--as-of", AS_OF];
    const html = fleet(dir, ...args, "--format", "html", "-o", "fleet.html");
    expect(html.stderr).toBe("");
    expect(html.status).toBe(0);
    page = join(dir, "fleet.html");
    const view = JSON.parse(fleet(dir, ...args, "--format", "json").stdout) as {
      rows: { repository: string; final?: number }[];
    };
    finals = view.rows.map((r) => [r.repository, r.final === undefined ? "no data" : String(r.final)]);
    expect(finals).toHaveLength(EXAMPLES.length + 1);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  // In the page, as text: the test files are type-checked without the DOM's types.
  const HEAT_MAP = `[...document.querySelectorAll("tbody tr")]
    .filter((tr) => tr.querySelector("th.repo"))
    .map((tr) => [tr.querySelector("th.repo").textContent, tr.querySelectorAll("td")[1].textContent])`;

  it.each(WIDTHS)(
    "at %i px: only itself requested, no errors, no sideways scrolling, every final score in the heat map",
    async (width) => {
      const tab = await browser.newPage({ viewport: { width, height: 900 } });
      const requests: string[] = [];
      const errors: string[] = [];
      tab.on("request", (r) => requests.push(r.url()));
      tab.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      tab.on("pageerror", (e) => errors.push(e.message));
      await tab.goto(pathToFileURL(page).href);

      expect(requests).toEqual([pathToFileURL(page).href]);
      expect(errors).toEqual([]);
      const scrollWidth = (await tab.evaluate("document.documentElement.scrollWidth")) as number;
      expect(scrollWidth).toBeLessThanOrEqual(width);
      expect((await tab.evaluate("document.body.scrollWidth")) as number).toBeLessThanOrEqual(width);
      // Worst first, each repository's final score (or "no data") in its row.
      expect((await tab.evaluate(HEAT_MAP)) as [string, string][]).toEqual(finals);
      expect(await tab.locator("h1").textContent()).toBe(`Fleet of ${finals.length} repositories`);
      // The one repository with two reports has its trend line.
      expect(await tab.locator("svg.spark").count()).toBe(1);
      await tab.screenshot({ path: join(ARTIFACTS, `fleet-${width}.png`), fullPage: true });
      await tab.close();
    },
    30_000,
  );
});
