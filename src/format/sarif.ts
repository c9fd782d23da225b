// SARIF 2.1.0 for code scanning: one rule per rubric test (its guidance as help), one result per
// test short of automated with evidence that holds, located at the test's entry in mltest.yaml,
// and one per failed gate threshold. Levels: failed threshold "error", a test that counts as none
// "warning", anything else "note".
import type { Report } from "../schema/report.js";
import type { FormatContext } from "./index.js";
import { attention, evidencePath, num } from "./text.js";

const GATE_RULE = "gate";

export function formatSarif(report: Report, { rubric }: FormatContext): string {
  const tests = rubric.sections.flatMap((s) => s.tests.map((t) => ({ ...t, section: s })));
  const rules = [
    ...tests.map((t) => ({
      id: t.id,
      name: pascal(t.title),
      shortDescription: { text: t.title },
      fullDescription: { text: t.heading ? `${t.heading}. ${t.why}` : t.why },
      help: { text: t.how, markdown: t.how },
      ...(t.helpUri ? { helpUri: t.helpUri } : {}),
      properties: { section: t.section.id, weight: t.weight, tags: ["ml-test-score", t.section.id] },
    })),
    {
      id: GATE_RULE,
      name: "GateThreshold",
      shortDescription: { text: "A gate threshold of the ML Test Score failed" },
      fullDescription: { text: "The final score or a section score is below the minimum that the gate requires." },
      help: { text: "Raise the score with the next steps in the report, or review the threshold in mltest.yaml." },
      properties: { tags: ["ml-test-score", "gate"] },
    },
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uri = evidencePath(report.project).split("/").map(encodeURIComponent).join("/");
  const location = (line: number) => [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: line } } }];
  const next = new Map(report.nextSteps.map((s) => [s.test, s]));

  const results = [
    ...report.gate.checks
      .filter((c) => !c.passed)
      .map((c) => ({
        ruleId: GATE_RULE,
        ruleIndex: ruleIndex.get(GATE_RULE)!,
        level: "error",
        message: { text: c.message },
        locations: location(1),
        partialFingerprints: { "mltestGate/v1": `${report.project.name}/${c.target}` },
      })),
    ...report.sections.flatMap((section) =>
      section.tests.flatMap((t) => {
        const note = attention(t, next.get(t.id));
        if (!note) return [];
        return [
          {
            ruleId: t.id,
            ruleIndex: ruleIndex.get(t.id)!,
            level: note.severity,
            message: { text: `${t.id} ${t.title}: ${num(t.points)} of ${num(rubric.scoring.points.automated)} points, ${note.message}` },
            locations: location(t.line ?? 1),
            partialFingerprints: { "mltestTest/v1": `${report.project.name}/${t.id}/${t.status}` },
          },
        ];
      }),
    ),
  ];

  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "mltest", version: report.tool.version, semanticVersion: report.tool.version, rules } },
        automationDetails: { id: `mltest/${report.project.name.replace(/[^A-Za-z0-9._-]+/g, "-")}/` },
        results,
        properties: {
          rubric: report.rubric,
          asOf: report.asOf,
          finalScore: report.final.score,
          band: report.final.band.label,
          sections: Object.fromEntries(report.sections.map((s) => [s.id, s.score])),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** "Training is reproducible" → "TrainingIsReproducible", SARIF's convention for rule names. */
function pascal(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}
