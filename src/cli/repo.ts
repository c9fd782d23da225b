// detect and init: the evidence a repository already shows, written into mltest.yaml.

import { resolve } from "node:path";
import { DETECT_CI_SAFE_STYLE, DETECT_FORMATS, type DetectFormat } from "../format/detection.js";
import { plural } from "../format/text.js";
import { mergeEvidenceFile, renderEvidenceFile } from "../init/evidence-file.js";
import { evidenceSchemaRef } from "../init/schema-ref.js";
import { checkEvidence, findEvidence, parseEvidence } from "../load/evidence.js";
import { displayPath, readSource } from "../load/yaml.js";
import { detectProject } from "../project.js";
import { UsageError } from "../util/errors.js";
import { confinement, lexists } from "../util/paths.js";
import { checkWrite, writeFileAtomic } from "../util/write.js";
import { EXIT, print, useColor, writeBackup, writeRoots } from "./io.js";

export function runDetect(dir: string, flags: { rubric?: string; format: DetectFormat; color: boolean }): number {
  const { report } = detectProject(dir, flags);
  print(DETECT_FORMATS[flags.format](report, { color: useColor(flags.color) }), DETECT_CI_SAFE_STYLE[flags.format]);
  return EXIT.ok;
}

export function runInit(dir: string, flags: { rubric?: string; dryRun?: boolean; merge?: boolean; force?: boolean }): number | undefined {
  const { rubric, report, evidenceFile } = detectProject(dir, flags);
  const exists = lexists(evidenceFile);
  const roots = writeRoots(dir);
  const shown = displayPath(evidenceFile);
  if (flags.merge) {
    if (!exists) throw new UsageError(`--merge: there is no ${shown} yet; run "mltest init" without --merge`);
    // Read only where evidence may be read (never through a link out), and only a file that is
    // valid now is merged into: its problems are reported first.
    const found = findEvidence(dir, undefined, confinement(dir)).file;
    checkEvidence(parseEvidence(found, resolve(dir)), rubric.rubric);
    const merged = mergeEvidenceFile(readSource(found, "evidence file").text, rubric.rubric, report);
    if (flags.dryRun) return void print(merged.text);
    writeFileAtomic(evidenceFile, merged.text, { force: true, roots });
    print(
      `${shown}: added ${plural(merged.added.length, "test")}, filled ${plural(merged.upgraded.length, "placeholder")}, ` +
        `added ${plural(merged.pointers, "pointer")} to existing tests\n`,
    );
    return;
  }
  // Editors that read the yaml-language-server modeline then check and complete the file; the
  // target is inside the project or a published address, never this machine's install (schema-ref.ts).
  const schemaUrl = evidenceSchemaRef(dir);
  const text = renderEvidenceFile(rubric.rubric, report, {
    ...(flags.rubric ? { rubricRef: flags.rubric } : {}),
    ...(schemaUrl ? { schemaUrl } : {}),
  });
  if (flags.dryRun) return void print(text);
  if (exists && !flags.force) {
    throw new UsageError(`${shown} already exists; use --merge to add new detections to it, or --force to replace it (a backup is kept)`);
  }
  // The backup holds what was read, through the same checks as any evidence file: never what a link leads to.
  checkWrite(evidenceFile, { force: flags.force, roots });
  const backup = exists
    ? writeBackup(shown, readSource(findEvidence(dir, undefined, confinement(dir)).file, "evidence file").bytes, roots)
    : undefined;
  writeFileAtomic(evidenceFile, text, { force: flags.force, roots });
  const found = report.tests.filter((t) => t.suggestion);
  const automated = found.filter((t) => t.suggestion!.status === "automated").length;
  print(
    `${shown}: wrote ${report.tests.length} tests; evidence found for ${found.length} (${automated} automated, ${found.length - automated} manual)` +
      `${backup ? `; the old file is in ${displayPath(backup)}` : ""}. Next: review it, then run "mltest score".\n`,
  );
}
