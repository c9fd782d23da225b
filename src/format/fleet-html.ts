// `mltest fleet --format html`: one self-contained page for an organisation. A team roll-up, a
// heat map of sections × repositories (worst first), each repository's trend as a small line, and
// the campaigns. No script, no web font, no request: inline CSS and SVG only. Pure.
import type { Fleet, FleetRow, TeamRollup } from "../fleet/fleet.js";
import { TOOL } from "../report.js";
import { html } from "./escape.js";
import { campaignLine, flags, repositories } from "./fleet.js";
import { num } from "./text.js";

/** Narrow screens scroll the heat map sideways inside its box; the page itself never does. */
const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#d0d4d8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;overflow-wrap:break-word}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:1.6rem;margin:24px 0 4px}h2{font-size:1.2rem;margin:28px 0 8px}
.meta,footer{color:var(--muted)}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:middle}
th{font-size:.85rem;color:var(--muted);white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}
td.repo{max-width:22em;overflow-wrap:anywhere}
.h0{background:#fde2e1;color:#8a1c14}.h1{background:#fdebd3;color:#6b3a00}.h2{background:#fff6c9;color:#5c4300}
.h3{background:#e3f3df;color:#1e5b13}.h4{background:#c9ebd4;color:#0b5d2a}.nodata{background:#eceff1;color:#37474f}
.spark{display:block;width:96px;height:24px}.spark polyline{fill:none;stroke:#1f5fa8;stroke-width:2}
.overdue{color:#8a1c14;font-weight:600}
ul{padding-left:1.2em}
@media print{.scroll{overflow:visible}.h0,.h1,.h2,.h3,.h4,.nodata{background:none}}
`;

/** Five steps of a score's share of its maximum, so the colour is read with the number, never alone. */
function heat(score: number, max: number): string {
  const share = max > 0 ? score / max : 0;
  return `h${Math.min(4, Math.floor(share * 5))}`;
}

export function formatFleetHtml(fleet: Fleet): string {
  const title = `Fleet of ${repositories(fleet.rows.length)}`;
  const noData = fleet.rows.filter((r) => r.state === "no data").length;
  const failing = fleet.rows.filter((r) => r.state === "failing").length;
  const rubric = fleet.rubric ? `${fleet.rubric.id} ${fleet.rubric.version} (sha256 ${fleet.rubric.sha256.slice(0, 12)})` : "no reports";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${html(title)}</h1>
<p class="meta">As of ${html(fleet.asOf)} · rubric ${html(rubric)} · ${failing} failing their gate · ${noData} with no data</p>
</header>
<main>
${teams(fleet.teams)}
${heatMap(fleet)}
${campaigns(fleet)}
${skipped(fleet)}
</main>
<footer><p>${html(TOOL.name)} ${html(TOOL.version)}</p></footer>
</body>
</html>
`;
}

function teams(rollup: TeamRollup[]): string {
  const rows = rollup.map(
    (t) =>
      `<tr><td>${t.team === undefined ? "<em>unowned</em>" : html(t.team)}</td><td class="num">${t.repositories}</td><td class="num">${t.passing}</td>` +
      `<td class="num">${t.failing}</td><td class="num">${t.noData}</td><td class="num">${t.lowest === undefined ? "—" : num(t.lowest)}</td></tr>`,
  );
  return `<section><h2>Teams</h2><div class="scroll"><table>
<thead><tr><th>Team</th><th>Repositories</th><th>Passing</th><th>Failing</th><th>No data</th><th>Lowest final</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div></section>`;
}

function heatMap(fleet: Fleet): string {
  const headCells = fleet.sections.map((s) => `<th scope="col" title="${html(s.title)}">${html(s.id)}</th>`).join("");
  const rows = fleet.rows.map((row) => {
    const c = row.current;
    const cells = fleet.sections.map((s) => {
      const section = c?.sections.find((x) => x.id === s.id);
      return section ? `<td class="num ${heat(section.score, section.max)}">${num(section.score)}</td>` : `<td class="num nodata">—</td>`;
    });
    const final = c
      ? `<td class="num ${heat(c.final, c.max)}"><strong>${num(c.final)}</strong></td>`
      : `<td class="num nodata">no data</td>`;
    const state = row.state === "no data" ? "no data" : row.state === "passing" ? "passed" : "failed";
    const note = [row.ageDays === undefined ? "" : `${row.ageDays} d old`, ...flags(row)].filter(Boolean).join(", ");
    return `<tr><th scope="row" class="repo">${html(row.repository)}</th><td>${row.owner === undefined ? "<em>unowned</em>" : html(row.owner)}</td>${final}${cells.join("")}<td>${state}</td><td>${spark(row)}</td><td>${html(note)}</td></tr>`;
  });
  return `<section><h2>Sections × repositories</h2><p class="meta">Worst first. Colour follows each score's share of its maximum; no data is never counted as passing.</p>
<div class="scroll"><table>
<thead><tr><th scope="col">Repository</th><th scope="col">Owner</th><th scope="col">Final</th>${headCells}<th scope="col">Gate</th><th scope="col">Trend</th><th scope="col">Notes</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table></div></section>`;
}

/** The final score over the repository's reports, oldest first, scaled to its maximum. */
function spark(row: FleetRow): string {
  const max = row.current?.max ?? 0;
  if (row.trend.length < 2 || max <= 0) return "";
  const step = 92 / (row.trend.length - 1);
  const points = row.trend.map((t, i) => `${(2 + i * step).toFixed(1)},${(22 - (t.final / max) * 20).toFixed(1)}`).join(" ");
  const label = `final scores ${row.trend.map((t) => `${t.date}: ${num(t.final)}`).join(", ")}`;
  return `<svg class="spark" viewBox="0 0 96 24" role="img" aria-label="${html(label)}"><polyline points="${points}"/></svg>`;
}

function campaigns(fleet: Fleet): string {
  if (fleet.campaigns.length === 0) return "";
  const items = fleet.campaigns.map((p) => {
    const exempt = p.exempt.map((e) => `${html(e.repository)}: ${html(e.reason)} (until ${html(e.expires)})`);
    const unmet = p.unmet.length > 0 ? `<br>Not yet: ${p.unmet.map(html).join(", ")}` : "";
    return `<li${p.overdue ? ' class="overdue"' : ""}>${html(campaignLine(p))}${unmet}${exempt.length > 0 ? `<br>Exempt: ${exempt.join("; ")}` : ""}</li>`;
  });
  return `<section><h2>Campaigns</h2><ul>${items.join("\n")}</ul></section>`;
}

function skipped(fleet: Fleet): string {
  if (fleet.skipped.length === 0 && !fleet.truncated) return "";
  const items = fleet.skipped.map((s) => `<li><code>${html(s.file)}</code>: ${html(s.reason)}</li>`);
  if (fleet.truncated) items.push("<li>The folder walk stopped at its limit: some reports were not read.</li>");
  return `<section><h2>Skipped</h2><ul>${items.join("\n")}</ul></section>`;
}
