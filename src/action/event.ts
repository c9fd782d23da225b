// The event that started the workflow, from the JSON file the runner names in GITHUB_EVENT_PATH.
// Only what the PR delta needs is read, and each value is checked before it reaches a git command
// line or an API path: commit ids are hex, numbers are numbers, names are owner/name.
import { readFileSync } from "node:fs";
import type { Env } from "./inputs.js";

/** A pull request, as a pull_request or pull_request_target event describes it. */
export interface PullRequest {
  number: number;
  baseSha: string;
  /** The branch the pull request merges into, when the event names it. */
  baseRef?: string;
  headSha: string;
  /** The head lives in another repository: the job's token is read-only (for pull_request). */
  fork: boolean;
}

/** A finished run of another workflow (the workflow_run event): the pull request it ran for. */
export interface WorkflowRun {
  headSha: string;
  /** The pull requests GitHub links to the run: none for a pull request from a fork. */
  numbers: number[];
  /** owner:branch of the head, to find a fork's pull request by. */
  head?: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const isSha = (v: unknown): v is string => typeof v === "string" && SHA.test(v);
export const isRepository = (v: unknown): v is string => typeof v === "string" && REPOSITORY.test(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v > 0;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

/** The event's payload, or {} when there is none to read. */
function payload(env: Env): Json {
  if (!env.GITHUB_EVENT_PATH) return {};
  try {
    return obj(JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")));
  } catch {
    return {};
  }
}

/** The pull request of a pull_request or pull_request_target event, when that is the event and it is well formed. */
export function pullRequestOf(env: Env): PullRequest | undefined {
  if (env.GITHUB_EVENT_NAME !== "pull_request" && env.GITHUB_EVENT_NAME !== "pull_request_target") return undefined;
  const pr = obj(payload(env).pull_request);
  const [base, head] = [obj(pr.base), obj(pr.head)];
  if (!isNumber(pr.number) || !isSha(base.sha) || !isSha(head.sha)) return undefined;
  const headRepo = obj(head.repo).full_name;
  return {
    number: pr.number,
    baseSha: base.sha,
    ...(typeof base.ref === "string" && base.ref !== "" && { baseRef: base.ref }),
    headSha: head.sha,
    fork: typeof headRepo === "string" && headRepo !== env.GITHUB_REPOSITORY,
  };
}

/** The workflow run of a workflow_run event. */
export function workflowRunOf(env: Env): WorkflowRun | undefined {
  if (env.GITHUB_EVENT_NAME !== "workflow_run") return undefined;
  const run = obj(payload(env).workflow_run);
  if (!isSha(run.head_sha)) return undefined;
  const linked = Array.isArray(run.pull_requests) ? run.pull_requests.map(obj) : [];
  // A pull request GitHub links to the run, whose head is the commit that ran.
  const numbers = linked.filter((p) => obj(p.head).sha === run.head_sha && isNumber(p.number)).map((p) => p.number as number);
  const owner = obj(obj(run.head_repository).owner).login;
  const branch = run.head_branch;
  const head = typeof owner === "string" && typeof branch === "string" && /^[\w.-]+$/.test(owner) ? `${owner}:${branch}` : undefined;
  return { headSha: run.head_sha, numbers, ...(head && { head }) };
}
