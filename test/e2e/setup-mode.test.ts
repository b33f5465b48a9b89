import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { freePort } from "../helpers/free-port.js";
import { readSetupForm } from "../helpers/setup-form.js";
import { spawnConcord, type ConcordProcess } from "../helpers/spawn-concord.js";
import { privateKey } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

const WEBHOOK_URL = "https://concord.example.com/api/github/webhooks";
let concord: ConcordProcess | undefined;
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  await concord?.stop();
  for (const step of cleanup) await step();
  concord = undefined;
  cleanup = [];
});

describe("starting without GitHub App credentials", () => {
  it("in development, serves the setup page, registers the app with WEBHOOK_URL and writes the env file", async () => {
    const github = await startFakeGitHub((req) =>
      req.method === "POST" && req.path === "/api/v3/app-manifests/e2e-code/conversions"
        ? { status: 201, body: { id: 77, slug: "concord-e2e", html_url: "http://ghe.test/apps/concord-e2e", pem: privateKey, webhook_secret: "s3", client_id: "Iv1.e2e", client_secret: "cs" } }
        : undefined,
    );
    const dir = await mkdtemp(join(tmpdir(), "concord-setup-"));
    cleanup.push(() => github.close(), () => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    // The image's layout: the env file in a data folder that does not exist yet.
    const envFile = join(dir, "data", ".env");
    concord = spawnConcord({
      PORT: String(port),
      HOST: "127.0.0.1",
      CONCORD_DB: join(dir, "c.db"),
      CONCORD_ENV_FILE: envFile,
      WEBHOOK_URL,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      GH_ORG: "acme",
      LOG_LEVEL: "warn",
    });

    const health = await waitFor(async () => {
      const response = await fetch(`${url}/healthz`);
      return response.ok ? response : undefined;
    }, 30_000).catch(() => {
      throw new Error(`setup page did not come up:\n${concord!.output()}`);
    });
    const root = await fetch(`${url}/`, { redirect: "manual" });
    const { action, state, manifest } = await readSetupForm(url);
    const callback = await fetch(`${url}/probot/setup?code=e2e-code&state=${state}`, { redirect: "manual" });

    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "setup" });
    expect(root.headers.get("location")).toBe("/probot");
    expect(action).toBe(`${github.url}/organizations/acme/settings/apps/new?state=${state}`);
    expect(manifest).toMatchObject({
      name: "Concord",
      hook_attributes: { url: WEBHOOK_URL, active: true },
      redirect_url: `${url}/probot/setup`,
      default_events: expect.arrayContaining(["pull_request_review", "issue_comment"]),
      default_permissions: expect.objectContaining({ checks: "write" }),
    });
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("http://ghe.test/apps/concord-e2e/installations/new");
    expect(parseEnv(await readFile(envFile, "utf8"))).toEqual({
      APP_ID: "77",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "s3",
      GITHUB_CLIENT_ID: "Iv1.e2e",
      GITHUB_CLIENT_SECRET: "cs",
    });
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
  }, 60_000);

  it("in production, stops at once and names the missing credentials", async () => {
    concord = spawnConcord({ NODE_ENV: "production", PORT: String(await freePort()), CONCORD_ENV_FILE: "/nonexistent/.env" });

    const code = await concord.exited;

    expect(code).not.toBe(0);
    expect(concord.output()).toContain("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) missing");
    expect(concord.output()).toContain("webhook URL https://<your host>/api/github/webhooks");
  }, 30_000);
});
