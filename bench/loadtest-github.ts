import { createServer, type Server } from "node:http";
import { addedPatch } from "../test/helpers/github-files.js";
import { readJson } from "../test/helpers/fake-github.js";
import { headShaOf } from "./loadtest-deliveries.js";

/** What the load test counts at GitHub: every side effect Concord had, by what it is about. */
export interface SideEffects {
  /** Comments created, by their hidden marker (`<!-- concord:… -->`): one per command line or escalation. */
  commentsByMarker: Map<string, number>;
  /** Check runs created, by name and head SHA. */
  checkRunsByHead: Map<string, number>;
  /** Reactions, by comment and content. */
  reactions: Map<string, number>;
  /** Requests this stand-in does not know, answered 404. */
  unknown: string[];
  requests: number;
}

export interface LoadTestGitHub {
  host: string;
  effects: SideEffects;
  close(): Promise<void>;
}

interface StoredComment {
  id: number;
  body: string;
}

const SMALL_FILE = `export function total(items) {\n  let sum = 0;\n  for (const item of items) {\n    if (item.price > 0 && item.quantity > 0) sum += item.price * item.quantity;\n  }\n  return sum;\n}\n`;

/**
 * GitHub's REST API on loopback (GHE-style /api/v3 paths) for the load test, kept as GitHub keeps
 * it: comments listed as they were created (by the app, so markers find them again), check runs
 * found by head SHA and name, a one-file change behind every pull request, and no
 * `.github/concord.yml`. It answers at once and counts what was created, so a second comment for one
 * command or a second check run for one head shows up as a duplicate.
 */
export async function startLoadTestGitHub(): Promise<LoadTestGitHub> {
  const effects: SideEffects = { commentsByMarker: new Map(), checkRunsByHead: new Map(), reactions: new Map(), unknown: [], requests: 0 };
  const comments = new Map<string, StoredComment[]>();
  const checkRuns: { id: number; name: string; head_sha: string; status: string; conclusion: string | null }[] = [];
  let nextId = 1_000_000;
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

  const respond = (method: string, url: URL, body: any): { status: number; body?: unknown } => {
    const path = url.pathname.replace(/^\/api\/v3/, "");
    if (method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
    // The app's own delivery log, which Concord reads for deliveries that never reached it: none here.
    if (method === "GET" && path === "/app/hook/deliveries") return { status: 200, body: [] };
    const repo = /^\/repos\/([^/]+\/[^/]+)(\/.*)$/.exec(path);
    if (!repo) return unknown();
    const [, fullName, rest] = repo as unknown as [string, string, string];
    if (method === "GET" && rest === "/contents/.github%2Fconcord.yml") return { status: 404, body: { message: "Not Found" } };
    const thread = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (thread) {
      const key = `${fullName}#${thread[1]}`;
      const list = comments.get(key) ?? [];
      if (method === "GET") return { status: 200, body: list.map((comment) => ({ ...comment, user: { login: "concord[bot]", type: "Bot" } })) };
      if (method === "POST") {
        const comment = { id: nextId++, body: String(body?.body ?? "") };
        comments.set(key, [...list, comment]);
        for (const marker of comment.body.match(/<!-- concord:[^\s>]+ -->/g) ?? []) count(effects.commentsByMarker, `${key} ${marker}`);
        return { status: 201, body: comment };
      }
    }
    if (method === "PATCH" && /^\/issues\/comments\/\d+$/.test(rest)) return { status: 200, body: {} };
    const reaction = /^\/issues\/comments\/(\d+)\/reactions$/.exec(rest);
    if (method === "POST" && reaction) {
      count(effects.reactions, `${fullName} ${reaction[1]} ${String(body?.content)}`);
      return { status: 201, body: { id: nextId++, content: body?.content } };
    }
    if (method === "GET" && /^\/collaborators\/[^/]+\/permission$/.test(rest)) return { status: 200, body: { permission: "write", role_name: "write" } };
    const pull = /^\/pulls\/(\d+)(\/files)?$/.exec(rest);
    if (method === "GET" && pull?.[2]) return { status: 200, body: [{ filename: "src/total.js", status: "added", patch: addedPatch(SMALL_FILE) }] };
    if (method === "GET" && pull) {
      const number = Number(pull[1]);
      const base = { sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", ref: "master" };
      return { status: 200, body: { number, state: "open", head: { sha: headShaOf(number), ref: `change-${number}` }, base, user: { login: "Codertocat", type: "User" } } };
    }
    if (method === "GET" && rest.startsWith("/contents/src%2Ftotal.js")) {
      return { status: 200, body: { type: "file", encoding: "base64", content: Buffer.from(SMALL_FILE).toString("base64") } };
    }
    const forRef = /^\/commits\/([0-9a-f]+)\/check-runs$/.exec(rest);
    if (method === "GET" && forRef) {
      const runs = checkRuns.filter((run) => run.head_sha === forRef[1] && (!url.searchParams.get("check_name") || run.name === url.searchParams.get("check_name")));
      return { status: 200, body: { total_count: runs.length, check_runs: runs } };
    }
    if (method === "POST" && rest === "/check-runs") {
      const run = { id: nextId++, name: String(body?.name), head_sha: String(body?.head_sha), status: String(body?.status ?? "queued"), conclusion: null };
      checkRuns.push(run);
      count(effects.checkRunsByHead, `${fullName} ${run.name} ${run.head_sha}`);
      return { status: 201, body: run };
    }
    const update = /^\/check-runs\/(\d+)$/.exec(rest);
    const run = update ? checkRuns.find((candidate) => candidate.id === Number(update[1])) : undefined;
    if (method === "PATCH" && run) {
      Object.assign(run, { status: body?.status ?? run.status, conclusion: body?.conclusion ?? run.conclusion });
      return { status: 200, body: run };
    }
    return unknown();

    function unknown() {
      effects.unknown.push(`${method} ${url.pathname}`);
      return { status: 404, body: { message: "Not Found" } };
    }
  };

  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      effects.requests++;
      const answer = respond(req.method ?? "GET", new URL(req.url ?? "/", "http://localhost"), body);
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    effects,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
