// The detect report: every rubric test, in rubric order, with what was found and what it suggests.
import type { LoadedRubric } from "../load/rubric.js";
import { TOOL } from "../report.js";
import { DETECT_SCHEMA_VERSION, type DetectReport } from "../schema/detect.js";
import type { Detection } from "./detect.js";
import { suggestions } from "./suggestions.js";

export function buildDetectReport(rubric: LoadedRubric, project: { name: string; dir: string }, detection: Detection): DetectReport {
  const suggested = suggestions(detection.signals);
  return {
    schemaVersion: DETECT_SCHEMA_VERSION,
    tool: TOOL,
    rubric: { id: rubric.rubric.id, version: rubric.rubric.version, sha256: rubric.sha256 },
    project,
    truncated: detection.truncated,
    ...(detection.limits.length > 0 && { limits: detection.limits }),
    tests: rubric.rubric.sections.flatMap((section) =>
      section.tests.map((test) => {
        const found = suggested.get(test.id);
        return {
          id: test.id,
          title: test.title,
          section: section.id,
          ...(found?.suggestion && {
            suggestion: { status: found.suggestion.status, evidence: found.suggestion.evidence.map((p) => ({ ...p })) },
          }),
          signals: (found?.signals ?? []).map((s) => ({
            what: s.what,
            status: s.status,
            file: s.file,
            line: s.line,
            pointer: { ...s.pointer },
            ...(s.via && { via: s.via }),
            ...(s.corroborates && { corroborates: true }),
          })),
          ...(test.humanEvidence !== undefined && { humanEvidence: test.humanEvidence }),
        };
      }),
    ),
  };
}
