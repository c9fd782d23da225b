// Workflow commands the action writes to the log itself: notices, warnings and folded groups.
// Their text can quote repository text (a path, a reason): encoded, a line feed in it cannot start
// a command of its own.
import { plainLines, workflowData } from "../format/escape.js";

const command = (name: string, text: string) => process.stdout.write(`::${name} title=mltest::${workflowData(plainLines(text))}\n`);

export const notice = (text: string) => command("notice", text);
export const warning = (text: string) => command("warning", text);

/** A line of the log, never a command. */
export function log(text: string): void {
  process.stdout.write(`${workflowData(plainLines(text)).replace(/^::/, ":\u200B:")}\n`);
}

export function group(name: string): void {
  process.stdout.write(`::group::${workflowData(plainLines(name))}\n`);
}

export function endGroup(): void {
  process.stdout.write("::endgroup::\n");
}
