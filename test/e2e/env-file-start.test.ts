import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { updateEnvFile } from "../../src/setup/update-env-file.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { startFakeSmee } from "../helpers/fake-smee.js";
import { freePort } from "../helpers/free-port.js";
import { examplePayload } from "../helpers/payloads.js";
import { spawnConcord } from "../helpers/spawn-concord.js";
import { privateKey, WEBHOOK_SECRET } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

const cleanup: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it("after setup, the restart reads the env file (the real environment wins) and receives webhooks through the smee channel", async () => {
  const github = await startFakeGitHub((req) => {
    if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
    if (req.method === "POST" && req.path.includes("/reactions")) return { status: 201, body: { id: 1 } };
    if (req.method === "GET" && req.path.includes("/issues/1/comments")) return { status: 200, body: [] };
    if (req.method === "POST" && req.path.endsWith("/issues/1/comments")) return { status: 201, body: { id: 10 } };
    return undefined;
  });
  const smee = await startFakeSmee();
  const dir = await mkdtemp(join(tmpdir(), "concord-envfile-"));
  cleanup.push(() => github.close(), () => smee.close(), () => rm(dir, { recursive: true, force: true }));
  const envFile = join(dir, ".env");
  // What the setup page leaves behind, plus a PORT the real environment overrides.
  updateEnvFile(envFile, {
    APP_ID: "123",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    WEBHOOK_PROXY_URL: smee.channelUrl,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
    PORT: "1",
  });
  const port = await freePort();
  const concord = spawnConcord({ PORT: String(port), HOST: "127.0.0.1", CONCORD_ENV_FILE: envFile, CONCORD_DB: join(dir, "c.db"), LOG_LEVEL: "warn" });
  cleanup.push(() => concord.stop());

  const health = await waitFor(async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return response.ok ? response.json() : undefined;
  }, 30_000).catch(() => {
    throw new Error(`Concord did not come up with the env file's credentials:\n${concord.output()}`);
  });
  await waitFor(() => (smee.clients() > 0 ? true : undefined), 10_000).catch(() => {
    throw new Error(`Concord did not stream WEBHOOK_PROXY_URL:\n${concord.output()}`);
  });
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/help";
  smee.deliver("issue_comment", payload, "via-smee-e2e");
  const comment = await waitFor(() => github.requests.find((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments")), 15_000);

  expect(health).toMatchObject({ status: "ok", store: "sqlite" });
  expect(comment.path).toBe("/api/v3/repos/Codertocat/Hello-World/issues/1/comments");
  expect(comment.body.body).toContain("/debt");
}, 60_000);
