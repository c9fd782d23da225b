// The checks a rubric's schema cannot express: ids unique and related ids known, patterns that
// run in linear time and globs that stay inside the project, gates that name real sections, points
// and bands that rise and cover the highest score.
import picomatch from "picomatch";
import type { Rubric } from "../schema/rubric.js";
import { maxFinal } from "../score/score.js";
import type { Problem } from "../util/errors.js";
import { safeGlob, safeRegex } from "../util/patterns.js";
import { didYouMean } from "./suggest.js";
import type { YamlDoc } from "./yaml.js";

/** Cross-checks that a schema cannot express. */
export function checkRubric(rubric: Rubric, locate: YamlDoc["locate"], trustedGlobs: (glob: string) => boolean): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const claim = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) problems.push(locate(path, `duplicate id "${id}"; ids must be unique across sections and tests`));
    seen.add(id);
  };
  rubric.sections.forEach((section, s) => {
    claim(section.id, ["sections", s, "id"]);
    for (const [t, test] of section.tests.entries()) claim(test.id, ["sections", s, "tests", t, "id"]);
  });
  const testIds = new Set(rubric.sections.flatMap((s) => s.tests.map((t) => t.id)));
  for (const [s, section] of rubric.sections.entries()) {
    for (const [t, test] of section.tests.entries()) {
      for (const [r, rel] of (test.related ?? []).entries()) {
        if (!testIds.has(rel)) problems.push(locate(["sections", s, "tests", t, "related", r], `unknown test id "${rel}"`));
        if (rel === test.id) problems.push(locate(["sections", s, "tests", t, "related", r], "a test cannot relate to itself"));
      }
    }
  }

  for (const [s, section] of rubric.sections.entries()) {
    for (const [t, test] of section.tests.entries()) {
      for (const [d, detector] of (test.detect ?? []).entries()) {
        const at = (key: string) => ["sections", s, "tests", t, "detect", d, key];
        for (const key of ["contains", "ci"] as const) {
          const pattern = detector[key];
          if (pattern === undefined) continue;
          const safe = safeRegex(pattern);
          if (!safe.ok) problems.push(locate(at(key), safe.reason));
        }
        for (const [g, glob] of (detector.files ?? []).entries()) {
          const where = ["sections", s, "tests", t, "detect", d, "files", g];
          if (glob.startsWith("/") || glob.split("/").includes("..")) {
            problems.push(locate(where, "globs are relative to the project root and stay inside it"));
          } else if (!picomatch.scan(glob).isGlob && glob.includes("\\")) {
            problems.push(locate(where, "use forward slashes in globs"));
          }
          try {
            // picomatch answers an invalid range with a pattern that never matches, not an error.
            if (picomatch.makeRe(glob).source === "$^") problems.push(locate(where, "not a valid glob: it can never match"));
            else if (!trustedGlobs(glob)) {
              const safe = safeGlob(glob);
              if (!safe.ok) problems.push(locate(where, safe.reason));
            }
          } catch (err) {
            problems.push(locate(where, `not a valid glob: ${(err as Error).message}`));
          }
        }
      }
    }
  }

  rubric.sections.forEach((section, s) => {
    if (section.tests.every((t) => t.disabled !== undefined)) {
      problems.push(locate(["sections", s], `every test of section "${section.id}" is disabled; remove the section instead`));
    }
  });
  // Unknown sections are a mistake in the rubric; a preset this rubric cannot reach (one inherited
  // by a rubric with smaller sections, say) is refused only when a project chooses it.
  for (const [name, preset] of Object.entries(rubric.gates ?? {})) {
    for (const id of Object.keys(preset.minSection ?? {})) {
      const ids = rubric.sections.map((x) => x.id);
      if (!ids.includes(id)) problems.push(locate(["gates", name, "minSection", id], `unknown section "${id}"${didYouMean(id, ids)}`));
    }
  }

  const { points, bands } = rubric.scoring;
  if (!(points.none <= points.manual && points.manual <= points.automated)) {
    problems.push(locate(["scoring", "points"], "points must not decrease from none to manual to automated"));
  }
  bands.forEach((band, b) => {
    const previous = bands[b - 1];
    if (previous && band.max <= previous.max) {
      problems.push(locate(["scoring", "bands", b, "max"], `bands must be in ascending order of max; ${band.max} follows ${previous.max}`));
    }
  });
  const top = maxFinal(rubric);
  const last = bands[bands.length - 1];
  if (last && last.max < top) {
    problems.push(
      locate(
        ["scoring", "bands", bands.length - 1, "max"],
        `the bands stop at ${last.max} but the final score can reach ${top}; the last band must cover it`,
      ),
    );
  }
  return problems;
}
