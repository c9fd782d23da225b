// One line of .mltest/history.jsonl: a compact record of one scored run.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";
import { STATUSES } from "./rubric.js";

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const historyEntrySchema = z.strictObject({
    date: z.iso.date(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,64}$/)
      .optional(),
    branch: z.string().optional(),
    rubric: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string() }),
    sections: record(z.string(), z.number().min(0), "section"),
    final: z.number().min(0),
    max: z.number().min(0),
    band: z.string(),
    statuses: record(z.string(), z.enum(STATUSES), "test id"),
  });
  return { history: historyEntrySchema };
});

export const historyEntrySchema = () => built().history;

export type HistoryEntry = z.output<ReturnType<typeof historyEntrySchema>>;
