// One self-contained HTML page: no external request, no script, readable printed. Everything
// from the evidence file is escaped; status is always written out, colour only repeats it.
// Elements carry data-* attributes with the report's values, for tools and tests.
import type { HistoryEntry } from "../schema/history.js";
import { trendSections } from "../history.js";
import type { Report, ReportTest } from "../schema/report.js";
import type { Rubric } from "../schema/rubric.js";
import { html } from "./escape.js";
import type { FormatContext } from "./index.js";
import { countedStatus, describeStep, evidenceProblems, interval, num, pointerParts, STATUS_LABEL } from "./text.js";

const h = html;

export function formatHtml(report: Report, context: FormatContext): string {
  const { final, gate } = report;
  const base = context.linkBase ?? report.project.dir;
  const weakest = new Set(final.weakest);
  const titleOf = (id: string) => report.sections.find((s) => s.id === id)?.title ?? id;
  const problems = report.sections.flatMap((s) => s.tests).filter((t) => evidenceProblems(t).length > 0);
  const steps = report.nextSteps.filter((s) => weakest.has(s.section)).slice(0, 5);
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
<p>${final.aggregate === "min" ? `Bounded by the weakest section: <strong>${final.weakest.map((id) => h(titleOf(id))).join(", ")}</strong>` : "Weighted mean of the sections"}</p>
${final.claimed !== final.score ? `<p>The evidence file claims ${num(final.claimed)}; claims whose evidence does not hold count less.</p>` : ""}
${final.withoutWaivers !== final.score ? `<p>Without waivers (every not-applicable test as none): ${num(final.withoutWaivers)}.</p>` : ""}
</div>
${chart(report)}
</section>
${gateSection(report)}
${problems.length ? `<section aria-labelledby="problems"><h2 id="problems">Evidence problems</h2><ul>${problems.map((t) => `<li data-test="${h(t.id)}"><strong>${h(t.id)}</strong> ${h(t.title)}: ${countedStatus(t) === t.status ? "still counts" : "<strong>counts as none</strong>"}<ul>${evidenceProblems(t).map((p) => `<li>${h(p)}</li>`).join("")}</ul></li>`).join("")}</ul></section>` : ""}
${steps.length ? `<section aria-labelledby="next"><h2 id="next">Next steps</h2><ol>${steps.map((s) => `<li data-test="${h(s.test)}"><strong>${h(s.test)}</strong> ${h(s.title)}: ${h(describeStep(s))}</li>`).join("")}</ol></section>` : ""}
${report.sections.map((section) => sectionHtml(section, weakest.has(section.id), base, context.rubric)).join("\n")}
${context.history && context.history.length > 1 ? trend(context.history) : ""}
</main>
<footer><p>mltest ${h(report.tool.version)} · rubric sha256 <code>${report.rubric.sha256.slice(0, 12)}</code></p></footer>
</body>
</html>
`;
}

function gateSection(report: Report): string {
  const { gate } = report;
  if (gate.checks.length === 0) return `<section aria-labelledby="gate"><h2 id="gate">Gate</h2><p data-field="gate" data-value="none">No gate set.</p></section>`;
  return `<section aria-labelledby="gate"><h2 id="gate">Gate: <span data-field="gate" data-value="${gate.passed ? "passed" : "failed"}" class="chip ${gate.passed ? "chip-automated" : "chip-none"}">${gate.passed ? "passed" : "failed"}</span></h2>
<ul class="checks">${gate.checks.map((c) => `<li data-target="${h(c.target)}" data-passed="${c.passed}"><span class="mark">${c.passed ? "✓ pass" : "✗ fail"}</span> ${h(c.message)}</li>`).join("")}${(gate.raise ?? []).map((r) => `<li><span class="mark">↑ raise</span> ${h(r.message)}</li>`).join("")}</ul></section>`;
}

function sectionHtml(section: Report["sections"][number], isWeakest: boolean, base: string, rubric: Rubric): string {
  const guidance = new Map(rubric.sections.flatMap((s) => s.tests).map((t) => [t.id, t]));
  const rows = section.tests
    .map((t) => {
      const g = guidance.get(t.id);
      return `<tr data-test="${h(t.id)}" data-status="${t.status}" data-points="${t.points}">
<td><code>${h(t.id)}</code></td>
<td>${h(t.title)}${g ? `<details><summary>Why and how</summary><p>${h(g.why)}</p>${howHtml(g.how)}<p><strong>Manual:</strong> ${h(g.manual)}</p><p><strong>Automated:</strong> ${h(g.automated)}</p></details>` : ""}</td>
<td>${statusChip(t)}</td>
<td>${check(t)}</td>
<td class="num">${t.status === "not-applicable" && !t.waiver?.expired ? "—" : t.points === t.claimed ? num(t.points) : `${num(t.points)} of ${num(t.claimed)}`}</td>
<td>${t.owner ? h(t.owner) : "—"}</td>
<td>${evidence(t, base)}</td>
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

function statusChip(t: ReportTest): string {
  if (t.disabled !== undefined) return `<span class="chip chip-na" title="${h(t.disabled)}">disabled</span>`;
  const label = t.status === "not-applicable" ? `n/a` : STATUS_LABEL[t.status];
  return `<span class="chip chip-${t.status === "not-applicable" ? "na" : t.status}">${label}</span>${t.reason ? `<br><small>${h(t.reason)}</small>` : ""}`;
}

function check(t: ReportTest): string {
  if (t.waiver) return t.waiver.expired ? `<span class="chip chip-none">waiver expired ${h(t.waiver.expires ?? "")}</span>` : "waived";
  if (!t.verification) return "—";
  const cls = { verified: "chip-automated", unverified: "chip-manual", stale: "chip-manual", broken: "chip-none" }[t.verification.state];
  return `<span class="chip ${cls}" data-state="${t.verification.state}">${t.verification.state}</span>`;
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
      const href = kind === "url" ? webUrl(target) : encodeURI(`${base === "." ? "./" : `${base}/`}${file}`);
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

/** Section scores against their maxima, the weakest marked in words, the gate drawn as lines. */
function chart(report: Report): string {
  const rowH = 34;
  const left = 190;
  const width = 640;
  const scale = (width - left - 80) / Math.max(...report.sections.map((s) => s.max));
  const minScore = report.gate.checks.find((c) => c.target === "final")?.expected;
  const floors = new Map(report.gate.checks.filter((c) => c.target.startsWith("section:")).map((c) => [c.target.slice(8), c.expected]));
  const height = report.sections.length * rowH + 36;
  const bars = report.sections
    .map((s, i) => {
      const y = 10 + i * rowH;
      const weakest = report.final.weakest.includes(s.id);
      const floor = floors.get(s.id);
      return `<g data-section="${h(s.id)}">
<text x="${left - 8}" y="${y + 17}" text-anchor="end">${h(s.title.length > 26 ? `${s.title.slice(0, 25)}…` : s.title)}</text>
<rect x="${left}" y="${y + 4}" width="${(s.max * scale).toFixed(1)}" height="18" class="bar-bg"/>
<rect x="${left}" y="${y + 4}" width="${(s.score * scale).toFixed(1)}" height="18" class="${weakest ? "bar weakest" : "bar"}"/>
${floor !== undefined ? `<line x1="${(left + floor * scale).toFixed(1)}" x2="${(left + floor * scale).toFixed(1)}" y1="${y + 1}" y2="${y + 25}" class="floor"/>` : ""}
<text x="${(left + s.max * scale + 6).toFixed(1)}" y="${y + 17}">${num(s.score)} / ${num(s.max)}${weakest ? " weakest" : ""}</text>
</g>`;
    })
    .join("\n");
  const line =
    minScore === undefined
      ? ""
      : `<line x1="${(left + minScore * scale).toFixed(1)}" x2="${(left + minScore * scale).toFixed(1)}" y1="4" y2="${height - 24}" class="threshold"/><text x="${(left + minScore * scale).toFixed(1)}" y="${height - 8}" text-anchor="middle">gate minimum ${num(minScore)}</text>`;
  const description = report.sections.map((s) => `${s.title} ${num(s.score)} of ${num(s.max)}`).join("; ");
  return `<figure class="chart"><svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">Section scores: ${h(description)}${minScore === undefined ? "" : `; gate minimum ${num(minScore)}`}</title>
${bars}
${line}
</svg><figcaption>Section scores against their maximum${minScore === undefined ? "" : "; the dashed line is the gate's minimum final score"}${floors.size ? ", ticks are section floors" : ""}.</figcaption></figure>`;
}

/** Recorded runs: one line per section and the final score. */
function trend(history: HistoryEntry[]): string {
  const width = 640;
  const height = 180;
  // reduce, not Math.max(...): a long history has more runs than a call can take arguments.
  const max = history.reduce((m, e) => Math.max(m, e.max), 0);
  const ids = trendSections(history);
  const x = (i: number) => 40 + (i * (width - 120)) / Math.max(1, history.length - 1);
  const y = (v: number) => height - 24 - (v / (max || 1)) * (height - 40);
  const series = [...ids.map((id) => [id, history.map((e) => e.sections[id])] as const), ["final", history.map((e) => e.final)] as const];
  const lines = series
    .map(([id, values], k) => {
      const points = values.map((v, i) => (v === undefined ? "" : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean).join(" ");
      const last = values[values.length - 1];
      return `<polyline points="${points}" class="${id === "final" ? "trend final" : `trend s${k % 4}`}"/>${last === undefined ? "" : `<text x="${(x(values.length - 1) + 6).toFixed(1)}" y="${(y(last) + 4).toFixed(1)}">${h(id)} ${num(last)}</text>`}`;
    })
    .join("\n");
  return `<section aria-labelledby="trend"><h2 id="trend">Trend</h2><figure><svg role="img" aria-labelledby="trend-title" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="trend-title">Scores of ${history.length} recorded runs from ${history[0]!.date} to ${history[history.length - 1]!.date}</title>
${lines}
<text x="40" y="${height - 6}">${history[0]!.date}</text><text x="${width - 80}" y="${height - 6}" text-anchor="end">${history[history.length - 1]!.date}</text>
</svg><figcaption>${history.length} recorded runs (mltest score --record).</figcaption></figure></section>`;
}

const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#d0d4d8;--bar:#1f5fa8;--weak:#a33a00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
h1{font-size:1.6rem;margin:24px 0 4px}h2{font-size:1.2rem;margin:28px 0 8px}
.meta,footer{color:var(--muted)}
.summary{display:flex;flex-wrap:wrap;gap:24px;align-items:center}
.final{flex:0 0 260px}.score{font-size:3rem;font-weight:700;margin:0;line-height:1}.max{font-size:1.4rem;color:var(--muted)}
.band{font-size:1.1rem;font-weight:600;margin:6px 0}.interval{font-weight:400;color:var(--muted)}
.chart{flex:1 1 520px;margin:0}.chart text,.chart figcaption,section svg text{font-size:12px;fill:var(--ink)}
figcaption{color:var(--muted);font-size:.85rem}
.bar-bg{fill:#e6e9ec}.bar{fill:var(--bar)}.bar.weakest{fill:var(--weak)}
.threshold{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:5 4}.floor{stroke:#1a1a1a;stroke-width:3}
.trend{fill:none;stroke-width:2}.trend.final{stroke:#1a1a1a;stroke-width:3}.s0{stroke:#1f5fa8}.s1{stroke:#a33a00}.s2{stroke:#2e7d32}.s3{stroke:#6a1b9a}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted)}td.num{text-align:right}
.chip{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85rem;font-weight:600;white-space:nowrap}
.chip-automated{background:#d9f2e3;color:#0b5d2a}.chip-manual{background:#fff1c2;color:#5c4300}.chip-none{background:#fde2e1;color:#8a1c14}.chip-na{background:#eceff1;color:#37474f}
.checks{list-style:none;padding:0}.mark{display:inline-block;min-width:4.5em;font-weight:700}
ul.evidence{margin:0;padding-left:1em}details{margin-top:4px;color:var(--muted)}summary{cursor:pointer}
a{color:#0b4f9c}code{font-size:.9em}
@media print{
  body{font-size:11pt}header,main,footer{max-width:none;padding:0}
  a{color:inherit;text-decoration:none}tr,figure,li{break-inside:avoid}h2{break-after:avoid}
  .chip{border:1px solid #555;background:none !important;color:#000 !important}
  .bar,.bar.weakest{fill:#555}.bar-bg{fill:#ddd}details summary{display:none}
  @page{margin:15mm}
}`;
