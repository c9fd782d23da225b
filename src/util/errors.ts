// The two kinds of error a user can fix. Both end in exit code 2 without a stack trace;
// anything else is a bug in mltest and is reported as one.

export interface Problem {
  /** File as shown to the user (relative to the working directory when inside it). */
  file: string;
  line?: number;
  col?: number;
  /** Dotted path to the key, e.g. tests.data-1.status. */
  path?: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const at = p.line ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  // Messages quote input; its control characters (line feeds too) are shown, never sent to the terminal.
  const shown = `${at}${p.path ? ` ${p.path}` : ""}: ${p.message}`;
  return shown.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Bad input in a file: every problem found, each located where possible. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }
}

/** A command line that cannot be carried out as written. */
export class UsageError extends Error {
  override name = "UsageError";
}
