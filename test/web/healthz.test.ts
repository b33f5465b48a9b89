import { rm } from "node:fs/promises";
import { join } from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { holdSqliteWriteLock, type HeldLock } from "../helpers/hold-sqlite-lock.js";
import { examplePayload } from "../helpers/payloads.js";
import { mountSmallDisk } from "../helpers/small-disk.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

function helpComment() {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/help";
  return payload;
}

async function health(url: string): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json(), ms: performance.now() - started };
}

describe("/healthz tells the truth", () => {
  let app: TestConcord | undefined;
  let lock: HeldLock | undefined;
  afterEach(async () => {
    await lock?.release();
    await app?.cleanup();
    app = lock = undefined;
  });

  it("answers 200 with the store and the queue when a delivery can be stored and the queue moves", async () => {
    app = await startTestConcord();

    const answer = await health(app.url);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: "ok", store: "sqlite", queueDepth: 0, deliveries: { queued: 0, processing: 0, done: 0, failed: 0 } });
  });

  it("while another process write-locks the SQLite file: deliveries get 5xx quickly, /healthz answers at once and says so; then it recovers", async () => {
    app = await startTestConcord();
    lock = await holdSqliteWriteLock(`${app.dir}/concord.db`);

    const deliveries = Array.from({ length: 3 }, async (_, n) => {
      const started = performance.now();
      const response = await deliver(app!.url, "issue_comment", helpComment(), { id: `locked-${n}` });
      return { status: response.status, ms: performance.now() - started };
    });
    const during = await health(app.url);
    const acks = await Promise.all(deliveries);
    await lock.release();
    lock = undefined;
    const after = await waitFor(async () => {
      const answer = await health(app!.url);
      return answer.status === 200 ? answer : undefined;
    }, 5000);

    for (const ack of acks) {
      expect(ack.status).toBeGreaterThanOrEqual(500);
      expect(ack.ms).toBeLessThan(5000);
    }
    expect(during.ms).toBeLessThan(1000);
    expect(during.status).toBe(503);
    expect(during.body.problems).toEqual([expect.stringMatching(/^Deliveries cannot be stored: /)]);
    expect(after.body.status).toBe("ok");
  });

  it("on a full disk says deliveries cannot be stored, and answers 200 again once there is space", async (context) => {
    const disk = await mountSmallDisk(4);
    if (!disk) return context.skip("mounting a small disk needs root");
    try {
      app = await startTestConcord({ sqliteFile: join(disk.path, "concord.db") });
      const before = await health(app.url);
      const filler = await disk.fill();

      const full = await health(app.url);
      const refused = await deliver(app.url, "issue_comment", helpComment(), { id: "disk-full" });
      await rm(filler);
      const freed = await health(app.url);

      expect(before.status).toBe(200);
      expect(full.status).toBe(503);
      expect(full.body.problems).toEqual(["Deliveries cannot be stored: database or disk is full."]);
      expect(refused.status).toBeGreaterThanOrEqual(500);
      expect(freed.status).toBe(200);
    } finally {
      await app?.cleanup();
      app = undefined;
      await disk.unmount();
    }
  });

  it("says the queue is stuck while running jobs hang, and recovers once they move again", async () => {
    app = await startTestConcord({ stuckQueueMs: 300 });
    const payload = helpComment();
    let answerGitHub = () => {};
    const gitHubAnswers = new Promise<void>((resolve) => (answerGitHub = resolve));
    const posted: string[] = [];
    const scope = nock(API);
    nockToken(scope);
    // GitHub never answers the first reaction until told to: the job hangs on it.
    scope.post(`${REPO}/issues/comments/${payload.comment.id}/reactions`, { content: "eyes" }).reply(201, async () => {
      await gitHubAnswers;
      return { id: 1, content: "eyes" };
    });
    nockConfig(scope);
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, posted);
    nockReaction(scope, payload.comment.id, "rocket");

    expect((await deliver(app.url, "issue_comment", payload)).status).toBe(200);
    const stuck = await waitFor(async () => {
      const answer = await health(app!.url);
      return answer.status === 503 ? answer : undefined;
    }, 5000);
    answerGitHub();
    await app.drain();
    const after = await health(app.url);

    expect(stuck.body.problems).toEqual([expect.stringMatching(/^The queue is stuck: its running jobs have gone \d+ s with none starting or finishing/)]);
    expect(stuck.body.queueDepth).toBe(1);
    expect(after.status).toBe(200);
    expect(posted).toHaveLength(1);
    scope.done();
  });
});
