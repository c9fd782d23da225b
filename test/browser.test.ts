// The HTML report and the badge in a real browser (Debian's Chromium, driven by playwright-core):
// what the page shows matches the JSON report, it asks for nothing over the network, and it
// logs no errors. Screenshots go to test-artifacts/. MLTEST_BROWSER names another Chromium-family
// browser (a hosted runner's Google Chrome, as .github/workflows/ci.yml does). .ci/run installs
// Debian's Chromium when neither is there; elsewhere, without one, these tests are skipped (and say so).

import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyEntry } from "../src/history.js";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, caseFolders, mltest, ROOT } from "./run.js";

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

  it.each(examples)(
    "examples/%s: the page shows what the JSON report says",
    async (name) => {
      const dir = `examples/${name}`;
      const report = reportSchema().parse(JSON.parse(mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout));
      // Written at the repository root, so its links lead into examples/<name>/.
      const file = join(ARTIFACTS, `${name}.html`);
      writeFileSync(
        file,
        mltest("score", dir, "--format", "html", "--as-of", AS_OF).stdout.replaceAll(`href="${dir}/`, `href="../${dir}/`),
      );
      const { page, requests, errors } = await open(file);

      expect(requests).toEqual([pathToFileURL(file).href]); // the page itself, nothing else
      expect(errors).toEqual([]);
      expect(await page.locator('[data-field="final"]').getAttribute("data-value")).toBe(String(report.final.score));
      expect(await page.locator('[data-field="band"]').textContent()).toContain(report.final.band.label);
      expect(await page.locator('[data-field="gate"]').getAttribute("data-value")).toBe(
        report.gate.checks.length ? (report.gate.passed ? "passed" : "failed") : "none",
      );
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
      expect(
        chips.every((t) => /^(automated|manual|none|n\/a|disabled|verified|unverified|stale|broken|waiver expired.*)$/.test(t.trim())),
      ).toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
      await page.close();
    },
    30_000,
  );

  // Layout, not content: what a reader sees at a phone's, a tablet's and a desktop's width, and printed.
  describe("layout of examples/mature-recommender with a recorded history", () => {
    const folders = caseFolders("mltest-browser-");
    const WIDTHS = [400, 800, 1280];
    /** A copy of the example with `runs` recorded runs whose lines end on one score (their labels would meet) and a final score going from 0.5 to 1. */
    function pageWithHistory(runs: number): string {
      const dir = folders();
      cpSync(join(ROOT, "examples/mature-recommender"), dir, { recursive: true });
      rmSync(join(dir, ".mltest"), { recursive: true, force: true });
      const report = reportSchema().parse(JSON.parse(mltest("score", dir, "--format", "json", "--as-of", AS_OF).stdout));
      const last = Date.parse(`${AS_OF}T00:00:00Z`);
      const lines = Array.from({ length: runs }, (_, i) => {
        const entry = historyEntry(report, {});
        const end = i === runs - 1;
        entry.date = new Date(last - (runs - 1 - i) * 86_400_000).toISOString().slice(0, 10);
        entry.sections = Object.fromEntries(
          Object.keys(entry.sections).map((id, k) => [id, end ? 4.5 : (i + k) % 8 === 0 ? 4 : 4.5 + ((i + k) % 3) * 0.5]),
        );
        entry.final = end ? 1 : 0.5;
        return `${JSON.stringify(entry)}\n`;
      });
      mkdirSync(join(dir, ".mltest"));
      writeFileSync(join(dir, ".mltest/history.jsonl"), lines.join(""));
      const file = join(dir, "report.html");
      const run = mltest("score", dir, "--format", "html", "--as-of", AS_OF, "--output", file);
      expect(run.stderr).toBe("");
      return file;
    }

    // In the page, as text: the test files are type-checked without the DOM's types.
    const MEASURE = `(() => {
      const box = (e) => { const r = e.getBoundingClientRect(); return { text: e.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      const labels = [...document.querySelectorAll(".trend-chart svg text")].map(box);
      const overlaps = [];
      for (const [i, a] of labels.entries()) for (const b of labels.slice(i + 1))
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) overlaps.push(a.text + " / " + b.text);
      const dark = [...document.querySelectorAll("*")].flatMap((e) => {
        const m = getComputedStyle(e).backgroundColor.match(/[\\d.]+/g);
        if (!m) return [];
        const [r, g, b, a = 1] = m.map(Number);
        return a > 0.1 && 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? [e.tagName + "." + e.className] : [];
      });
      return {
        scrollWidth: document.scrollingElement.scrollWidth,
        innerWidth,
        ids: document.querySelectorAll(".tid").length,
        brokenIds: [...document.querySelectorAll(".tid")].filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent),
        labels: labels.length,
        overlaps,
        dark,
        links: [...document.querySelectorAll("a[href]")].filter((a) => getComputedStyle(a).textDecorationLine !== "underline").length,
      };
    })()`;
    interface Measured {
      scrollWidth: number;
      innerWidth: number;
      ids: number;
      brokenIds: string[];
      labels: number;
      overlaps: string[];
      dark: string[];
      links: number;
    }

    it.each([2, 9, 60, 400])(
      "%i runs: no sideways overflow, no id on two lines, no trend labels on top of each other, at 400, 800 and 1280 px and printed",
      async (runs) => {
        const file = pageWithHistory(runs);
        for (const width of WIDTHS) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          const requests: string[] = [];
          page.on("request", (r) => requests.push(r.url()));
          await page.goto(pathToFileURL(file).href);
          for (const media of ["screen", "print"] as const) {
            await page.emulateMedia({ media });
            const m = (await page.evaluate(MEASURE)) as Measured;
            const where = `${runs} runs, ${width} px, ${media}`;
            expect(m.scrollWidth, where).toBeLessThanOrEqual(m.innerWidth);
            expect(m.ids, where).toBeGreaterThan(20);
            expect(m.brokenIds, where).toEqual([]);
            // End labels (a section or final each), two scale ends, and at least the first and last date.
            expect(m.labels, where).toBeGreaterThanOrEqual(5 + 2 + 2);
            expect(m.overlaps, where).toEqual([]);
            if (media === "print") {
              expect(m.dark, where).toEqual([]);
              expect(m.links, where).toBe(0);
            }
          }
          if (runs === 60 && (width === 400 || width === 1280)) {
            await page.emulateMedia({ media: "screen" });
            await page.screenshot({ path: join(ARTIFACTS, `layout-${width}.png`), fullPage: true });
          }
          expect(requests).toEqual([pathToFileURL(file).href]);
          await page.close();
        }
      },
      60_000,
    );

    it("links resolve from where --output writes the page, outside the project too", async () => {
      const project = dirname(pageWithHistory(2));
      const file = join(folders(), "published/review/mltest.html");
      const run = mltest("score", project, "--format", "html", "--as-of", AS_OF, "--output", file);
      expect(run.stderr).toBe("");
      const { page, requests } = await open(file);
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      const files = hrefs.filter((href) => !/^https?:\/\//.test(href));
      expect(files.length).toBeGreaterThan(10);
      for (const href of files) {
        expect(href, href).toMatch(/^\.\.\//);
        expect(existsSync(resolve(dirname(file), decodeURI(href))), href).toBe(true);
      }
      expect(requests).toEqual([pathToFileURL(file).href]);
      await page.close();
    }, 30_000);

    it("a score going from 0.5 to 1 moves its trend line", async () => {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.goto(pathToFileURL(pageWithHistory(2)).href);
      const final = await page.locator(".trend-chart polyline.final").getAttribute("points");
      const [first, last] = final!.split(" ").map((p) => Number(p.split(",")[1]));
      // Half a point of a scale that runs over the scores' own range (0 to 6 here), not flat.
      expect(first! - last!).toBeCloseTo(150 / 12, 1);
      expect(await page.locator(".trend-chart figcaption").textContent()).toMatch(/scale runs from 0 to 6 points/);
      const box = await page.locator(".trend-chart svg").boundingBox();
      expect(((first! - last!) * box!.width) / 520).toBeGreaterThan(12); // CSS px on the screen
      await page.close();
    }, 30_000);

    it("a printed page is a PDF whose tables are not cut sideways", async () => {
      const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
      await page.goto(pathToFileURL(pageWithHistory(9)).href);
      await page.emulateMedia({ media: "print" });
      // A4 less 15 mm margins is 180 mm, 680 CSS px: the page's width when printed.
      await page.setViewportSize({ width: 680, height: 900 });
      const m = (await page.evaluate(MEASURE)) as Measured;
      expect(m.scrollWidth).toBeLessThanOrEqual(680);
      const tables = await page.locator("table").evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().width));
      expect(Math.max(...tables)).toBeLessThanOrEqual(680);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      await page.close();
    }, 30_000);
  });

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
