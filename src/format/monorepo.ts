// `mltest score --recursive`: one row per project, worst first, or one combined report.
import { Chalk } from "chalk";
import type { ProjectResult } from "../monorepo.js";
import { TOOL } from "../report.js";
import { formatProblem } from "../util/errors.js";
import { boxed } from "./boxed.js";
import { md, plain, xml } from "./escape.js";
import { junitSuites, renderJunit } from "./junit.js";
import type { CiSafeStyles, ColorContext, Formats } from "./registry.js";
import { num } from "./text.js";

/** Every project's result, worst first (monorepo.ts), as of one date. */
export interface MonorepoInput {
  results: ProjectResult[];
  asOf: string;
}

/** The formats of one combined report: those of `score` that can hold many projects. */
export const MONOREPO_FORMATS = {
  table: monorepoTable,
  json: monorepoJson,
  markdown: monorepoMarkdown,
  junit: monorepoJunit,
} satisfies Formats<MonorepoInput, ColorContext>;

export type MonorepoFormat = keyof typeof MONOREPO_FORMATS;

export const MONOREPO_CI_SAFE_STYLE: CiSafeStyles<typeof MONOREPO_FORMATS> = {
  table: "text",
  json: "json",
  markdown: "text",
  junit: "xml",
};

function monorepoJson({ results, asOf }: MonorepoInput): string {
  const projects = results.map((r) =>
    "report" in r ? { dir: r.dir, report: r.report } : { dir: r.dir, errors: r.problems.map(formatProblem) },
  );
  return `${JSON.stringify({ schemaVersion: 1, tool: TOOL, asOf, projects }, null, 2)}\n`;
}

function monorepoJunit({ results, asOf }: MonorepoInput): string {
  const suites = results.flatMap((r) =>
    "report" in r
      ? junitSuites(r.report, `${r.dir} `)
      : [
          {
            name: `${r.dir} input`,
            properties: {},
            cases: [
              {
                name: "mltest.yaml",
                classname: `mltest.${r.dir}`,
                body: [`<error message="bad input" type="input">${xml(r.problems.map(formatProblem).join("\n"))}</error>`],
                failed: false,
                skipped: false,
                errored: true,
              },
            ],
          },
        ],
  );
  return renderJunit("mltest: projects", asOf, suites);
}

/** "3 projects: 1 passed, 1 failed the gate, 1 with bad input". */
function summaryOf(results: ProjectResult[]): string {
  const failed = results.filter((r) => "report" in r && !r.report.gate.passed).length;
  const broken = results.filter((r) => "problems" in r).length;
  return `${results.length} project${results.length === 1 ? "" : "s"}: ${results.length - failed - broken} passed, ${failed} failed the gate, ${broken} with bad input`;
}

/** "data 4 · model 5.25 · …", empty for a project with bad input. */
function sectionsOf(r: ProjectResult): string {
  return "report" in r ? r.report.sections.map((s) => `${s.id} ${num(s.score)}`).join(" · ") : "";
}

function monorepoMarkdown({ results, asOf }: MonorepoInput): string {
  const summary = summaryOf(results);
  return `${[
    "## ML Test Score: all projects",
    "",
    `${summary}, as of ${asOf}.`,
    "",
    "| Project | Final | Band | Gate | Sections |",
    "|---|---:|---|---|---|",
    ...results.map((r) =>
      "report" in r
        ? `| ${md(r.dir)} | ${num(r.report.final.score)} / ${num(r.report.final.max)} | ${md(r.report.final.band.label)} | ${r.report.gate.passed ? "✅ passed" : "❌ failed"} | ${md(sectionsOf(r))} |`
        : `| ${md(r.dir)} | — | — | ⚠️ bad input | ${md(r.problems.map(formatProblem).join("; "))} |`,
    ),
  ].join("\n")}\n`;
}

function monorepoTable({ results }: MonorepoInput, { color }: ColorContext): string {
  const summary = summaryOf(results);
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows = results.map((r) =>
    "report" in r
      ? [
          plain(r.dir),
          `${num(r.report.final.score)} / ${num(r.report.final.max)}`,
          plain(r.report.final.band.label),
          r.report.gate.passed ? c.green("passed") : c.red("FAILED"),
          sectionsOf(r),
        ]
      : [plain(r.dir), "—", "—", c.red("bad input"), plain(r.problems[0] ? formatProblem(r.problems[0]) : "")],
  );
  const table = boxed(["Project", "Final", "Band", "Gate", "Sections"], rows, (h) => c.bold(h));
  const problems = results.flatMap((r) => ("problems" in r ? r.problems.map((p) => `  ${plain(formatProblem(p))}`) : []));
  return `${table}\n${summary}\n${problems.length ? `\n${c.bold("Bad input")}\n${problems.join("\n")}\n` : ""}`;
}
