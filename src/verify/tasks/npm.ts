// npm's tasks: package.json's scripts, given as text (undefined when unparsable).

import { isRecord } from "../../util/own.js";
import { type Doc, emptyTaskFile, own, setTask, type TaskFile } from "./task-file.js";

/**
 * package.json `scripts`: each a command line. npm runs `preNAME` before and `postNAME` after a
 * script, so those are its needs when they exist (pnpm and yarn 2+ do not, but needs only say
 * what may run). No defaults: `npm run` alone lists scripts. Undefined when the text is not a
 * JSON object.
 */
export function packageScripts(text: string): TaskFile | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text); // npm reads past a byte-order mark
  } catch {
    return undefined;
  }
  if (!isRecord(doc)) return undefined;
  const scripts = isRecord(own(doc, "scripts")) ? (own(doc, "scripts") as Doc) : {};
  const file = emptyTaskFile();
  for (const [name, value] of Object.entries(scripts)) {
    if (typeof value !== "string") continue;
    const needs = [`pre${name}`, `post${name}`].filter((hook) => typeof own(scripts, hook) === "string");
    setTask(file, name, { commands: value.trim() ? [value.trim()] : [], needs, line: 1 });
  }
  return file;
}
