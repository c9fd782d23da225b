// An evidence file's claims checked against the rubric it is scored with: a waiver says why, no
// section is waived whole, and the gate asks for what the rubric can reach.
import type { Evidence } from "../schema/evidence.js";
import type { Rubric } from "../schema/rubric.js";
import { maxFinal, sectionMax } from "../score/score.js";
import type { Problem } from "../util/errors.js";
import { own } from "../util/own.js";
import { didYouMean } from "./suggest.js";
import type { YamlDoc } from "./yaml.js";

export function checkClaims(evidence: Evidence, rubric: Rubric, doc: YamlDoc): Problem[] {
  const problems: Problem[] = [];
  const sectionIds = rubric.sections.map((s) => s.id);
  for (const [id, test] of Object.entries(evidence.tests)) {
    if (test.status === "not-applicable" && !test.reason) {
      problems.push(doc.locate(["tests", id, "status"], 'not-applicable needs a "reason" saying why the test does not apply'));
    }
    for (const key of ["approvedBy", "approved", "expires"] as const) {
      if (test.status !== "not-applicable" && test[key] !== undefined) {
        problems.push(doc.locate(["tests", id, key], `"${key}" belongs to a not-applicable waiver; this test's status is ${test.status}`));
      }
    }
  }
  for (const section of rubric.sections) {
    if (section.tests.every((t) => t.disabled !== undefined || own(evidence.tests, t.id)?.status === "not-applicable")) {
      problems.push(
        doc.locate(
          ["tests"],
          `every test of section "${section.id}" is not-applicable; a section needs at least one applicable test to be scored`,
        ),
      );
    }
  }
  const gate = evidence.gate;
  const preset = gate?.preset === undefined ? undefined : own(rubric.gates, gate.preset);
  const unreachable = [
    ...(preset?.minScore !== undefined && preset.minScore > maxFinal(rubric)
      ? [`a final score of ${preset.minScore}; the maximum is ${maxFinal(rubric)}`]
      : []),
    ...Object.entries(preset?.minSection ?? {}).flatMap(([id, floor]) => {
      const section = rubric.sections.find((s) => s.id === id);
      return section && floor > sectionMax(rubric, section)
        ? [`${floor} in section "${id}", which scores at most ${sectionMax(rubric, section)}`]
        : [];
    }),
  ];
  if (unreachable.length > 0) {
    problems.push(
      doc.locate(
        ["gate", "preset"],
        `the preset "${gate!.preset}" of ${rubric.id} asks for ${unreachable.join(" and ")}: it can never pass`,
      ),
    );
  }
  if (gate?.preset !== undefined && !preset) {
    const names = Object.keys(rubric.gates ?? {});
    problems.push(
      doc.locate(
        ["gate", "preset"],
        names.length > 0
          ? `unknown gate preset "${gate.preset}"; ${rubric.id} has ${names.join(", ")}${didYouMean(gate.preset, names)}`
          : `rubric ${rubric.id} defines no gate presets`,
      ),
    );
  }
  if (gate?.minScore !== undefined && gate.minScore > maxFinal(rubric)) {
    problems.push(
      doc.locate(["gate", "minScore"], `${gate.minScore} can never be reached; the final score's maximum is ${maxFinal(rubric)}`),
    );
  }
  for (const [id, floor] of Object.entries(gate?.minSection ?? {})) {
    const section = rubric.sections.find((s) => s.id === id);
    if (!section) {
      problems.push(
        doc.locate(["gate", "minSection", id], `unknown section "${id}"; sections: ${sectionIds.join(", ")}${didYouMean(id, sectionIds)}`),
      );
    } else if (floor > sectionMax(rubric, section)) {
      problems.push(
        doc.locate(
          ["gate", "minSection", id],
          `${floor} can never be reached; section "${id}" scores at most ${sectionMax(rubric, section)}`,
        ),
      );
    }
  }
  return problems;
}
