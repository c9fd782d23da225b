// The files `mltest fleet` reads besides reports: who owns which repository (--owners), which
// repositories are expected (--scope), and the campaigns a fleet is asked to meet (--campaigns).
// One strict zod schema each, types inferred from them.
import * as z from "zod";
import { once } from "./once.js";
import { record } from "./record.js";

/** Every schema of this file, built together on first use (see once.ts). */
const built = once(() => {
  const repository = z.string().trim().min(1, "must not be empty");
  const team = z.string().trim().min(1, "must not be empty");

  const owners = z.strictObject({
    owners: record(repository, team, "repository").describe(
      'Repository → team, e.g. "acme/fraud-scoring": payments. It wins over a report\'s own owner.',
    ),
  });

  const scope = z.strictObject({
    repositories: z.array(repository).min(1).describe("The repositories the fleet should hold; one missing is shown as no data."),
  });

  const thresholds = z
    .strictObject({
      minScore: z.number().finite().min(0).optional(),
      minSection: record(z.string(), z.number().finite().min(0), "section").optional(),
    })
    .refine((t) => t.minScore !== undefined || Object.keys(t.minSection ?? {}).length > 0, "a target needs minScore or minSection");

  const campaign = z.strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "ids are lower-case letters, digits and hyphens"),
    title: z.string().trim().min(1),
    target: thresholds.describe("What every repository must reach, as a gate would say it: { minSection: { monitor: 2 } }."),
    deadline: z.iso.date().describe("The last day; after it an unmet target is overdue."),
    exemptions: z
      .array(
        z.strictObject({
          repository,
          reason: z.string().trim().min(1, "an exemption needs its reason"),
          expires: z.iso.date().describe("The exemption ends after this day."),
        }),
      )
      .optional(),
  });

  const campaigns = z.strictObject({ campaigns: z.array(campaign).min(1) });
  return { owners, scope, campaigns };
});

export const ownersSchema = () => built().owners;
export const scopeSchema = () => built().scope;
export const campaignsSchema = () => built().campaigns;

export type Owners = z.output<ReturnType<typeof ownersSchema>>;
export type Scope = z.output<ReturnType<typeof scopeSchema>>;
export type Campaigns = z.output<ReturnType<typeof campaignsSchema>>;
export type Campaign = Campaigns["campaigns"][number];
