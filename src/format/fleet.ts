// `mltest fleet` as text: table, markdown, json and csv, one row per repository, worst first. Pure:
// a fleet in, a string out. Every string from a report or an owners file is escaped for its format.
import { Chalk } from "chalk";
import type { CampaignProgress, Fleet, FleetRow } from "../fleet/fleet.js";
import { TOOL } from "../report.js";
import { boxed } from "./boxed.js";
import { md, plain } from "./escape.js";
import { formatFleetHtml } from "./fleet-html.js";
import { num, plural } from "./text.js";

/** "1 repository", "3 repositories". */
export const repositories = (n: number) => `${n} ${n === 1 ? "repository" : "repositories"}`;

export interface FleetContext {
  color: boolean;
}

export const FLEET_FORMATS = {
  table: formatTable,
  markdown: formatMarkdown,
  json: formatJson,
  csv: formatCsv,
  html: (fleet: Fleet) => formatFleetHtml(fleet),
} satisfies Record<string, (fleet: Fleet, context: FleetContext) => string>;

export type FleetFormat = keyof typeof FLEET_FORMATS;

export function formatFleet(fleet: Fleet, format: FleetFormat, context: FleetContext): string {
  return FLEET_FORMATS[format](fleet, context);
}

/** The cells every text format shows for a row, before escaping. */
export function rowCells(fleet: Fleet, row: FleetRow): string[] {
  const c = row.current;
  return [
    row.repository,
    row.owner ?? "unowned",
    c ? `${num(c.final)} / ${num(c.max)}` : "no data",
    ...fleet.sections.map((s) => {
      const score = c?.sections.find((x) => x.id === s.id)?.score;
      return score === undefined ? "—" : num(score);
    }),
    row.state === "no data" ? "no data" : row.state === "passing" ? "passed" : "failed",
    row.ageDays === undefined ? "—" : `${row.ageDays} d`,
    row.change === undefined ? "—" : row.change === 0 ? "±0" : `${row.change > 0 ? "+" : "−"}${num(Math.abs(row.change))}`,
    flags(row).join(", "),
  ];
}

export function flags(row: FleetRow): string[] {
  return [...(row.stale ? ["stale"] : []), ...(row.otherRubric ? ["other rubric"] : [])];
}

const head = (fleet: Fleet) => ["Repository", "Owner", "Final", ...fleet.sections.map((s) => s.id), "Gate", "Age", "Change", "Flags"];

/** "monitor ≥ 2 by 2027-03-31: 3 of 5 met, 1 exempt (overdue)". */
export function campaignLine(p: CampaignProgress): string {
  const { minScore, minSection } = p.campaign.target;
  const target = [
    ...(minScore === undefined ? [] : [`final ≥ ${num(minScore)}`]),
    ...Object.entries(minSection ?? {}).map(([s, v]) => `${s} ≥ ${num(v)}`),
  ];
  const counted = p.met.length + p.unmet.length;
  const when = p.overdue ? "overdue" : p.daysLeft >= 0 ? `${plural(p.daysLeft, "day")} left` : "closed";
  const exempt = p.exempt.length > 0 ? `, ${p.exempt.length} exempt` : "";
  return `${p.campaign.title} (${target.join(", ")} by ${p.campaign.deadline}): ${p.met.length} of ${counted} met${exempt}; ${when}`;
}

function formatTable(fleet: Fleet, { color }: FleetContext): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows = fleet.rows.map((row) => rowCells(fleet, row).map(plain));
  const out = [
    c.bold(`Fleet of ${repositories(fleet.rows.length)} as of ${fleet.asOf}`),
    boxed(head(fleet).map(plain), rows, (text) => c.bold(text)),
  ];
  for (const p of fleet.campaigns) out.push(`${p.overdue ? c.red("✗") : "•"} ${plain(campaignLine(p))}`);
  out.push(...footer(fleet).map(plain));
  return `${out.join("\n")}\n`;
}

function formatMarkdown(fleet: Fleet): string {
  const cells = head(fleet).map(md);
  const out = [
    `## Fleet of ${repositories(fleet.rows.length)} as of ${fleet.asOf}`,
    "",
    `| ${cells.join(" | ")} |`,
    `|${cells.map(() => "---").join("|")}|`,
  ];
  for (const row of fleet.rows) out.push(`| ${rowCells(fleet, row).map(md).join(" | ")} |`);
  if (fleet.campaigns.length > 0) out.push("", "### Campaigns", "", ...fleet.campaigns.map((p) => `- ${md(campaignLine(p))}`));
  const notes = footer(fleet);
  if (notes.length > 0) out.push("", ...notes.map((n) => `- ${md(n)}`));
  return `${out.join("\n")}\n`;
}

/** Skipped files and a walk that stopped early: said under every text format. */
function footer(fleet: Fleet): string[] {
  return [
    ...fleet.skipped.map((s) => `skipped ${s.file}: ${s.reason}`),
    ...(fleet.truncated ? ["the folder walk stopped at its limit: some reports were not read"] : []),
  ];
}

function formatJson(fleet: Fleet): string {
  const rows = fleet.rows.map((row) => ({
    repository: row.repository,
    owner: row.owner ?? null,
    state: row.state,
    ...(row.current && {
      final: row.current.final,
      max: row.current.max,
      band: row.current.band,
      sections: Object.fromEntries(row.current.sections.map((s) => [s.id, s.score])),
      generatedAt: row.current.generatedAt,
      asOf: row.current.asOf,
      rubric: row.current.rubric,
      report: row.current.file,
      ageDays: row.ageDays,
    }),
    ...(row.change !== undefined && { change: row.change }),
    stale: row.stale,
    otherRubric: row.otherRubric,
    trend: row.trend,
  }));
  const campaigns = fleet.campaigns.map((p) => ({
    ...p.campaign,
    met: p.met,
    unmet: p.unmet,
    exempt: p.exempt,
    overdue: p.overdue,
    daysLeft: p.daysLeft,
  }));
  const teams = fleet.teams.map((t) => ({ ...t, team: t.team ?? null }));
  const body = {
    schemaVersion: 1,
    tool: TOOL,
    asOf: fleet.asOf,
    rubric: fleet.rubric ?? null,
    sections: fleet.sections,
    rows,
    teams,
    campaigns,
    skipped: fleet.skipped,
    truncated: fleet.truncated,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * RFC 4180 CSV. A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage
 * return first) is prefixed with an apostrophe (OWASP's advice); numbers are written as numbers.
 */
function formatCsv(fleet: Fleet): string {
  const text = (value: string) => {
    const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
  };
  const number = (value: number | undefined) => (value === undefined ? "" : String(value));
  const lines = [
    [
      "repository",
      "owner",
      "state",
      "final",
      "max",
      ...fleet.sections.map((s) => s.id),
      "gate_passed",
      "age_days",
      "change",
      "stale",
      "other_rubric",
      "report",
    ]
      .map(text)
      .join(","),
  ];
  for (const row of fleet.rows) {
    const c = row.current;
    lines.push(
      [
        text(row.repository),
        text(row.owner ?? ""),
        row.state === "no data" ? "no data" : row.state,
        number(c?.final),
        number(c?.max),
        ...fleet.sections.map((s) => number(c?.sections.find((x) => x.id === s.id)?.score)),
        c ? String(c.gatePassed) : "",
        number(row.ageDays),
        number(row.change),
        String(row.stale),
        String(row.otherRubric),
        text(c?.file ?? ""),
      ].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
