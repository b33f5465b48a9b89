import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Probot } from "probot";
import { startConcord, type Concord, type StartOptions } from "../../src/app/start-concord.js";
import { createConcordOctokit, type GitHubClientOptions } from "../../src/github/octokit/concord-octokit.js";
import { capturedLogger } from "./test-log.js";

export const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

export const WEBHOOK_SECRET = "test-secret";

/**
 * Probot with the app's own GitHub client, but Probot's retry and throttling off unless `github`
 * turns them on: each request a test expects is then one request (and throttling would make every
 * Probot instance after the first wait ~3 s on its token call).
 */
export function createTestProbot(github: GitHubClientOptions = {}): Probot {
  const Octokit = createConcordOctokit({ retry: false, throttle: false, ...github });
  return new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, log: capturedLogger(), Octokit });
}

export interface TestConcord extends Concord {
  probot: Probot;
  dir: string;
  url: string;
  /** Waits until every queued delivery has been processed. */
  drain(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The whole app (real webhook endpoint, real SQLite file, real HTTP server) on a random port. */
export async function startTestConcord(overrides: Partial<StartOptions> = {}): Promise<TestConcord> {
  const dir = await mkdtemp(join(tmpdir(), "concord-app-"));
  const probot = overrides.probot ?? createTestProbot();
  const concord = await startConcord({
    probot,
    port: 0,
    host: "127.0.0.1",
    webhookPath: "/api/github/webhooks",
    webhookSecret: WEBHOOK_SECRET,
    maxBodyBytes: 25 * 1024 * 1024,
    sqliteFile: join(dir, "concord.db"),
    backoffMs: 10,
    maxAttempts: 2,
    // Agents on the event loop: a worker thread costs ~0.6 s to load per app. The thread pool has its
    // own tests, and the scenarios that are about it turn it on.
    agentThreads: 0,
    ...overrides,
  });
  return {
    ...concord,
    probot,
    dir,
    url: `http://127.0.0.1:${concord.port}`,
    async drain() {
      await concord.runtime.queue.idle();
      await concord.runtime.bus.whenIdle();
    },
    async cleanup() {
      await concord.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
