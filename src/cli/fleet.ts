// fleet: many repositories' reports on one page. mltest only reads files here; collecting the
// reports (CI artifacts, a results branch) is a recipe in docs/fleet.md, not network code.
import type * as z from "zod";
import { collect } from "../fleet/collect.js";
import { buildFleet } from "../fleet/fleet.js";
import type { CiSafeStyle } from "../format/escape.js";
import { FLEET_FORMATS, type FleetFormat } from "../format/fleet.js";
import { loadRubric, resolveRubric } from "../load/rubric.js";
import { byPosition, parseYaml, readSource } from "../load/yaml.js";
import { validate } from "../load/yaml-validate.js";
import { campaignsSchema, ownersSchema, scopeSchema } from "../schema/fleet.js";
import { InputError } from "../util/errors.js";
import { confinement } from "../util/paths.js";
import { EXIT, emit, today, useColor, warn } from "./io.js";

export interface FleetFlags {
  owners?: string;
  scope?: string;
  campaigns?: string;
  staleDays: number;
  rubric?: string;
  asOf?: string;
  format: FleetFormat;
  output?: string;
  failOn?: "overdue";
  color: boolean;
}

/** How each format's text is kept from being read as CI commands when it is printed. */
const STYLE: Record<FleetFormat, CiSafeStyle> = { table: "text", markdown: "text", json: "json", csv: "text", html: "xml" };

export function runFleet(inputs: string[], flags: FleetFlags): number {
  const asOf = flags.asOf ?? today();
  const options = {
    asOf,
    staleDays: flags.staleDays,
    ...(flags.rubric && { rubric: expectedRubric(flags.rubric) }),
    ...(flags.owners && { owners: readFile(flags.owners, "owners file", ownersSchema()) }),
    ...(flags.scope && { scope: readFile(flags.scope, "scope file", scopeSchema()) }),
    ...(flags.campaigns && { campaigns: readFile(flags.campaigns, "campaigns file", campaignsSchema()) }),
  };
  const fleet = buildFleet(collect(inputs), options);
  // CSV has rows only: skipped files are said on stderr, so that an export never loses one silently.
  if (flags.format === "csv") for (const s of fleet.skipped) warn(`skipped ${s.file}: ${s.reason}`);
  emit(FLEET_FORMATS[flags.format](fleet, { color: useColor(flags.color) }), flags.output, STYLE[flags.format], confinement());
  return flags.failOn === "overdue" && fleet.campaigns.some((c) => c.overdue) ? EXIT.gateFailed : EXIT.ok;
}

function expectedRubric(ref: string): { id: string; version: string; sha256: string } {
  const loaded = loadRubric(resolveRubric(ref, "."), { roots: confinement() });
  return { id: loaded.rubric.id, version: String(loaded.rubric.version), sha256: loaded.sha256 };
}

/** A YAML (or JSON) file checked against its schema; every problem located, exit 2. */
function readFile<S extends z.ZodType>(file: string, what: string, schema: S): z.output<S> {
  const doc = parseYaml(file, readSource(file, what).text);
  const { value, problems } = validate(doc, schema);
  if (value === undefined) throw new InputError(byPosition(problems));
  return value;
}
