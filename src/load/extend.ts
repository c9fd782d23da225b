// Applies a rubric that `extends` another to its base. Pure: base and extension in, the merged
// rubric (still to be checked as a whole) and every problem with the extension out.

import type { Rubric, RubricExtension } from "../schema/rubric.js";
import type { Problem } from "../util/errors.js";
import { didYouMean } from "./suggest.js";
import type { YamlDoc } from "./yaml.js";

export function applyExtension(base: Rubric, ext: RubricExtension, locate: YamlDoc["locate"]): { merged: unknown; problems: Problem[] } {
  const problems: Problem[] = [];
  const sections = base.sections.map((s) => ({ ...s, tests: s.tests.map((t) => ({ ...t })) }));
  const testIds = () => sections.flatMap((s) => s.tests.map((t) => t.id));

  for (const [id, override] of Object.entries(ext.tests ?? {})) {
    const target = sections.flatMap((s) => s.tests).find((t) => t.id === id);
    if (!target) {
      problems.push(
        locate(["tests", id], `no test "${id}" in ${base.id} to override${didYouMean(id, testIds())}; add new tests under sections:`),
      );
      continue;
    }
    for (const [key, value] of Object.entries(definedOnly(override))) {
      // null removes the base's value (a JSON merge patch); the schema allows it where a field is optional.
      if (value === null) delete (target as Record<string, unknown>)[key];
      else (target as Record<string, unknown>)[key] = value;
    }
  }

  (ext.sections ?? []).forEach((patch, i) => {
    const existing = sections.find((s) => s.id === patch.id);
    const { tests: added = [], ...fields } = patch;
    for (const [j, t] of added.entries()) {
      if (testIds().includes(t.id))
        problems.push(locate(["sections", i, "tests", j, "id"], `test "${t.id}" already exists; change it under tests: instead`));
    }
    if (existing) {
      Object.assign(existing, definedOnly(fields));
      existing.tests.push(...added.map((t) => ({ ...t })));
    } else if (!patch.title || added.length === 0) {
      problems.push(
        locate(
          ["sections", i],
          `"${patch.id}" is a new section (${base.id} has ${base.sections.map((s) => s.id).join(", ")}); a new section needs a title and tests`,
        ),
      );
    } else {
      sections.push({
        id: patch.id,
        title: patch.title,
        weight: patch.weight ?? 1,
        tests: added,
        ...definedOnly({ summary: patch.summary, maxAgeDays: patch.maxAgeDays }),
      });
    }
  });

  const merged = {
    ...definedOnly({ citation: base.citation, url: base.url, description: base.description }),
    id: ext.id,
    title: ext.title,
    version: ext.version,
    ...definedOnly({ citation: ext.citation, url: ext.url, description: ext.description }),
    scoring: { ...base.scoring, ...definedOnly(ext.scoring ?? {}) },
    ...(base.maxAgeDays || ext.maxAgeDays ? { maxAgeDays: { ...base.maxAgeDays, ...definedOnly(ext.maxAgeDays ?? {}) } } : {}),
    ...(base.gates || ext.gates ? { gates: mergeGates(base.gates, ext.gates) } : {}),
    sections,
  };
  return { merged, problems };
}

/**
 * Where a problem with the merged rubric belongs in the extending file: a test's problem at its
 * override or at the section entry that added it, a section's at its entry, anything the
 * extension did not write at its `extends:` key.
 */
export function locateInExtension(merged: Rubric, ext: RubricExtension, locate: YamlDoc["locate"]): YamlDoc["locate"] {
  return (path, message) => {
    const [head, s, sub, t, ...rest] = path;
    if (head !== "sections" || typeof s !== "number")
      return ext[head as keyof RubricExtension] !== undefined ? locate(path, message) : locate(["extends"], message);
    const section = merged.sections[s];
    const patch = (ext.sections ?? []).findIndex((p) => p.id === section?.id);
    if (sub === "tests" && typeof t === "number") {
      const test = section?.tests[t];
      if (test && ext.tests?.[test.id]) return locate(["tests", test.id, ...rest], message);
      const added = patch < 0 ? -1 : (ext.sections![patch]!.tests ?? []).findIndex((x) => x.id === test?.id);
      if (added >= 0) return locate(["sections", patch, "tests", added, ...rest], message);
    } else if (patch >= 0) {
      return locate(["sections", patch, ...path.slice(2)], message);
    } else if (sub === undefined && section) {
      // A section-wide problem the extension caused by overriding its tests: point at the first one.
      const overridden = section.tests.find((x) => ext.tests?.[x.id]);
      if (overridden) return locate(["tests", overridden.id], message);
    }
    return locate(["extends"], message);
  };
}

/**
 * A gate the extension names takes its thresholds from the extension (minSection as a whole: a
 * rubric that rescales points rescales every floor) and keeps the base's description unless it
 * gives its own.
 */
function mergeGates(base: Rubric["gates"], ext: RubricExtension["gates"]): NonNullable<Rubric["gates"]> {
  const merged = { ...base };
  for (const [name, gate] of Object.entries(ext ?? {})) {
    const description = gate.description ?? base?.[name]?.description;
    merged[name] = { ...gate, ...(description !== undefined && { description }) };
  }
  return merged;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
