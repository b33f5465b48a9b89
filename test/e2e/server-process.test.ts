import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { freePort } from "../helpers/free-port.js";
import { examplePayload } from "../helpers/payloads.js";
import { privateKey, WEBHOOK_SECRET } from "../helpers/test-probot.js";

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the real server process, started as the README says (npm start)", () => {
  let child: ChildProcess;
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  let dir: string;
  let url: string;
  let output = "";

  beforeAll(async () => {
    github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "POST" && req.path.includes("/reactions")) return { status: 201, body: { id: 1 } };
      if (req.method === "GET" && req.path.includes("/issues/1/comments")) return { status: 200, body: [] };
      if (req.method === "POST" && req.path.endsWith("/issues/1/comments")) return { status: 201, body: { id: 10 } };
      return undefined;
    });
    dir = await mkdtemp(join(tmpdir(), "concord-e2e-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: "123",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      CONCORD_DB: join(dir, "concord.db"),
      LOG_LEVEL: "warn",
    };
    child = spawn("npm", ["start"], { cwd: process.cwd(), env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 30_000).catch((error: unknown) => {
      throw new Error(`server did not come up: ${String(error)}\n${output}`);
    });
  }, 60_000);

  afterAll(async () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves /healthz with the store it uses", async () => {
    const health = await (await fetch(`${url}/healthz`)).json();

    expect(health).toMatchObject({ status: "ok", store: "sqlite" });
  });

  it("a signed real webhook over HTTP produces the expected GitHub API calls", async () => {
    const payload = examplePayload("issue_comment", "created");
    payload.comment.body = "/help";

    const response = await deliver(url, "issue_comment", payload, { id: "e2e-1" });
    const comment = await waitFor(() => github.requests.find((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments")), 15_000);
    await waitFor(() => github.requests.find((r) => r.body?.content === "rocket"), 5_000);

    expect(response.status).toBe(200);
    expect(comment.path).toBe("/api/v3/repos/Codertocat/Hello-World/issues/1/comments");
    expect(comment.body.body).toContain("/debt");
    const paths = github.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`);
    expect(paths).toEqual([
      "POST /api/v3/app/installations/2/access_tokens",
      "POST /api/v3/repos/Codertocat/Hello-World/issues/comments/492700400/reactions",
      "GET /api/v3/repos/Codertocat/Hello-World/contents/.github%2Fconcord.yml",
      "GET /api/v3/repos/Codertocat/Hello-World/issues/1/comments",
      "POST /api/v3/repos/Codertocat/Hello-World/issues/1/comments",
      "POST /api/v3/repos/Codertocat/Hello-World/issues/comments/492700400/reactions",
    ]);
  });

  it("answers a bad signature with 4xx and calls nothing", async () => {
    const before = github.requests.length;

    const response = await deliver(url, "issue_comment", examplePayload("issue_comment", "created"), { signature: "sha256=" + "0".repeat(64) });

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(github.requests.length).toBe(before);
  });
});
