import { createServer, type IncomingMessage, type Server } from "node:http";

export interface PullRequestGitHubOptions {
  /** Paths the PR modifies (listed without patches, as GitHub lists large diffs): read at head and at base. */
  files: readonly string[];
  headSha: string;
  baseSha: string;
  /** The text of `path` at `sha`; called once per request, so big texts need not be kept. */
  text(path: string, sha: string): string;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  status: string;
  conclusion?: string;
  output?: { title?: string; summary?: string };
}

export interface PullRequestGitHub {
  host: string;
  checkRuns: CheckRunRecord[];
  /** Requests answered 404 (anything this fake does not know), for failure messages. */
  unknown: string[];
  close(): Promise<void>;
}

const REPO = "/api/v3/repos/Codertocat/Hello-World";
const PER_PAGE = 100;

/**
 * GitHub on loopback (GHE-style /api/v3 paths) for one pull request, #2 of Codertocat/Hello-World,
 * with as many files as a test wants: the file list paginated 100 a page with Link headers as
 * GitHub does, each file's contents served base64-encoded from `text`, no `.github/concord.yml`,
 * and check runs kept as GitHub keeps them. For tests that run the real server in another process.
 */
export async function startPullRequestGitHub(options: PullRequestGitHubOptions): Promise<PullRequestGitHub> {
  const checkRuns: CheckRunRecord[] = [];
  const unknown: string[] = [];
  let origin = "";
  const respond = (method: string, url: URL, body: any): { status: number; body: unknown; headers?: Record<string, string> } => {
    const path = url.pathname;
    if (method === "POST" && path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
    if (method === "GET" && path === `${REPO}/pulls/2/files`) return filesPage(options.files, Number(url.searchParams.get("page") ?? "1"), `${origin}${path}`);
    if (method === "GET" && path === `${REPO}/pulls/2`) {
      return { status: 200, body: { number: 2, state: "open", head: { sha: options.headSha, ref: "changes" }, base: { sha: options.baseSha, ref: "master" }, user: { login: "Codertocat", type: "User" } } };
    }
    const content = path.startsWith(`${REPO}/contents/`) ? decodeURIComponent(path.slice(`${REPO}/contents/`.length)) : undefined;
    const sha = url.searchParams.get("ref");
    if (method === "GET" && content !== undefined && sha !== null && options.files.includes(content)) {
      return { status: 200, body: { type: "file", encoding: "base64", path: content, content: Buffer.from(options.text(content, sha)).toString("base64") } };
    }
    if (method === "GET" && path.includes("/check-runs")) return { status: 200, body: { total_count: checkRuns.length, check_runs: checkRuns.map(asGitHubRun(options.headSha)) } };
    if (method === "POST" && path === `${REPO}/check-runs`) {
      const run: CheckRunRecord = { id: checkRuns.length + 1, name: body.name, status: body.status, output: body.output };
      checkRuns.push(run);
      return { status: 201, body: asGitHubRun(options.headSha)(run) };
    }
    const patch = /\/check-runs\/(\d+)$/.exec(path);
    const run = patch ? checkRuns.find((candidate) => candidate.id === Number(patch[1])) : undefined;
    if (method === "PATCH" && run) {
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, output: body.output ?? run.output });
      return { status: 200, body: asGitHubRun(options.headSha)(run) };
    }
    unknown.push(`${method} ${url.pathname}${url.search}`);
    return { status: 404, body: { message: "Not Found" } };
  };
  const server: Server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const answer = respond(req.method ?? "GET", new URL(req.url ?? "/", "http://localhost"), body);
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    host: `127.0.0.1:${port}`,
    checkRuns,
    unknown,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function filesPage(files: readonly string[], page: number, base: string) {
  const last = Math.max(1, Math.ceil(files.length / PER_PAGE));
  const body = files.slice((page - 1) * PER_PAGE, page * PER_PAGE).map((filename) => ({ filename, status: "modified", additions: 1, deletions: 1, changes: 2 }));
  const link = page < last ? { link: `<${base}?per_page=${PER_PAGE}&page=${page + 1}>; rel="next", <${base}?per_page=${PER_PAGE}&page=${last}>; rel="last"` } : undefined;
  return { status: 200, body, ...(link ? { headers: link } : {}) };
}

function asGitHubRun(headSha: string) {
  return (run: CheckRunRecord) => ({ id: run.id, name: run.name, head_sha: headSha, status: run.status, conclusion: run.conclusion ?? null, external_id: `debt:${headSha}` });
}

async function readJson(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}
