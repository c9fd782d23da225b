// The few GitHub REST calls the action makes, with the job's token and Node's own fetch: a check
// run, and one pull-request comment found by its marker and author. The API is at GITHUB_API_URL
// (GitHub Enterprise Server has its own). Nothing here throws: a call that fails says how.
import { isRepository, type WorkflowRun } from "./event.js";
import type { Env } from "./inputs.js";

export interface Api {
  url: string;
  token: string;
  /** owner/name of the repository the workflow runs in. */
  repository: string;
}

export interface Answer {
  /** The HTTP status; 0 when no answer came (network, timeout). */
  status: number;
  data: unknown;
  error?: string;
}

/** The API the job's token reaches, or why there is none. */
export function apiOf(env: Env, token: string): Api | { reason: string } {
  if (!token) return { reason: "no token was given" };
  if (!isRepository(env.GITHUB_REPOSITORY)) return { reason: "GITHUB_REPOSITORY is not set" };
  return { url: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""), token, repository: env.GITHUB_REPOSITORY };
}

export async function call(api: Api, method: string, path: string, body?: unknown): Promise<Answer> {
  try {
    const response = await fetch(`${api.url}/repos/${api.repository}${path}`, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${api.token}`,
        "user-agent": "mltest-action",
        "x-github-api-version": "2022-11-28",
        ...(body !== undefined && { "content-type": "application/json" }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    return { status: response.status, data };
  } catch (err) {
    return { status: 0, data: undefined, error: (err as Error).message };
  }
}

/** A pull request comment's body, its author and its id, as the API lists them. */
interface Comment {
  id: number;
  body: string;
  login: string;
  type: string;
}

/** At most this many pages of 100 comments are read to find ours. */
const MAX_PAGES = 20;

/** The pull request's comments, oldest first, page by page (bounded), or the failed answer. */
export async function listComments(api: Api, pr: number): Promise<Comment[] | Answer> {
  const comments: Comment[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await call(api, "GET", `/issues/${pr}/comments?per_page=100&page=${page}`);
    if (answer.status !== 200 || !Array.isArray(answer.data)) return answer;
    for (const c of answer.data as { id?: unknown; body?: unknown; user?: { login?: unknown; type?: unknown } }[]) {
      if (typeof c.id !== "number") continue;
      const [login, type] = [c.user?.login, c.user?.type];
      comments.push({ id: c.id, body: String(c.body ?? ""), login: String(login ?? ""), type: String(type ?? "") });
    }
    if (answer.data.length < 100) break;
  }
  return comments;
}

/** Ours: it holds the marker, and its author is the one we write as (github-actions[bot] unless told). */
export function findOwn(comments: Comment[], marker: string, author: string | undefined): Comment | undefined {
  const mine = (c: Comment) => (author === undefined ? c.type === "Bot" && c.login === "github-actions[bot]" : c.login === author);
  return comments.find((c) => c.body.includes(marker) && mine(c));
}

/**
 * The pull request a workflow_run ran for, at the commit that ran: the one GitHub links to the
 * run, else (a fork's, which GitHub does not link) the open one whose head is owner:branch and
 * that commit. Never a number from an artifact, which the pull request's own code could write.
 */
export async function pullOfRun(api: Api, run: WorkflowRun): Promise<number | undefined> {
  if (run.numbers[0] !== undefined) return run.numbers[0];
  if (!run.head) return undefined;
  const answer = await call(api, "GET", `/pulls?state=open&per_page=100&head=${encodeURIComponent(run.head)}`);
  if (answer.status !== 200 || !Array.isArray(answer.data)) return undefined;
  const pulls = answer.data as { number?: unknown; head?: { sha?: unknown } }[];
  const pull = pulls.find((p) => p.head?.sha === run.headSha && typeof p.number === "number");
  return pull?.number as number | undefined;
}
