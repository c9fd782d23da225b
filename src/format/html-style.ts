// The HTML page's one stylesheet. Screens from 320 px up: under 700 px (600 px printed) each table row becomes a
// block of labelled lines, so nothing runs off sideways. Test ids never break (white-space, not a
// non-breaking hyphen, so that a copied id is the id). Printed: no coloured backgrounds, rows and
// charts kept whole, table headers repeated, links underlined.
export const STYLE = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#4a4a4a;--line:#d0d4d8;--bar:#1f5fa8;--weak:#a33a00}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff;overflow-wrap:break-word}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 20px}
h1{font-size:1.6rem;margin:24px 0 4px}h2{font-size:1.2rem;margin:28px 0 8px}
.meta,footer{color:var(--muted)}
.tid{white-space:nowrap}
.summary{display:flex;flex-wrap:wrap;gap:24px;align-items:center}
.final{flex:0 1 260px;min-width:0}.score{font-size:3rem;font-weight:700;margin:0;line-height:1}.max{font-size:1.4rem;color:var(--muted)}
.band{font-size:1.1rem;font-weight:600;margin:6px 0}.interval{font-weight:400;color:var(--muted)}
figure{margin:0}.chart{flex:1 1 520px;min-width:0}
.chart svg,.trend-chart svg{display:block;width:100%;height:auto}.chart svg{max-width:640px}.trend-chart svg{max-width:780px}
.chart text,section svg text{font-size:12px;fill:var(--ink)}
figcaption{color:var(--muted);font-size:.85rem}
.bar-bg{fill:#e6e9ec}.bar{fill:var(--bar)}.bar.weakest{fill:var(--weak)}
.threshold{stroke:#1a1a1a;stroke-width:2;stroke-dasharray:5 4}.floor{stroke:#1a1a1a;stroke-width:3}
.trend{fill:none;stroke-width:2}.trend.final{stroke:#1a1a1a;stroke-width:3}.s0{stroke:#1f5fa8}.s1{stroke:#a33a00}.s2{stroke:#2e7d32}.s3{stroke:#6a1b9a}
.leader{stroke:#9aa1a8;stroke-width:1}.axis{stroke:var(--muted)}.grid{stroke:var(--line);stroke-dasharray:2 3}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted)}td.num{text-align:right}
ul.evidence,td small,.meta code{overflow-wrap:anywhere}
.chip{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85rem;font-weight:600;white-space:nowrap}
.chip-automated{background:#d9f2e3;color:#0b5d2a}.chip-manual{background:#fff1c2;color:#5c4300}.chip-none{background:#fde2e1;color:#8a1c14}.chip-na{background:#eceff1;color:#37474f}
.checks{list-style:none;padding:0}.mark{display:inline-block;min-width:4.5em;font-weight:700}
ul.evidence{margin:0;padding-left:1em}details{margin-top:4px;color:var(--muted)}summary{cursor:pointer}
a{color:#0b4f9c}code{font-size:.9em}
@media screen and (max-width:700px),print and (max-width:600px){
  header,main,footer{padding:0 12px}
  table,tbody,tr,td{display:block}
  thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
  tr{border-bottom:1px solid var(--line);padding:8px 0}
  td{border:0;padding:1px 0}td.num{text-align:left}
  td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}
  td:first-child{font-weight:600}
}
@media print{
  body{font-size:10pt;background:none}header,main,footer{max-width:none;padding:0}
  a{color:inherit;text-decoration:underline}
  tr,figure,li,.final{break-inside:avoid}h2{break-after:avoid}thead{display:table-header-group}
  th,td{padding:3px 5px}ul.evidence,td{overflow-wrap:anywhere}
  .chip{border:1px solid #555;background:none !important;color:#000 !important}
  .bar,.bar.weakest{fill:#8a8a8a}.bar-bg{fill:#eee}details summary{display:none}
  @page{margin:15mm}
}`;
