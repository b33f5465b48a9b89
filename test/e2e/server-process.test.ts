import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord, type InstalledConcord } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

describe("the real server process, started as the README says (npm start)", () => {
  let concord: InstalledConcord;
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "POST" && req.path.includes("/reactions")) return { status: 201, body: { id: 1 } };
      if (req.method === "GET" && req.path.includes("/issues/1/comments")) {
        // The comments Concord wrote so far, as GitHub would list them.
        const written = github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments"));
        return { status: 200, body: written.map((r, i) => ({ id: 10 + i, body: r.body.body, user: { login: "concord[bot]", type: "Bot" } })) };
      }
      if (req.method === "POST" && req.path.endsWith("/issues/1/comments")) return { status: 201, body: { id: 10 } };
      return undefined;
    });
    dir = await mkdtemp(join(tmpdir(), "concord-e2e-"));
    concord = await startInstalledConcord({ githubHost: github.host, dir });
    url = concord.url;
  }, 60_000);

  afterAll(async () => {
    await concord.stop();
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

  it("an issue labeled as an incident gets one escalation comment on its thread, and a redelivery adds none", async () => {
    const labeled = examplePayload("issues", "labeled");
    labeled.label = { name: "incident" };
    const comments = () => github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments") && r.body.body.includes("concord:escalation"));

    expect((await deliver(url, "issues", labeled, { id: "e2e-incident" })).status).toBe(200);
    await waitFor(() => (comments().length > 0 ? true : undefined), 15_000);
    await deliver(url, "issues", labeled, { id: "e2e-incident" });
    // The same incident labeled again is a new delivery: the comment is found by its marker and left as it is.
    await deliver(url, "issues", labeled, { id: "e2e-incident-again" });
    const listed = () => github.requests.filter((r) => r.method === "GET" && r.path.includes("/issues/1/comments")).length;
    const before = listed();
    await waitFor(() => (listed() > before ? true : undefined), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(comments()).toHaveLength(1);
    expect(comments()[0]!.body.body).toContain("### Needs a decision from a maintainer");
    expect(github.requests.filter((r) => r.method === "PATCH" && r.path.includes("/issues/comments/"))).toEqual([]);
  });

  it("answers a bad signature with 4xx and calls nothing", async () => {
    const before = github.requests.length;

    const response = await deliver(url, "issue_comment", examplePayload("issue_comment", "created"), { signature: "sha256=" + "0".repeat(64) });

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(github.requests.length).toBe(before);
  });
});
