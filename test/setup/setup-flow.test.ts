import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../src/ports/logger.js";
import { loadEnvironment } from "../../src/runtime/env-file.js";
import { readSettings } from "../../src/runtime/settings.js";
import { startSetupServer, type SetupServer, type SetupServerOptions } from "../../src/setup/start-setup-server.js";
import { startFakeSmee, type FakeSmee } from "../helpers/fake-smee.js";
import { freePort } from "../helpers/free-port.js";
import { readSetupForm } from "../helpers/setup-form.js";
import { privateKey } from "../helpers/test-probot.js";

const WEBHOOK_URL = "https://concord.example.com/api/github/webhooks";
const conversion = {
  id: 42,
  slug: "concord-test",
  html_url: "https://github.com/apps/concord-test",
  pem: privateKey,
  webhook_secret: "hook-secret",
  client_id: "Iv1.abc",
  client_secret: "client-secret",
};

let running: { server: SetupServer; dir: string } | undefined;
let smee: FakeSmee | undefined;

afterEach(async () => {
  await running?.server.close();
  if (running) await rm(running.dir, { recursive: true, force: true });
  await smee?.close();
  running = undefined;
  smee = undefined;
});

async function startSetup(options: Partial<SetupServerOptions> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "concord-setup-"));
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_obj, msg) => warnings.push(msg ?? "") };
  const server = await startSetupServer({
    port: 0,
    host: "127.0.0.1",
    webhookPath: "/api/github/webhooks",
    appYmlFile: "app.yml",
    envFile: join(dir, ".env"),
    githubUrl: "https://github.com",
    apiUrl: "https://api.github.com",
    // Nothing listens there: smee.io is unreachable unless a test says otherwise.
    newChannelUrl: `http://127.0.0.1:${await freePort()}/new`,
    logger,
    ...options,
  });
  running = { server, dir };
  return { url: `http://127.0.0.1:${server.port}`, envFile: options.envFile ?? join(dir, ".env"), dir, warnings };
}

async function readEnv(file: string) {
  return parseEnv(await readFile(file, "utf8"));
}

describe("the setup page in development", () => {
  it("registers the app from app.yml with WEBHOOK_URL, then writes the credentials into the env file", async () => {
    const { url, envFile, dir } = await startSetup({ webhookUrl: WEBHOOK_URL });
    await writeFile(envFile, "LOG_LEVEL=debug\n", { mode: 0o644 });
    const github = nock("https://api.github.com").post("/app-manifests/code123/conversions").reply(201, conversion);

    const root = await fetch(url, { redirect: "manual" });
    const { action, state, manifest } = await readSetupForm(url);
    const callback = await fetch(`${url}/probot/setup?code=code123&state=${state}`, { redirect: "manual" });

    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/probot");
    expect(action).toBe(`https://github.com/settings/apps/new?state=${state}`);
    expect(manifest).toEqual({
      name: "Concord",
      description: expect.stringContaining("Cooperating agents"),
      url: "https://github.com/concord-app/concord",
      public: false,
      default_events: ["check_run", "check_suite", "issue_comment", "issues", "pull_request", "pull_request_review", "push"],
      default_permissions: { checks: "write", issues: "write", pull_requests: "write", contents: "write", metadata: "read" },
      hook_attributes: { url: WEBHOOK_URL, active: true },
      redirect_url: `${url}/probot/setup`,
    });
    github.done();
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("https://github.com/apps/concord-test/installations/new");
    expect(await callback.text()).toContain("Restart Concord");
    expect(await readEnv(envFile)).toEqual({
      LOG_LEVEL: "debug",
      APP_ID: "42",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "hook-secret",
      GITHUB_CLIENT_ID: "Iv1.abc",
      GITHUB_CLIENT_SECRET: "client-secret",
    });
    expect((await stat(envFile)).mode & 0o777).toBe(0o600);
    // What `npm start` does next: the credentials come back from the file.
    const settings = readSettings(loadEnvironment({ CONCORD_ENV_FILE: ".env" }, dir), dir);
    expect(settings).toMatchObject({ appId: 42, privateKey, webhookSecret: "hook-secret" });
  });

  it("without WEBHOOK_URL, registers a new smee.io channel and saves it as WEBHOOK_PROXY_URL", async () => {
    smee = await startFakeSmee();
    const { url, envFile } = await startSetup({ newChannelUrl: smee.newChannelUrl });
    nock("https://api.github.com").post("/app-manifests/code456/conversions").reply(201, conversion);

    const { html, state, manifest } = await readSetupForm(url);
    const callback = await fetch(`${url}/probot/setup?code=code456&state=${state}`, { redirect: "manual" });

    expect(manifest.hook_attributes).toEqual({ url: smee.channelUrl, active: true });
    expect(html).toContain("smee.io channel");
    expect(callback.status).toBe(302);
    expect(await readEnv(envFile)).toMatchObject({ APP_ID: "42", WEBHOOK_PROXY_URL: smee.channelUrl });
  });

  it("reuses WEBHOOK_PROXY_URL when one is set instead of creating a channel", async () => {
    const { url } = await startSetup({ webhookProxyUrl: "https://smee.io/existing" });

    const { manifest } = await readSetupForm(url);

    expect(manifest.hook_attributes.url).toBe("https://smee.io/existing");
  });

  it("when smee.io is unreachable, falls back to its own webhook path and warns that GitHub cannot reach it", async () => {
    const { url, warnings } = await startSetup();

    const { html, manifest } = await readSetupForm(url);

    expect(manifest.hook_attributes.url).toBe(`${url}/api/github/webhooks`);
    expect(html).toContain("GitHub cannot reach this server");
    expect(warnings).toEqual([expect.stringContaining("GitHub cannot reach on localhost")]);
  });

  it("registers for GH_ORG on a GitHub Enterprise host, with the address the browser used behind a proxy", async () => {
    const { url } = await startSetup({ webhookUrl: WEBHOOK_URL, githubUrl: "https://ghe.example.com", githubOrg: "acme" });

    const { action, state, manifest } = await readSetupForm(url, { "x-forwarded-proto": "https", "x-forwarded-host": "concord.example.com" });

    expect(action).toBe(`https://ghe.example.com/organizations/acme/settings/apps/new?state=${state}`);
    expect(manifest.redirect_url).toBe("https://concord.example.com/probot/setup");
  });

  it("refuses a WEBHOOK_URL that is not an absolute http(s) URL at start", async () => {
    await expect(startSetup({ webhookUrl: "concord.example.com/hooks" })).rejects.toThrow(
      'WEBHOOK_URL must be an absolute http(s) URL such as https://concord.example.com/api/github/webhooks, not "concord.example.com/hooks".',
    );
  });
});

describe("the setup server on bad input", () => {
  it("answers /healthz with 200 so a container health check passes while it waits for setup", async () => {
    const { url } = await startSetup({ webhookUrl: WEBHOOK_URL });

    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "setup" });
  });

  it("answers unknown paths 404, a callback without code or with a foreign state 400, and webhooks 404", async () => {
    const { url } = await startSetup({ webhookUrl: WEBHOOK_URL });

    const unknown = await fetch(`${url}/probot/import`);
    const noCode = await fetch(`${url}/probot/setup`);
    const foreign = await fetch(`${url}/probot/setup?code=abc&state=not-ours`);
    const webhook = await fetch(`${url}/api/github/webhooks`, { method: "POST", body: "{}" });

    expect([unknown.status, noCode.status, foreign.status, webhook.status]).toEqual([404, 400, 400, 404]);
    expect(await noCode.text()).toContain("code parameter is missing");
    expect(await foreign.text()).toContain("did not start");
  });

  it("answers 502 when GitHub refuses the code, and writes nothing", async () => {
    const { url, envFile } = await startSetup({ webhookUrl: WEBHOOK_URL });
    nock("https://api.github.com").post("/app-manifests/expired/conversions").reply(404, { message: "Not Found" });
    const { state } = await readSetupForm(url);

    const callback = await fetch(`${url}/probot/setup?code=expired&state=${state}`);

    expect(callback.status).toBe(502);
    expect(await callback.text()).toContain("GitHub answered 404");
    await expect(stat(envFile)).rejects.toThrow("ENOENT");
  });

  it("answers 500 naming the app and the file when the env file cannot be written", async () => {
    const { url, envFile } = await startSetup({ webhookUrl: WEBHOOK_URL });
    await mkdir(envFile);
    nock("https://api.github.com").post("/app-manifests/code789/conversions").reply(201, conversion);
    const { state } = await readSetupForm(url);

    const callback = await fetch(`${url}/probot/setup?code=code789&state=${state}`);
    const health = await fetch(`${url}/healthz`);

    expect(callback.status).toBe(500);
    const text = await callback.text();
    expect(text).toContain("https://github.com/apps/concord-test (APP_ID 42)");
    expect(text).toContain(`could not be written to ${envFile}`);
    expect(health.status).toBe(200);
  });
});
