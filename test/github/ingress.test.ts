import { request } from "node:http";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

/** A well-formed signature that is never checked: an oversized body is refused before it is read whole. */
const UNCHECKED_SIGNATURE = `sha256=${"0".repeat(64)}`;

function helpPayload() {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/help";
  return payload;
}

function nockHelpReply(scope: nock.Scope, commentId: number, posted: string[]) {
  nockToken(scope);
  nockReaction(scope, commentId, "eyes");
  nockConfig(scope);
  scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
  nockCreateComment(scope, 1, posted);
  nockReaction(scope, commentId, "rocket");
}

describe("durable ingress", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it("processes a delivery id once, however often GitHub redelivers it", async () => {
    app = await startTestConcord();
    const payload = helpPayload();
    const posted: string[] = [];
    const scope = nock(API);
    nockHelpReply(scope, payload.comment.id, posted);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await deliver(app.url, "issue_comment", payload, { id: "same-guid" })).status);
    await app.drain();

    expect(statuses).toEqual([200, 200, 200]);
    scope.done();
    expect(posted).toHaveLength(1);
  });

  it("concurrent redeliveries of one id still make one comment", async () => {
    app = await startTestConcord();
    const payload = helpPayload();
    const posted: string[] = [];
    const scope = nock(API);
    nockHelpReply(scope, payload.comment.id, posted);

    const responses = await Promise.all(Array.from({ length: 10 }, () => deliver(app!.url, "issue_comment", payload, { id: "burst" })));
    await app.drain();

    expect(responses.every((r) => r.status === 200)).toBe(true);
    scope.done();
    expect(posted).toHaveLength(1);
  });

  it("refuses a bad signature with 400 and stores nothing", async () => {
    app = await startTestConcord();

    const response = await deliver(app.url, "issue_comment", helpPayload(), { id: "forged", secret: "not-the-secret" });

    expect(response.status).toBe(400);
    expect(await app.runtime.store.getDelivery("forged")).toBeUndefined();
  });

  it("acknowledges unknown events and actions without storing or processing them", async () => {
    app = await startTestConcord();
    const pinned = examplePayload("issues", "pinned");

    const a = await deliver(app.url, "issues", pinned, { id: "pinned" });
    const b = await deliver(app.url, "foo", { action: "bar", installation: { id: 2 } }, { id: "foo-bar" });
    await app.drain();

    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await app.runtime.store.getDelivery("pinned")).toBeUndefined();
    expect(await app.runtime.store.getDelivery("foo-bar")).toBeUndefined();
  });

  it("answers 5xx, never a false 2xx, when the store cannot take the delivery; /healthz says so too", async () => {
    app = await startTestConcord();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    await app.runtime.store.close();

    const response = await deliver(app.url, "issue_comment", helpPayload(), { id: "lost" });
    const health = await fetch(`${app.url}/healthz`);

    expect(response.status).toBeGreaterThanOrEqual(500);
    expect(health.status).toBe(503);
  });

  it("refuses a body over the limit with 413, by its declared length or while streaming", async () => {
    app = await startTestConcord({ maxBodyBytes: 64 * 1024 });
    const big = { action: "created", filler: "x".repeat(200 * 1024) };

    const declared = await deliver(app.url, "issue_comment", big, { id: "big" });
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${app!.url}/api/github/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "big-2", "x-hub-signature-256": UNCHECKED_SIGNATURE, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("y".repeat(16 * 1024));
      req.end();
    });

    expect(declared.status).toBe(413);
    expect(chunked).toBe(413);
    expect(await app.runtime.store.getDelivery("big")).toBeUndefined();
  });

  it("refuses a 30 MB stream at the default 25 MB cap", async () => {
    app = await startTestConcord({ maxBodyBytes: 25 * 1024 * 1024 });
    const chunk = Buffer.alloc(64 * 1024, "z");

    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${app!.url}/api/github/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "huge", "x-hub-signature-256": UNCHECKED_SIGNATURE, "transfer-encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      let sent = 0;
      const pump = () => {
        while (sent < 30 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });

    expect(status).toBe(413);
    expect(await app.runtime.store.getDelivery("huge")).toBeUndefined();
  });

  it("retries a failing job with backoff, then marks it failed and counts it", async () => {
    app = await startTestConcord({ maxAttempts: 2, backoffMs: 5 });
    const payload = helpPayload();
    // Probot caches the installation token, so only the first attempt asks for one.
    const scope = nockToken(nock(API));
    scope.post(`${REPO}/issues/comments/${payload.comment.id}/reactions`).times(2).reply(500, { message: "boom" });

    await deliver(app.url, "issue_comment", payload, { id: "doomed" });
    await app.drain();

    scope.done();
    const record = await app.runtime.store.getDelivery("doomed");
    expect(record?.status).toBe("failed");
    expect(record?.attempts).toBe(2);
    expect(app.worker.stats).toMatchObject({ retried: 1, failed: 1, processed: 0 });
  });

  it("a restart runs deliveries that were accepted but not processed", async () => {
    app = await startTestConcord();
    const payload = helpPayload();
    await app.runtime.store.recordDelivery({
      id: "left-over",
      event: "issue_comment",
      action: "created",
      payload: JSON.stringify(payload),
      receivedAt: "2026-01-01T00:00:00.000Z",
    });
    const sqliteFile = `${app.dir}/concord.db`;
    await app.stop();
    const posted: string[] = [];
    const scope = nock(API);
    nockHelpReply(scope, payload.comment.id, posted);

    const restarted = await startTestConcord({ sqliteFile });
    await restarted.drain();

    scope.done();
    expect(posted).toHaveLength(1);
    expect((await restarted.runtime.store.getDelivery("left-over"))?.status).toBe("done");
    await restarted.cleanup();
    await app.cleanup().catch(() => undefined);
    app = undefined;
  });
});
