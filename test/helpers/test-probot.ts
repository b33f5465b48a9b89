import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Probot, ProbotOctokit } from "probot";
import { startConcord, type Concord, type StartOptions } from "../../src/app/start-concord.js";
import { capturedLogger } from "./test-log.js";

export const privateKey = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

// Probot overrides a plain `throttle: { enabled: false }`; the function form really turns it off
// (otherwise every Probot instance after the first waits ~3 s on its token call).
const TestOctokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...options.throttle, enabled: false },
}));

export const WEBHOOK_SECRET = "test-secret";

export function createTestProbot(): Probot {
  return new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, log: capturedLogger(), Octokit: TestOctokit });
}

export interface TestConcord extends Concord {
  probot: Probot;
  dir: string;
  url: string;
  /** Waits until every queued delivery has been processed. */
  drain(): Promise<void>;
  cleanup(): Promise<void>;
}

/** The whole app (real Probot middleware, real SQLite file, real HTTP server) on a random port. */
export async function startTestConcord(overrides: Partial<StartOptions> = {}): Promise<TestConcord> {
  const dir = await mkdtemp(join(tmpdir(), "concord-app-"));
  const probot = createTestProbot();
  const concord = await startConcord({
    probot,
    port: 0,
    host: "127.0.0.1",
    webhookPath: "/api/github/webhooks",
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
