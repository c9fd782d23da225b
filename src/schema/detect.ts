// The JSON that `mltest detect --format json` prints: a versioned contract like the score report.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";

export const DETECT_SCHEMA_VERSION = 1;

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const pointer = record(z.string(), z.union([z.string(), z.boolean()]), "pointer field");

  const detectReportSchema = z.strictObject({
    schemaVersion: z.literal(DETECT_SCHEMA_VERSION),
    tool: z.strictObject({ name: z.literal("mltest"), version: z.string() }),
    rubric: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    project: z.strictObject({ name: z.string(), dir: z.string() }),
    truncated: z
      .boolean()
      .describe(
        "Some files were not looked at, or not whole: the scan or the read budget stopped at its limit, or a file was too large to search (limits names them).",
      ),
    limits: z.array(z.string()).optional().describe("What was not looked at, and why; present only when something was not."),
    tests: z.array(
      z.strictObject({
        id: z.string(),
        title: z.string(),
        section: z.string(),
        suggestion: z.strictObject({ status: z.enum(["manual", "automated"]), evidence: z.array(pointer) }).optional(),
        signals: z.array(
          z.strictObject({
            what: z.string(),
            status: z.enum(["manual", "automated"]),
            file: z.string(),
            line: z.number().int().min(1),
            pointer,
            corroborates: z
              .literal(true)
              .optional()
              .describe("The signal only backs up others of the same test; alone it suggests nothing."),
            via: z
              .array(z.string())
              .optional()
              .describe('How the CI job reaches what was found, one link per task runner or script: "make check (Makefile:3)".'),
          }),
        ),
        humanEvidence: z.string().optional().describe("What a person should add when nothing is found."),
      }),
    ),
  });
  return { detect: detectReportSchema };
});

export const detectReportSchema = () => built().detect;

export type DetectReport = z.output<ReturnType<typeof detectReportSchema>>;
