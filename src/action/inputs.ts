// The action's inputs, read once from the INPUT_* variables the runner sets, checked, and named.
// A bad input is a UsageError: the action says it and stops with exit 2 before doing anything.
import { parseDate } from "../cli/io.js";
import { UsageError } from "../util/errors.js";

export type Env = Record<string, string | undefined>;

/** An input as the runner passes it: INPUT_ and the name in capitals, hyphens kept. */
export function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** A boolean input, read as the YAML 1.2 core schema reads one, as actions/core's getBooleanInput does. */
export function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = input(env, name);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UsageError(`input "${name}" must be true or false, not "${value}"`);
}

/** One of a few words; "" is the first. */
function choice<T extends string>(env: Env, name: string, choices: readonly T[]): T {
  const value = input(env, name) || choices[0]!;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`input "${name}" must be one of ${choices.join(", ")}, not "${value}"`);
  }
  return value as T;
}

/** Whitespace-separated words of an input (paths, section floors, reports). */
export const words = (value: string) => value.split(/\s+/).filter(Boolean);

export type CommentMode = "never" | "on-change" | "always";

export interface ActionInputs {
  /** score: score the workspace (and, on a pull request, its base); comment: publish two reports made elsewhere. */
  mode: "score" | "comment";
  /** Project folders, relative to the workspace. */
  paths: string[];
  recursive: boolean;
  summary: boolean;
  /** The date both sides are scored as of; undefined: today, computed once. */
  asOf?: string;
  /** PR delta on pull-request events. */
  prDelta: boolean;
  failOn: "gate" | "regression";
  comment: CommentMode;
  /** The login of the comment to edit; undefined: github-actions[bot]. */
  commentAuthor?: string;
  checkRun: boolean;
  token: string;
  baseReport: string;
  headReport: string;
}

/** Every input the action reads beyond those that become the score command line (commandLine in src/cli/action.ts). */
export function readInputs(env: Env): ActionInputs {
  const mode = choice(env, "mode", ["score", "comment"] as const);
  const asOf = input(env, "as-of");
  // "" is "never" when the action scores, and "on-change" when it is there to comment.
  const comment =
    input(env, "comment") === "" && mode === "comment" ? "on-change" : choice(env, "comment", ["never", "on-change", "always"]);
  const inputs: ActionInputs = {
    mode,
    paths: words(input(env, "path")).length > 0 ? words(input(env, "path")) : ["."],
    recursive: flag(env, "recursive", false),
    summary: flag(env, "summary", true),
    ...(asOf && { asOf: parseDate(asOf, 'input "as-of"') }),
    prDelta: flag(env, "pr-delta", true),
    failOn: choice(env, "fail-on", ["gate", "regression"] as const),
    comment,
    ...(input(env, "comment-author") && { commentAuthor: input(env, "comment-author") }),
    checkRun: flag(env, "check-run", true),
    token: input(env, "token"),
    baseReport: input(env, "base-report"),
    headReport: input(env, "head-report"),
  };
  if (mode === "comment" && !inputs.headReport) {
    throw new UsageError('mode: comment publishes reports made elsewhere: give at least "head-report" (and "base-report")');
  }
  return inputs;
}
