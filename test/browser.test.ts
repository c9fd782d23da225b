// The HTML report and the badge in a real browser (Debian's Chromium, driven by playwright-core):
// what the page shows matches the JSON report, it asks for nothing over the network, and it
// logs no errors. Screenshots go to test-artifacts/. MLTEST_BROWSER names another Chromium-family
// browser (a hosted runner's Google Chrome, as .github/workflows/ci.yml does). .ci/run installs
// Debian's Chromium when neither is there; elsewhere, without one, these tests are skipped (and say so).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, mltest, ROOT } from "./run.js";

const CHROMIUM = process.env.MLTEST_BROWSER || "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
const ARTIFACTS = join(ROOT, "test-artifacts");
const examples = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

if (!available && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's Chromium, or MLTEST_BROWSER names another browser`);
}

describe.skipIf(!available)("in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 30_000);
  afterAll(async () => browser?.close());

  /** Opens a file and records every request and every console error on the way. */
  async function open(file: string) {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    return { page, requests, errors };
  }

  it.each(examples)("examples/%s: the page shows what the JSON report says", async (name) => {
    const dir = `examples/${name}`;
    const report = reportSchema().parse(JSON.parse(mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout));
    // Written at the repository root, so its links lead into examples/<name>/.
    const file = join(ARTIFACTS, `${name}.html`);
    writeFileSync(file, mltest("score", dir, "--format", "html", "--as-of", AS_OF).stdout.replaceAll(`href="${dir}/`, `href="../${dir}/`));
    const { page, requests, errors } = await open(file);

    expect(requests).toEqual([pathToFileURL(file).href]); // the page itself, nothing else
    expect(errors).toEqual([]);
    expect(await page.locator('[data-field="final"]').getAttribute("data-value")).toBe(String(report.final.score));
    expect(await page.locator('[data-field="band"]').innerText()).toContain(report.final.band.label);
    expect(await page.locator('[data-field="gate"]').getAttribute("data-value")).toBe(report.gate.checks.length ? (report.gate.passed ? "passed" : "failed") : "none");
    for (const section of report.sections) {
      const block = page.locator(`section[data-section="${section.id}"]`);
      expect(await block.getAttribute("data-score")).toBe(String(section.score));
      const rows = block.locator("tbody tr[data-test]");
      expect(await rows.count()).toBe(section.tests.length);
      for (const [i, test] of section.tests.entries()) {
        expect(await rows.nth(i).getAttribute("data-test")).toBe(test.id);
        expect(await rows.nth(i).getAttribute("data-status")).toBe(test.status);
        expect(await rows.nth(i).getAttribute("data-points")).toBe(String(test.points));
      }
    }
    // Every relative link leads to a file of the example; every other link is a web address.
    const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      if (/^https?:\/\//.test(href)) continue;
      expect(existsSync(resolve(dirname(file), decodeURI(href))), href).toBe(true);
    }
    // Status is written in words, not only in colour.
    const chips = await page.locator("tbody .chip").allInnerTexts();
    expect(chips.every((t) => /^(automated|manual|none|n\/a|disabled|verified|unverified|stale|broken|waiver expired.*)$/.test(t.trim()))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await page.close();
  }, 30_000);

  it("escapes evidence text: markup in an owner stays text", async () => {
    const html = mltest("score", "examples/fraud-scoring", "--format", "html", "--as-of", AS_OF).stdout.replace(
      "data-platform",
      "&lt;img src=x onerror=alert(1)&gt;",
    );
    const file = join(ARTIFACTS, "escaped.html");
    writeFileSync(file, html);
    const { page, requests, errors } = await open(file);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.getByText("<img src=x onerror=alert(1)>").first().isVisible()).toBe(true);
    expect(requests).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 30_000);

  it("renders the badge with its score and a title for screen readers", async () => {
    const file = join(ARTIFACTS, "badge.svg");
    writeFileSync(file, mltest("badge", "examples/fraud-scoring", "--as-of", AS_OF).stdout);
    const { page, errors } = await open(file);
    expect(errors).toEqual([]);
    const texts = await page.locator("svg text").allTextContents();
    expect(texts).toEqual(["ML Test Score", "1.5"]);
    expect(await page.locator("svg title").textContent()).toBe("ML Test Score 1.5 of 7: First production pass");
    const box = await page.locator("svg").boundingBox();
    expect(box?.height).toBe(20);
    await page.screenshot({ path: join(ARTIFACTS, "badge.png"), clip: { x: 0, y: 0, width: box!.width, height: 20 } });
    await page.close();
  }, 30_000);
});

it.skipIf(available)("Chromium is not installed here, so the browser tests were skipped", () => {
  expect(available).toBe(false);
});
