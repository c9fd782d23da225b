// `mltest score --recursive`: one row per project, worst first, or one combined report.
import { Chalk } from "chalk";
import type { ProjectResult } from "../monorepo.js";
import { TOOL } from "../report.js";
import { formatProblem } from "../util/errors.js";
import { boxed } from "./boxed.js";
import { md, plain, xml } from "./escape.js";
import { junitSuites, renderJunit } from "./junit.js";
import { num } from "./text.js";

export type MonorepoFormat = "table" | "json" | "markdown" | "junit";
export const MONOREPO_FORMATS: MonorepoFormat[] = ["table", "json", "markdown", "junit"];

export function formatMonorepo(results: ProjectResult[], asOf: string, format: MonorepoFormat, { color }: { color: boolean }): string {
  if (format === "json") {
    const projects = results.map((r) =>
      "report" in r ? { dir: r.dir, report: r.report } : { dir: r.dir, errors: r.problems.map(formatProblem) },
    );
    return `${JSON.stringify({ schemaVersion: 1, tool: TOOL, asOf, projects }, null, 2)}\n`;
  }
  if (format === "junit") {
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
  const failed = results.filter((r) => "report" in r && !r.report.gate.passed).length;
  const broken = results.filter((r) => "problems" in r).length;
  const summary = `${results.length} project${results.length === 1 ? "" : "s"}: ${results.length - failed - broken} passed, ${failed} failed the gate, ${broken} with bad input`;
  const sectionsOf = (r: ProjectResult) => ("report" in r ? r.report.sections.map((s) => `${s.id} ${num(s.score)}`).join(" · ") : "");
  if (format === "markdown") {
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
