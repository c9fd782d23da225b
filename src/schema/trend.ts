// The JSON that `mltest trend --format json` prints: the recorded runs it shows, newest last.
import * as z from "zod";
import { historyEntrySchema } from "./history.js";
import { once } from "./once.js";

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const trendReportSchema = z.strictObject({
    project: z.string(),
    total: z
      .number()
      .int()
      .min(0)
      .describe("How many recorded runs matched (on or after --since); entries holds the newest of them (--last n, default 20, or --all)."),
    entries: z.array(historyEntrySchema()).describe("The runs shown, oldest first, by date."),
  });
  return { trend: trendReportSchema };
});

export const trendReportSchema = () => built().trend;

export type TrendReport = z.output<ReturnType<typeof trendReportSchema>>;
