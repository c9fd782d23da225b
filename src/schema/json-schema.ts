// JSON Schemas for editors and other tools, generated from the zod schemas that mltest itself
// checks files with, so the two can never disagree. Shipped in schemas/ and kept in sync by a test.
import * as z from "zod";
import { detectReportSchema } from "./detect.js";
import { evidenceSchema } from "./evidence.js";
import { reportSchema } from "./report.js";
import { rubricExtensionSchema, rubricSchema } from "./rubric.js";
import { trendReportSchema } from "./trend.js";

export const SCHEMA_NAMES = ["evidence", "rubric", "report", "detect", "trend"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SOURCES: Record<SchemaName, { schema: () => z.ZodType; io: "input" | "output"; title: string }> = {
  // Files people write are described as they are written (defaults still optional).
  evidence: { schema: evidenceSchema, io: "input", title: "mltest evidence file (mltest.yaml)" },
  rubric: { schema: () => z.union([rubricSchema(), rubricExtensionSchema()]), io: "input", title: "mltest rubric" },
  // Files mltest writes are described as they come out.
  report: { schema: reportSchema, io: "output", title: "mltest JSON report (score --format json)" },
  detect: { schema: detectReportSchema, io: "output", title: "mltest detect report (detect --format json)" },
  trend: { schema: trendReportSchema, io: "output", title: "mltest trend report (trend --format json)" },
};

export function jsonSchema(name: SchemaName): string {
  const { schema, io, title } = SOURCES[name];
  const generated = z.toJSONSchema(schema(), { io, unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return `${JSON.stringify({ $schema, $id: `${name}.schema.json`, title, ...rest }, null, 2)}\n`;
}
