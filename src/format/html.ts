// One self-contained HTML page: no external request, no script, readable printed. Everything
// from the evidence file is escaped; status is always written out, colour only repeats it.
// Elements carry data-* attributes with the report's values, for tools and tests.
import type { Report, ReportTest } from "../schema/report.js";
import type { Rubric } from "../schema/rubric.js";
import { html } from "./escape.js";
import { chart, trend } from "./html-charts.js";
import { STYLE } from "./html-style.js";
import type { FormatContext } from "./index.js";
import { describeStep, interval, num, pointerParts, STATUS_LABEL } from "./text.js";
import { type ReportView, reportView, type SectionView, type TestView } from "./view.js";

const h = html;

export function formatHtml(report: Report, context: FormatContext): string {
  const view = reportView(report);
  const { final } = report;
  const base = context.linkBase ?? report.project.dir;
  const { problems, steps } = view;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ML Test Score: ${h(report.project.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>ML Test Score: <span data-field="project">${h(report.project.name)}</span></h1>
<p class="meta">${h(report.rubric.title)} ${h(report.rubric.version)} (<code>${h(report.rubric.id)}</code>) · as of <time datetime="${report.asOf}">${report.asOf}</time>${report.mode === "strict" ? " · <strong>strict</strong>: unverified and stale claims score 0" : ""}</p>
</header>
<main>
<section class="summary" aria-label="Final score">
<div class="final">
<p class="score"><span data-field="final" data-value="${final.score}">${num(final.score)}</span><span class="max"> / ${num(final.max)}</span></p>
<p class="band" data-field="band">${h(final.band.label)} <span class="interval">band ${interval(final.band, final.score)}</span></p>
<p>${final.aggregate === "min" ? `Bounded by the weakest section: <strong>${view.weakest.map((s) => h(s.section.title)).join(", ")}</strong>` : "Weighted mean of the sections"}</p>
${view.claimed !== undefined ? `<p>The evidence file claims ${num(view.claimed)}; claims whose evidence does not hold count less.</p>` : ""}
${view.withoutWaivers !== undefined ? `<p>Without waivers (every not-applicable test as none): ${num(view.withoutWaivers)}.</p>` : ""}
</div>
${chart(report)}
</section>
${gateSection(view)}
${
  problems.length
    ? `<section aria-labelledby="problems"><h2 id="problems">Evidence problems</h2><ul>${problems
        .map(
          ({ test: t, counts, problems }) =>
            `<li data-test="${h(t.id)}"><strong class="tid">${h(t.id)}</strong> ${h(t.title)}: ${counts ? "still counts" : "<strong>counts as none</strong>"}<ul>${problems
              .map((p) => `<li>${h(p)}</li>`)
              .join("")}</ul></li>`,
        )
        .join("")}</ul></section>`
    : ""
}
${steps.length ? `<section aria-labelledby="next"><h2 id="next">Next steps</h2><ol>${steps.map((s) => `<li data-test="${h(s.test)}"><strong class="tid">${h(s.test)}</strong> ${h(s.title)}: ${h(describeStep(s))}</li>`).join("")}</ol></section>` : ""}
${view.sections.map((section) => sectionHtml(section, base, context.rubric)).join("\n")}
${context.history && context.history.length > 1 ? trend(context.history) : ""}
</main>
<footer><p>mltest ${h(report.tool.version)} · rubric sha256 <code>${report.rubric.sha256.slice(0, 12)}</code></p></footer>
</body>
</html>
`;
}

function gateSection(view: ReportView): string {
  const { gate } = view.report;
  if (view.gate === "none")
    return `<section aria-labelledby="gate"><h2 id="gate">Gate</h2><p data-field="gate" data-value="none">No gate set.</p></section>`;
  return `<section aria-labelledby="gate"><h2 id="gate">Gate: <span data-field="gate" data-value="${view.gate}" class="chip ${view.gate === "passed" ? "chip-automated" : "chip-none"}">${view.gate}</span></h2>
<ul class="checks">${gate.checks.map((c) => `<li data-target="${h(c.target)}" data-passed="${c.passed}"><span class="mark">${c.passed ? "✓ pass" : "✗ fail"}</span> ${h(c.message)}</li>`).join("")}${(gate.raise ?? []).map((r) => `<li><span class="mark">↑ raise</span> ${h(r.message)}</li>`).join("")}</ul></section>`;
}

function sectionHtml({ section, weakest: isWeakest, tests }: SectionView, base: string, rubric: Rubric): string {
  const guidance = new Map(rubric.sections.flatMap((s) => s.tests).map((t) => [t.id, t]));
  const rows = tests
    .map((view) => {
      const t = view.test;
      const g = guidance.get(t.id);
      return `<tr data-test="${h(t.id)}" data-status="${t.status}" data-points="${t.points}">
<td><code class="tid">${h(t.id)}</code></td>
<td>${h(t.title)}${g ? `<details><summary>Why and how</summary><p>${h(g.why)}</p>${howHtml(g.how)}<p><strong>Manual:</strong> ${h(g.manual)}</p><p><strong>Automated:</strong> ${h(g.automated)}</p></details>` : ""}</td>
<td data-label="Status">${statusChip(view)}</td>
<td data-label="Evidence check">${check(view)}</td>
<td class="num" data-label="Points">${view.points}</td>
<td data-label="Owner">${t.owner ? h(t.owner) : "—"}</td>
<td data-label="Evidence">${evidence(t, base)}</td>
</tr>`;
    })
    .join("\n");
  return `<section class="rubric-section" id="section-${h(section.id)}" data-section="${h(section.id)}" data-score="${section.score}" aria-labelledby="h-${h(section.id)}">
<h2 id="h-${h(section.id)}">${h(section.title)} <span class="section-score">${num(section.score)} / ${num(section.max)}</span>${isWeakest ? ' <span class="chip chip-none">weakest</span>' : ""}</h2>
<table><thead><tr><th scope="col">Test</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Evidence check</th><th scope="col">Points</th><th scope="col">Owner</th><th scope="col">Evidence</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

function statusChip({ test: t, status }: TestView): string {
  if (status === "disabled") return `<span class="chip chip-na" title="${h(t.disabled ?? "")}">disabled</span>`;
  const label = status === "not-applicable" ? `n/a` : STATUS_LABEL[status];
  return `<span class="chip chip-${status === "not-applicable" ? "na" : status}">${label}</span>${t.reason ? `<br><small>${h(t.reason)}</small>` : ""}`;
}

function check({ test: t, check }: TestView): string {
  switch (check) {
    case "expired":
      return `<span class="chip chip-none">waiver expired ${h(t.waiver?.expires ?? "")}</span>`;
    case "waived":
      return "waived";
    case "none":
      return "—";
    default: {
      const cls = { verified: "chip-automated", unverified: "chip-manual", stale: "chip-manual", broken: "chip-none" }[check];
      return `<span class="chip ${cls}" data-state="${check}">${check}</span>`;
    }
  }
}

/** An http or https URL as a link target, or undefined for any other scheme or a URL that does not parse. */
function webUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

/**
 * Where a project file is, seen from the page: under `base`, a folder (relative to the page, or
 * absolute) or an http(s) URL prefix such as a repository browser's (`--link-base`). The file's
 * path is encoded here ("#" and "?" too, which are part of a file name, not of the address).
 */
export function fileHref(base: string, file: string): string | undefined {
  const encode = (path: string) => encodeURI(path).replace(/[#?]/g, encodeURIComponent);
  if (/^https?:/i.test(base)) {
    const url = webUrl(base);
    return url === undefined ? undefined : `${url.replace(/\/+$/, "")}/${encode(file)}`;
  }
  const folder = base.replace(/\\/g, "/").replace(/(.)\/+$/, "$1");
  // A Windows drive is a file: URL; any other folder that looks like a scheme ("javascript:x") stays relative.
  const start = /^[a-z]:\//i.test(folder) ? "file:///" : /^[a-z][a-z0-9+.-]*:/i.test(folder) ? "./" : "";
  return `${start}${folder === "." ? "." : encode(folder)}${folder.endsWith("/") ? "" : "/"}${encode(file)}`;
}

/** Relative paths link to the files (relative to `base`); URLs (http and https only) are clickable. */
function evidence(t: ReportTest, base: string): string {
  if (t.evidence.length === 0) return "—";
  // A pointer that does not resolve gets no link: it would lead nowhere.
  const brokenPointers = new Set(t.verification?.findings.filter((f) => f.result === "broken").map((f) => f.pointer));
  return `<ul class="evidence">${t.evidence
    .map((p) => {
      const { kind, target, details } = pointerParts(p);
      const file = kind === "ci" ? target.slice(0, target.indexOf("#") < 0 ? undefined : target.indexOf("#")) : target;
      // A URL is already encoded (the URL parser only fills in what it lacks); a file path is
      // encoded here. "./" keeps a file whose name looks like a scheme ("javascript:x") relative.
      const href = kind === "url" ? webUrl(target) : fileHref(base, file);
      const broken = brokenPointers.has(`${kind} ${target}`);
      const linkable = !broken && href !== undefined && (kind === "url" || !/[*?[{]/.test(file));
      const shown = h(target);
      return `<li>${kind}: ${linkable ? `<a href="${h(href)}">${shown}</a>` : shown}${broken ? " <strong>(broken)</strong>" : ""}${details.length ? ` <small>(${h(details.join(", "))})</small>` : ""}</li>`;
    })
    .join("")}</ul>`;
}

/** The rubric's `how` keeps its "- " lists. */
function howHtml(how: string): string {
  const items = how.split(/\n(?=- )/).map((s) => s.replace(/^- /, "").replace(/\s+/g, " ").trim());
  return how.trimStart().startsWith("- ") ? `<ul>${items.map((i) => `<li>${h(i)}</li>`).join("")}</ul>` : `<p>${h(how)}</p>`;
}
