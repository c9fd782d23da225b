// Renders a rubric itself (not a report): `mltest rubric` and `mltest describe`.
import { Chalk } from "chalk";
import Table from "cli-table3";
import { UsageError } from "../errors.js";
import { didYouMean } from "../load/suggest.js";
import type { Rubric } from "../schema/rubric.js";
import { maxFinal, sectionMax } from "../score/score.js";
import { num, wrap } from "./text.js";

const WIDTH = 96;

export function formatRubric(rubric: Rubric, format: "table" | "json", { color }: { color: boolean }): string {
  if (format === "json") return `${JSON.stringify(rubric, null, 2)}\n`;
  const c = new Chalk({ level: color ? 1 : 0 });
  const { points, aggregate, bands } = rubric.scoring;
  const out = [
    `${c.bold(rubric.title)} ${rubric.version} (${rubric.id})`,
    ...(rubric.citation ? [c.dim(rubric.citation)] : []),
    "",
    `Points per test: none ${num(points.none)}, manual ${num(points.manual)}, automated ${num(points.automated)}. ` +
      `Final score: ${aggregate === "min" ? "the weakest section" : "weighted mean of sections"}, 0 to ${num(maxFinal(rubric))}.`,
    "",
  ];
  const weighted = rubric.sections.some((s) => s.tests.some((t) => t.weight !== 1));
  for (const section of rubric.sections) {
    out.push(`${c.bold(section.title)} (${section.id}, 0 to ${num(sectionMax(rubric, section))})`);
    const table = new Table({
      head: ["Test", "Title", ...(weighted ? ["Weight"] : [])].map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
    });
    for (const test of section.tests) table.push([test.id, test.title, ...(weighted ? [num(test.weight)] : [])]);
    out.push(table.toString(), "");
  }
  out.push(c.bold("Bands"));
  bands.forEach((band, i) => {
    const range = i === 0 ? `[0, ${num(band.max)}]` : `(${num(bands[i - 1]!.max)}, ${num(band.max)}]`;
    out.push(`  ${range.padEnd(10)} ${band.label}${band.meaning ? `: ${band.meaning}` : ""}`);
  });
  out.push("", `Run "mltest describe TEST-ID" for why and how to do a test.`);
  return `${out.join("\n")}\n`;
}

export function describeTest(rubric: Rubric, id: string, { color }: { color: boolean }): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const section = rubric.sections.find((s) => s.tests.some((t) => t.id === id));
  const test = section?.tests.find((t) => t.id === id);
  if (!section || !test) {
    const ids = rubric.sections.flatMap((s) => s.tests.map((t) => t.id));
    throw new UsageError(`no test "${id}" in rubric ${rubric.id}${didYouMean(id, ids)}`);
  }
  const titleOf = (rel: string) => rubric.sections.flatMap((s) => s.tests).find((t) => t.id === rel)?.title ?? "";
  const { points } = rubric.scoring;
  const out = [
    `${c.bold(`${test.id} ${test.title}`)}`,
    ...(test.heading ? [test.heading] : []),
    c.dim(`${section.title} · ${rubric.title} ${rubric.version}${test.weight !== 1 ? ` · weight ${num(test.weight)}` : ""}`),
    "",
    c.bold("Why"),
    wrap(test.why, WIDTH, "  "),
    "",
    c.bold("How"),
    wrap(test.how, WIDTH, "  "),
    "",
    c.bold(`Manual (+${num(points.manual)})`),
    wrap(test.manual, WIDTH, "  "),
    "",
    c.bold(`Automated (+${num(points.automated)})`),
    wrap(test.automated, WIDTH, "  "),
  ];
  if (test.related?.length) {
    out.push("", c.bold("Related"), ...test.related.map((rel) => `  ${rel} ${titleOf(rel)}`));
  }
  if (test.helpUri) out.push("", test.helpUri);
  return `${out.join("\n")}\n`;
}
