// A shields-style badge, "ML Test Score | 2.5", coloured by band. White text on every colour
// meets WCAG AA; the <title> says the same in words for screen readers.
import type { Report } from "../schema/report.js";
import type { FormatContext } from "./index.js";
import { num } from "./text.js";

/** From the lowest band to the highest; dark enough for white text (contrast 4.5:1 or more). */
const COLOURS = ["#b71c1c", "#c2410c", "#a15c07", "#4d7c0f", "#2e7d32", "#1b5e20"];
const LABEL = "ML Test Score";

/** Rough widths of 11px Verdana, as shields.io sizes its badges. */
function textWidth(text: string): number {
  return [...text].reduce((w, ch) => w + (ch === " " ? 3.9 : /[.,:;|!il1]/.test(ch) ? 4.2 : /[A-Z0-9mw]/.test(ch) ? 7.6 : 6.4), 0);
}

export function formatBadge(report: Report, { rubric }: FormatContext): string {
  const bands = rubric.scoring.bands;
  const index = Math.max(
    0,
    bands.findIndex((b) => b.max === report.final.band.max),
  );
  // Spread the colours over however many bands the rubric has.
  const colour = COLOURS[Math.round((index / Math.max(1, bands.length - 1)) * (COLOURS.length - 1))]!;
  const value = num(report.final.score);
  const [lw, vw] = [Math.round(textWidth(LABEL) + 12), Math.round(textWidth(value) + 12)];
  const title = `ML Test Score ${value} of ${num(report.final.max)}: ${report.final.band.label}`.replace(
    /[&<>"]/g,
    (c) => `&#${c.charCodeAt(0)};`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + vw}" height="20" role="img" aria-label="${title}">
<title>${title}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${lw + vw}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/><rect width="${lw + vw}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
<text x="${lw / 2}" y="14">${LABEL}</text>
<text x="${lw + vw / 2}" y="14">${value}</text>
</g>
</svg>
`;
}
