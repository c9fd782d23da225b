// --format openmetrics (src/format/openmetrics.ts): what GitLab's metrics report and Prometheus
// read. Every metric family is typed before its samples, label values are escaped, and the text
// ends with # EOF.
import { describe, expect, it } from "vitest";
import { formatOpenMetrics } from "../src/format/openmetrics.js";
import { reportSchema } from "../src/schema/report.js";
import { AS_OF, mltest } from "./run.js";

const report = reportSchema().parse(JSON.parse(mltest("score", "examples/fraud-scoring", "--format", "json", "--as-of", AS_OF).stdout));

describe("openmetrics", () => {
  const text = formatOpenMetrics(report);
  const lines = text.trimEnd().split("\n");

  it("gives the final score, its maximum, each section and the gate", () => {
    expect(lines).toContain(`mltest_score{project="fraud-scoring",rubric="ml-test-score-2017"} ${report.final.score}`);
    expect(lines).toContain(`mltest_score_max{project="fraud-scoring",rubric="ml-test-score-2017"} 7`);
    for (const s of report.sections)
      expect(lines).toContain(`mltest_section_score{project="fraud-scoring",rubric="ml-test-score-2017",section="${s.id}"} ${s.score}`);
    expect(lines).toContain(`mltest_gate_passed{project="fraud-scoring",rubric="ml-test-score-2017"} ${report.gate.passed ? 1 : 0}`);
  });

  it("counts the tests by status, 28 in all", () => {
    const counts = lines.filter((l) => l.startsWith("mltest_tests{")).map((l) => Number(l.split(" ").pop()));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(28);
  });

  it("types every family before its samples and ends with # EOF", () => {
    expect(lines[lines.length - 1]).toBe("# EOF");
    const typed = new Set<string>();
    for (const line of lines.slice(0, -1)) {
      const type = /^# TYPE (\w+) gauge$/.exec(line);
      if (type) typed.add(type[1]!);
      else if (!line.startsWith("# HELP ")) expect(typed.has(line.split("{")[0]!), line).toBe(true);
    }
  });

  it("escapes backslashes, quotes and line feeds in label values", () => {
    const hostile = { ...report, project: { ...report.project, name: 'a\\b"c\nd' } };
    expect(formatOpenMetrics(hostile)).toContain('mltest_score{project="a\\\\b\\"c\\nd",rubric="ml-test-score-2017"}');
  });
});
