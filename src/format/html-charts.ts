// The HTML page's two SVG charts: section scores against their maxima, and the recorded runs.
// Every label is placed so that no two overlap, at any number of sections or runs: positions are
// computed here, deterministically, in the SVG's own units (the page scales the whole drawing).

import { trendSections } from "../history.js";
import type { HistoryEntry } from "../schema/history.js";
import type { Report } from "../schema/report.js";
import { html as h } from "./escape.js";
import { num } from "./text.js";

/** Section scores against their maxima, the weakest marked in words, the gate drawn as lines. */
export function chart(report: Report): string {
  // Narrow enough that its 12-unit text stays readable on a 400 px screen; room right of the bars
  // for "5.5 / 7 weakest".
  const rowH = 34;
  const left = 160;
  const width = 500;
  const scale = (width - left - 100) / Math.max(...report.sections.map((s) => s.max));
  const minScore = report.gate.checks.find((c) => c.target === "final")?.expected;
  const floors = new Map(report.gate.checks.filter((c) => c.target.startsWith("section:")).map((c) => [c.target.slice(8), c.expected]));
  const height = report.sections.length * rowH + 36;
  const bars = report.sections
    .map((s, i) => {
      const y = 10 + i * rowH;
      const weakest = report.final.weakest.includes(s.id);
      const floor = floors.get(s.id);
      return `<g data-section="${h(s.id)}">
<text x="${left - 8}" y="${y + 17}" text-anchor="end">${h(s.title.length > 24 ? `${s.title.slice(0, 23)}…` : s.title)}</text>
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

/** Line height of a label, in SVG units (12px text): labels closer than this overlap. */
const LABEL_GAP = 16;
/** Centre-to-centre distance between two date labels ("2026-11-28" is about 70 units wide). */
const DATE_GAP = 96;
/** End labels are cut to this many characters, so that they fit right of the plot. */
const LABEL_CHARS = 14;

/**
 * Places labels that want to sit at `wanted` (sorted or not) at least `gap` apart within [top,
 * bottom], each as near its wanted place as the others allow; ties keep their given order.
 */
export function spreadLabels(wanted: number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => [y, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const placed = order.map(([y]) => Math.min(Math.max(y, top), bottom));
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap);
  // Pushed past the bottom: push back up from there (the space is made to hold them all).
  if (placed.length > 0 && placed[placed.length - 1]! > bottom) {
    placed[placed.length - 1] = bottom;
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k]!, placed[k + 1]! - gap);
  }
  const out = new Array<number>(wanted.length);
  order.forEach(([, i], k) => {
    out[i] = placed[k]!;
  });
  return out;
}

/** Which runs get a date under the axis: evenly spread, the first and last always, never closer than `gap`. */
export function dateTicks(runs: number, plotWidth: number, gap: number): number[] {
  if (runs <= 1) return [0];
  const fit = Math.max(2, Math.floor(plotWidth / gap) + 1);
  const wantedStep = plotWidth / (runs - 1);
  if (wantedStep >= gap) return Array.from({ length: runs }, (_, i) => i);
  // k labels at whole-run positions; rounding can bring two within `gap`, so take fewer until none are.
  for (let k = Math.min(fit, runs); k >= 2; k--) {
    const ticks = [...new Set(Array.from({ length: k }, (_, j) => Math.round((j * (runs - 1)) / (k - 1))))];
    const ok = ticks.every((t, j) => j === 0 || ((t - ticks[j - 1]!) * plotWidth) / (runs - 1) >= gap);
    if (ok) return ticks;
  }
  return [0, runs - 1];
}

/**
 * Recorded runs: one line per section and the final score. The vertical axis runs over the
 * scores' own range (whole points), so a change from 0.5 to 1 shows; its ends are labelled.
 */
export function trend(history: HistoryEntry[]): string {
  const width = 520;
  const ids = trendSections(history);
  const series = [...ids.map((id) => [id, history.map((e) => e.sections[id])] as const), ["final", history.map((e) => e.final)] as const];
  // Room for every end label, one under another, beside the plot.
  const plotTop = 12;
  const plotH = Math.max(150, series.length * LABEL_GAP);
  const plotBottom = plotTop + plotH;
  const height = plotBottom + 32;
  const plotLeft = 56;
  const plotRight = width - 8 * LABEL_CHARS - 40;
  // reduce, not Math.max(...): a long history has more runs than a call can take arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (const [, values] of series) for (const v of values) if (v !== undefined) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  lo = Math.floor(lo);
  hi = Math.ceil(hi);
  if (!(hi > lo)) hi = lo + 1;
  const x = (i: number) => plotLeft + (i * (plotRight - plotLeft)) / Math.max(1, history.length - 1);
  const y = (v: number) => plotBottom - ((v - lo) / (hi - lo)) * plotH;
  const ends = series.map(([, values]) => values[values.length - 1]);
  const labelY = spreadLabels(
    ends.map((v) => (v === undefined ? plotBottom : y(v))),
    LABEL_GAP,
    plotTop,
    plotBottom,
  );
  const lines = series
    .map(([id, values], k) => {
      const points = values
        .map((v, i) => (v === undefined ? "" : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
        .filter(Boolean)
        .join(" ");
      const last = ends[k];
      const shown = id.length > LABEL_CHARS ? `${id.slice(0, LABEL_CHARS - 1)}…` : id;
      const ly = labelY[k]!;
      const label =
        last === undefined
          ? ""
          : `<line x1="${x(values.length - 1).toFixed(1)}" y1="${y(last).toFixed(1)}" x2="${(plotRight + 8).toFixed(1)}" y2="${ly.toFixed(1)}" class="leader"/><text class="trend-label" x="${(plotRight + 10).toFixed(1)}" y="${(ly + 4).toFixed(1)}">${h(shown)} ${num(last)}</text>`;
      return `<polyline points="${points}" class="${id === "final" ? "trend final" : `trend s${k % 4}`}"/>${label}`;
    })
    .join("\n");
  const axis = `<line x1="${plotLeft}" x2="${plotRight}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/><line x1="${plotLeft}" x2="${plotRight}" y1="${plotTop}" y2="${plotTop}" class="grid"/>
<text class="trend-label" x="${plotLeft - 8}" y="${plotBottom + 4}" text-anchor="end">${num(lo)}</text><text class="trend-label" x="${plotLeft - 8}" y="${plotTop + 4}" text-anchor="end">${num(hi)}</text>`;
  const dates = dateTicks(history.length, plotRight - plotLeft, DATE_GAP)
    .map((i) => `<text class="trend-label" x="${x(i).toFixed(1)}" y="${height - 8}" text-anchor="middle">${history[i]!.date}</text>`)
    .join("");
  return `<section aria-labelledby="trend"><h2 id="trend">Trend</h2><figure class="trend-chart"><svg role="img" aria-labelledby="trend-title" viewBox="0 0 ${width} ${height}" width="100%" height="${height}" xmlns="http://www.w3.org/2000/svg"><title id="trend-title">Scores of ${history.length} recorded runs from ${history[0]!.date} to ${history[history.length - 1]!.date}</title>
${axis}
${lines}
${dates}
</svg><figcaption>${history.length} recorded runs (mltest score --record); the scale runs from ${num(lo)} to ${num(hi)} points.</figcaption></figure></section>`;
}
