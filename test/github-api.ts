// A stand-in for the GitHub REST API, on 127.0.0.1, for the action's pull-request tests: it records
// every request and answers the few the action makes as GitHub does (check runs, issue comments
// listed page by page, created and edited, open pull requests by head). A read-only token (a
// fork's) gets GitHub's 403 on every write.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  /** Path and query, as sent. */
  path: string;
  token: string;
  body?: any;
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: "Bot" | "User" };
}

export interface FakePull {
  number: number;
  head: { sha: string; label: string };
}

export interface FakeGitHub {
  url: string;
  requests: Recorded[];
  comments: FakeComment[];
  /** Requests that write (anything but GET). */
  writes(): Recorded[];
  close(): Promise<void>;
}

export const BOT = { login: "github-actions[bot]", type: "Bot" } as const;

export async function fakeGitHub({
  repository,
  pr,
  comments = [],
  pulls = [],
  readOnlyTokens = [],
}: {
  repository: string;
  pr: number;
  comments?: FakeComment[];
  pulls?: FakePull[];
  readOnlyTokens?: string[];
}): Promise<FakeGitHub> {
  const requests: Recorded[] = [];
  const store = [...comments];
  let nextId = 9000;
  const prefix = `/repos/${repository}`;

  const answer = (res: ServerResponse, status: number, data: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(data));
  };
  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const token = /^Bearer (.*)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: req.method ?? "", path: `${url.pathname}${url.search}`, token, ...(body !== undefined && { body }) });
    if (!url.pathname.startsWith(prefix)) return answer(res, 404, { message: "Not Found" });
    const path = url.pathname.slice(prefix.length);
    if (req.method !== "GET" && readOnlyTokens.includes(token))
      return answer(res, 403, { message: "Resource not accessible by integration" });
    if (req.method === "POST" && path === "/check-runs") return answer(res, 201, { id: 1, ...body });
    if (path === `/issues/${pr}/comments` && req.method === "GET") {
      const [perPage, page] = [Number(url.searchParams.get("per_page") ?? 30), Number(url.searchParams.get("page") ?? 1)];
      return answer(res, 200, store.slice((page - 1) * perPage, page * perPage));
    }
    if (path === `/issues/${pr}/comments` && req.method === "POST") {
      const comment = { id: nextId++, body: body.body, user: BOT };
      store.push(comment);
      return answer(res, 201, comment);
    }
    const edit = /^\/issues\/comments\/(\d+)$/.exec(path);
    if (edit && req.method === "PATCH") {
      const comment = store.find((c) => c.id === Number(edit[1]));
      if (!comment) return answer(res, 404, { message: "Not Found" });
      comment.body = body.body;
      return answer(res, 200, comment);
    }
    if (path === "/pulls" && req.method === "GET") {
      return answer(
        res,
        200,
        pulls.filter((p) => p.head.label === url.searchParams.get("head")),
      );
    }
    return answer(res, 404, { message: "Not Found" });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments: store,
    writes: () => requests.filter((r) => r.method !== "GET"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
