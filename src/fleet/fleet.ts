// A fleet of repositories from their reports. Pure: summaries, owners, scope and campaigns in, one
// row per repository out, worst first. "No data" (a repository in scope without a report) is never
// counted as passing, and ranks first.
import type { Campaign, Campaigns, Owners, Scope } from "../schema/fleet.js";
import { parseIsoDate } from "../util/dates.js";
import { own } from "../util/own.js";
import type { ReportSummary, Skipped } from "./collect.js";

export interface FleetOptions {
  asOf: string;
  /** Reports older than this many days are flagged stale. */
  staleDays: number;
  /** The rubric every report should be made with; by default the one most current reports have. */
  rubric?: { id: string; version: string; sha256: string };
  owners?: Owners;
  scope?: Scope;
  campaigns?: Campaigns;
}

export type RowState = "passing" | "failing" | "no data";

export interface FleetRow {
  repository: string;
  /** undefined: unowned. */
  owner?: string;
  state: RowState;
  current?: ReportSummary;
  /** The final score's change since the repository's previous report. */
  change?: number;
  ageDays?: number;
  stale: boolean;
  /** Made with another rubric than the fleet's. */
  otherRubric: boolean;
  /** Oldest first: every report of the repository. */
  trend: { date: string; final: number }[];
}

export interface TeamRollup {
  /** undefined: the unowned repositories. */
  team?: string;
  repositories: number;
  passing: number;
  failing: number;
  noData: number;
  /** The lowest final score among its repositories with data. */
  lowest?: number;
}

export interface CampaignProgress {
  campaign: Campaign;
  met: string[];
  unmet: string[];
  exempt: { repository: string; reason: string; expires: string }[];
  overdue: boolean;
  daysLeft: number;
}

export interface Fleet {
  asOf: string;
  rubric?: { id: string; version: string; sha256: string };
  sections: { id: string; title: string }[];
  rows: FleetRow[];
  teams: TeamRollup[];
  campaigns: CampaignProgress[];
  skipped: Skipped[];
  truncated: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
const days = (from: string, to: string) => Math.floor(((parseIsoDate(to) ?? 0) - (parseIsoDate(from.slice(0, 10)) ?? 0)) / DAY);
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Newest last: by generation time, then asOf, then file. */
const byAge = (a: ReportSummary, b: ReportSummary) =>
  byText(a.generatedAt, b.generatedAt) || byText(a.asOf, b.asOf) || byText(a.file, b.file);

export function buildFleet(input: { reports: ReportSummary[]; skipped: Skipped[]; truncated: boolean }, options: FleetOptions): Fleet {
  const byRepository = new Map<string, ReportSummary[]>();
  for (const r of input.reports) byRepository.set(r.repository, [...(byRepository.get(r.repository) ?? []), r]);
  for (const list of byRepository.values()) list.sort(byAge);
  const currents = [...byRepository.values()].map((list) => list[list.length - 1]!);
  const rubric = options.rubric ?? mostCommon(currents);
  const expected = options.scope?.repositories ?? [];
  const names = [...new Set([...byRepository.keys(), ...expected])].sort(byText);

  const rows = names.map((repository): FleetRow => {
    const list = byRepository.get(repository) ?? [];
    const owner = own(options.owners?.owners, repository) ?? list[list.length - 1]?.owner;
    const current = list[list.length - 1];
    if (!current) return { repository, ...(owner && { owner }), state: "no data", stale: false, otherRubric: false, trend: [] };
    const previous = list[list.length - 2];
    const ageDays = days(current.generatedAt, options.asOf);
    const wanted = rubric?.sha256;
    return {
      repository,
      ...(owner && { owner }),
      state: current.gatePassed ? "passing" : "failing",
      current,
      ...(previous && { change: Math.round((current.final - previous.final) * 100) / 100 }),
      ageDays,
      stale: ageDays > options.staleDays,
      otherRubric: wanted !== undefined && current.rubric.sha256 !== wanted,
      trend: list.map((r) => ({ date: r.generatedAt.slice(0, 10), final: r.final })),
    };
  });

  return {
    asOf: options.asOf,
    ...(rubric && { rubric }),
    sections: sectionsOf(currents),
    rows: worstFirst(rows),
    teams: rollup(rows),
    campaigns: (options.campaigns?.campaigns ?? []).map((c) => progress(c, rows, options.asOf)),
    skipped: [...input.skipped].sort((a, b) => byText(a.file, b.file) || byText(a.reason, b.reason)),
    truncated: input.truncated,
  };
}

/** No data first, then failed gates, then by final score; ties by repository. */
function worstFirst(rows: FleetRow[]): FleetRow[] {
  const rank: Record<RowState, number> = { "no data": 0, failing: 1, passing: 2 };
  return [...rows].sort(
    (a, b) => rank[a.state] - rank[b.state] || (a.current?.final ?? 0) - (b.current?.final ?? 0) || byText(a.repository, b.repository),
  );
}

/** The rubric most current reports were made with (ties: the smaller hash, so the choice is stable). */
function mostCommon(reports: ReportSummary[]): ReportSummary["rubric"] | undefined {
  const counts = new Map<string, { rubric: ReportSummary["rubric"]; n: number }>();
  for (const r of reports) counts.set(r.rubric.sha256, { rubric: r.rubric, n: (counts.get(r.rubric.sha256)?.n ?? 0) + 1 });
  return [...counts.values()].sort((a, b) => b.n - a.n || byText(a.rubric.sha256, b.rubric.sha256))[0]?.rubric;
}

/** Every section the current reports have, in the order they first appear. */
function sectionsOf(reports: ReportSummary[]): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const r of reports) for (const s of r.sections) if (!seen.has(s.id)) seen.set(s.id, s.title);
  return [...seen].map(([id, title]) => ({ id, title }));
}

/** One line per team (unowned last), by name. */
function rollup(rows: FleetRow[]): TeamRollup[] {
  const teams = new Map<string | undefined, FleetRow[]>();
  for (const row of rows) teams.set(row.owner, [...(teams.get(row.owner) ?? []), row]);
  return [...teams]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : byText(a, b)))
    .map(([team, members]) => {
      const finals = members.flatMap((m) => (m.current ? [m.current.final] : []));
      return {
        ...(team !== undefined && { team }),
        repositories: members.length,
        passing: members.filter((m) => m.state === "passing").length,
        failing: members.filter((m) => m.state === "failing").length,
        noData: members.filter((m) => m.state === "no data").length,
        ...(finals.length > 0 && { lowest: Math.min(...finals) }),
      };
    });
}

/** Whether a repository's current report reaches a campaign's target; no data never does. */
export function meets(row: FleetRow, target: Campaign["target"]): boolean {
  const current = row.current;
  if (!current) return false;
  if (target.minScore !== undefined && current.final < target.minScore) return false;
  return Object.entries(target.minSection ?? {}).every(([id, min]) => {
    const section = current.sections.find((s) => s.id === id);
    return section !== undefined && section.score >= min;
  });
}

function progress(campaign: Campaign, rows: FleetRow[], asOf: string): CampaignProgress {
  const exempt = (campaign.exemptions ?? []).filter((e) => e.expires >= asOf);
  const exemptIds = new Set(exempt.map((e) => e.repository));
  const counted = rows.filter((r) => !exemptIds.has(r.repository));
  const met = counted.filter((r) => meets(r, campaign.target)).map((r) => r.repository);
  const unmet = counted.filter((r) => !meets(r, campaign.target)).map((r) => r.repository);
  return { campaign, met, unmet, exempt, overdue: asOf > campaign.deadline && unmet.length > 0, daysLeft: days(asOf, campaign.deadline) };
}
