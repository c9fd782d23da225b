// Where a pull request's delta is shown besides the job summary: a check run on its head commit,
// and one comment, edited in place on every run. Both are extras: a token that may not write them
// (a fork's is read-only) is said once, as a notice, and never fails the step.
import { MARKER } from "./delta.js";
import { type Answer, type Api, call, findOwn, listComments } from "./github.js";
import type { CommentMode } from "./inputs.js";
import { notice, warning } from "./log.js";

/** GitHub takes at most 65,535 characters in a comment or a check run's summary. */
const MAX_BODY = 60_000;

function cut(text: string): string {
  if (text.length <= MAX_BODY) return text;
  const kept = text.slice(0, text.lastIndexOf("\n", MAX_BODY));
  return `${kept}\n\n… cut here: the job summary has the whole comparison.\n`;
}

export interface Publication {
  api: Api | { reason: string };
  /** The pull request's head commit, for the check run. */
  headSha: string;
  /** The pull request's number, for the comment; undefined when it is not known. */
  pr?: number;
  checkRun: boolean;
  comment: CommentMode;
  commentAuthor?: string;
  /** Anything worth a comment changed (for comment: on-change). */
  changed: boolean;
  /** The step's exit code: the check run's conclusion. */
  status: number;
  title: string;
  body: string;
}

/** What became of the comment: for the log, and for tests. */
export type CommentOutcome = "created" | "updated" | "unchanged, none posted" | "not asked for" | "not written";

export async function publish(p: Publication): Promise<CommentOutcome> {
  const wantsComment = p.comment === "always" || (p.comment === "on-change" && p.changed);
  if (!p.checkRun && p.comment === "never") return "not asked for";
  if ("reason" in p.api) {
    notice(`no check run or pull-request comment: ${p.api.reason}`);
    return "not written";
  }
  const api = p.api;
  const refused: string[] = [];
  // Said once however many calls fail the same way.
  const failed = (what: string, answer: Answer) => {
    if (answer.status === 403 || answer.status === 404) refused.push(what);
    else warning(`could not write ${what}: ${answer.error ?? `HTTP ${answer.status}`}`);
  };
  if (p.checkRun) {
    const answer = await call(api, "POST", "/check-runs", {
      name: "mltest",
      head_sha: p.headSha,
      status: "completed",
      conclusion: p.status === 0 ? "success" : "failure",
      output: { title: p.title, summary: cut(p.body) },
    });
    if (answer.status !== 201) failed("the check run", answer);
  }
  let outcome: CommentOutcome = p.comment === "never" ? "not asked for" : "not written";
  if (p.comment !== "never" && p.pr === undefined) notice("no pull request to comment on was found for this run");
  else if (p.comment !== "never" && p.pr !== undefined) {
    const comments = await listComments(api, p.pr);
    if (!Array.isArray(comments)) failed("the pull-request comment", comments);
    else {
      const own = findOwn(comments, MARKER, p.commentAuthor);
      const body = cut(`${MARKER}\n${p.body}`);
      // on-change with nothing changed posts nothing; a comment from an earlier run is still brought up to date.
      if (!wantsComment && !own) outcome = "unchanged, none posted";
      else if (own && own.body === body) outcome = "updated";
      else {
        const answer = own
          ? await call(api, "PATCH", `/issues/comments/${own.id}`, { body })
          : await call(api, "POST", `/issues/${p.pr}/comments`, { body });
        if (answer.status === 200 || answer.status === 201) outcome = own ? "updated" : "created";
        else failed("the pull-request comment", answer);
      }
    }
  }
  if (refused.length > 0) {
    notice(
      `the token may not write ${refused.join(" or ")} (HTTP 403 or 404). A pull request from a fork gets a read-only token: ` +
        "docs/pr-delta.md shows how a second workflow (workflow_run, mode: comment) publishes the delta.",
    );
  }
  return outcome;
}
