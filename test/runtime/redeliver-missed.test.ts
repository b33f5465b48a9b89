import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { appHookDeliveries } from "../../src/github/app-hook-deliveries.js";
import { ManualClock } from "../../src/ports/clock.js";
import { startRedeliveringMissed, type RedeliveryJob } from "../../src/runtime/redeliver-missed.js";
import { API } from "../helpers/github-nock.js";
import { createTestProbot, startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";
import { capturedLogger } from "../helpers/test-log.js";
import { waitFor } from "../helpers/wait-for.js";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const HOUR = 3_600_000;

/** One attempt as GitHub lists it, `hoursAgo` before `now`. */
function attempt(id: number, guid: string, hoursAgo: number, statusCode: number, options: { status?: string; now?: number } = {}) {
  return {
    id,
    guid,
    delivered_at: new Date((options.now ?? NOW) - hoursAgo * HOUR).toISOString(),
    redelivery: false,
    duration: 0.1,
    status: options.status ?? (statusCode === 200 ? "OK" : `Invalid HTTP Response: ${statusCode}`),
    status_code: statusCode,
    event: "issue_comment",
    action: "created",
    installation_id: 2,
    repository_id: 1,
  };
}

/** A page of the delivery log (the one at `cursor`, the first without), read with the app's JWT, never an installation token. */
function nockLog(scope: nock.Scope, page: object[], cursors: { cursor?: string; next?: string } = {}): nock.Scope {
  const { cursor, next } = cursors;
  return scope
    .get("/app/hook/deliveries")
    .matchHeader("authorization", /^bearer /i)
    .query((q) => q.per_page === "100" && q.cursor === cursor)
    .reply(200, page, next ? { link: `<${API}/app/hook/deliveries?per_page=100&cursor=${next}>; rel="next"` } : {});
}

function nockRedeliver(scope: nock.Scope, attemptId: number, status = 202): nock.Scope {
  return scope.post(`/app/hook/deliveries/${attemptId}/attempts`).matchHeader("authorization", /^bearer /i).reply(status, {});
}

describe("asking GitHub to redeliver what never reached Concord", () => {
  let testStore: TestStore | undefined;
  let job: RedeliveryJob | undefined;
  let app: TestConcord | undefined;
  afterEach(async () => {
    await job?.stop();
    await testStore?.cleanup();
    await app?.cleanup();
    job = testStore = app = undefined;
  });

  async function start(clock: ManualClock): Promise<RedeliveryJob> {
    testStore = await createTestStore();
    const probot = createTestProbot();
    await testStore.store.recordDelivery({ id: "stored", event: "issue_comment", action: "created", payload: "{}", receivedAt: "2026-03-10T06:00:00Z" });
    // A long interval: the test drives the passes; the one at start is awaited through runNow.
    job = startRedeliveringMissed({ hooks: appHookDeliveries(await probot.auth()), store: testStore.store, clock, logger: capturedLogger(), intervalMs: 10 * 60_000 });
    return job;
  }

  it("redelivers each failed event of the last three days once: not a success, a later success, a stored one or an older one", async () => {
    const scope = nock(API);
    nockLog(
      scope,
      [
        attempt(11, "ok", 1, 200),
        attempt(12, "failed", 2, 503),
        attempt(14, "failed-then-ok", 4, 200),
        attempt(13, "failed-then-ok", 5, 500),
        attempt(15, "stored", 6, 502),
        attempt(16, "timed-out", 7, 0, { status: "timed out" }),
      ],
      { next: "page2" },
    );
    // Its next page is never read: this one already reaches past three days.
    nockLog(scope, [attempt(22, "failed-twice", 20, 500), attempt(21, "failed-twice", 30, 500), attempt(20, "too-old", 4 * 24, 500)], { cursor: "page2", next: "page3" });
    nockRedeliver(scope, 22);
    nockRedeliver(scope, 16);
    nockRedeliver(scope, 12);

    const report = await (await start(new ManualClock(new Date(NOW)))).runNow();

    expect(report).toEqual({ examined: 8, redelivered: ["failed-twice", "timed-out", "failed"] });
    scope.done();
  });

  it("never asks for the same event twice, even when the redelivery fails as well; new failures are still asked for", async () => {
    const clock = new ManualClock(new Date(NOW));
    const first = nock(API);
    nockLog(first, [attempt(12, "failed", 1, 503)]);
    nockRedeliver(first, 12);
    const redeliveries = await start(clock);
    await redeliveries.runNow();
    first.done();

    clock.advance(10 * 60_000);
    const second = nock(API);
    // The redelivery failed as well, another event failed since, and the log goes back as before.
    nockLog(second, [attempt(31, "new-failure", -0.1, 500), attempt(30, "failed", -0.05, 503), attempt(12, "failed", 1, 503)]);
    nockRedeliver(second, 31);
    const report = await redeliveries.runNow();

    expect(report?.redelivered).toEqual(["new-failure"]);
    second.done();
  });

  it("asks again on a later pass when GitHub refused the redelivery", async () => {
    const clock = new ManualClock(new Date(NOW));
    const first = nock(API);
    nockLog(first, [attempt(12, "failed", 2, 503)]);
    nockRedeliver(first, 12, 500);
    const redeliveries = await start(clock);
    expect((await redeliveries.runNow())?.redelivered).toEqual([]);
    first.done();

    clock.advance(10 * 60_000);
    const second = nock(API);
    nockLog(second, [attempt(12, "failed", 2, 503)]);
    nockRedeliver(second, 12);

    expect((await redeliveries.runNow())?.redelivered).toEqual(["failed"]);
    second.done();
  });

  it("runs in the app when asked to, with a first pass at start", async () => {
    const scope = nock(API);
    nockLog(scope, [attempt(41, "missed-while-down", 0.5, 502, { now: Date.now() })]);
    nockRedeliver(scope, 41);

    app = await startTestConcord({ redeliverIntervalMs: 60 * 60_000 });

    await waitFor(() => (scope.isDone() ? true : undefined), 5000);
  });
});
