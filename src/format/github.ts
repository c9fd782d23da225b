// GitHub Actions workflow commands, shown as annotations on the pull request and the run, most
// important first (see ci-kind.ts for which test is which level):
//   ::error    each failed threshold, then each claim with broken evidence or an expired waiver
//   ::warning  each claim whose evidence is unverified or stale
//   ::notice   the score, then each test not done and each manual test
// GitHub shows the first 10 annotations of each level a step prints (and 50 a job): within those
// limits the most important are printed, in the order of the report's next steps, and one notice
// counts what was left out and points to the job summary (the Markdown report), which lists all.
import type { Report, ReportTest } from "../schema/report.js";
import { ciKind, importance } from "./ci-kind.js";
import { plainLines, workflowData, workflowProperty } from "./escape.js";
import { attention, evidencePath, num, plural } from "./text.js";

/** Annotations of one level GitHub shows per step; beyond them a step's commands are dropped. */
export const ANNOTATIONS_PER_LEVEL = 10;

type Level = "error" | "warning" | "notice";
const LEVELS: Level[] = ["error", "warning", "notice"];
const LEVEL_OF = { broken: "error", expired: "error", unproven: "warning", missing: "notice", manual: "notice" } as const;

export function formatGithub(report: Report): string {
  const file = evidencePath(report.project);
  const { final } = report;
  const command = (level: Level, line: number | undefined, title: string, message: string) => {
    const at = line === undefined ? "" : `file=${workflowProperty(file)},line=${line},`;
    return `::${level} ${at}title=${workflowProperty(plainLines(title))}::${workflowData(plainLines(message))}`;
  };
  const next = new Map(report.nextSteps.map((s) => [s.test, s]));
  const rank = importance(report);

  // Each level's annotations, most important first.
  const found: Record<Level, string[]> = { error: [], warning: [], notice: [] };
  found.error.push(...report.gate.checks.filter((c) => !c.passed).map((c) => command("error", 1, `mltest gate: ${c.target}`, c.message)));
  const tests: { test: ReportTest; level: Level; first: boolean }[] = [];
  for (const test of report.sections.flatMap((s) => s.tests)) {
    const kind = ciKind(test);
    if (kind === "done") continue;
    // A claim that counts as none (strict mode) comes before one that still counts.
    tests.push({ test, level: LEVEL_OF[kind], first: kind === "unproven" && test.points < test.claimed });
  }
  tests.sort((a, b) => Number(b.first) - Number(a.first) || rank(a.test) - rank(b.test));
  for (const { test, level } of tests) {
    const message = attention(test, next.get(test.id))?.message ?? `${test.status}.`;
    found[level].push(command(level, test.line ?? 1, `${test.id} ${test.title}`, message));
  }

  const summary = command(
    "notice",
    undefined,
    "ML Test Score",
    `${report.project.name}: ${num(final.score)} / ${num(final.max)} (${final.band.label}); weakest: ${final.weakest.join(", ")}; ` +
      `gate ${report.gate.checks.length === 0 ? "not set" : report.gate.passed ? "passed" : "failed"}`,
  );
  // Notices share their 10 with the score and, when anything is left out, the note that says so.
  const room: Record<Level, number> = { error: ANNOTATIONS_PER_LEVEL, warning: ANNOTATIONS_PER_LEVEL, notice: ANNOTATIONS_PER_LEVEL - 1 };
  if (LEVELS.some((l) => found[l].length > room[l])) room.notice -= 1;
  const left = LEVELS.map((l) => [l, Math.max(0, found[l].length - room[l])] as const).filter(([, n]) => n > 0);
  const omitted =
    left.length === 0
      ? []
      : [
          command(
            "notice",
            undefined,
            "mltest: more annotations",
            `${listed(left.map(([l, n]) => plural(n, l)))} not shown here: GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step, ` +
              "and these are the most important. The job summary (the Markdown report) lists them all.",
          ),
        ];
  const out = [
    ...found.error.slice(0, room.error),
    ...found.warning.slice(0, room.warning),
    summary,
    ...omitted,
    ...found.notice.slice(0, room.notice),
  ];
  return `${out.join("\n")}\n`;
}

/** "a", "a and b", "a, b and c". */
function listed(items: string[]): string {
  return items.length < 2 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)!}`;
}
