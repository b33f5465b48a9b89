import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { addedPatch, fileContents } from "../helpers/github-files.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { nockCheckRuns } from "../helpers/nock-check-runs.js";
import { examplePayload } from "../helpers/payloads.js";
import { createTestProbot, startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const FILES = [{ filename: "src/add.ts", status: "added", patch: addedPatch(CLEAN) }];
const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };
/** Test time: one of GitHub's seconds lasts 10 ms. */
const SECOND_MS = 10;

describe("GitHub's rate limits during a PR check", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
  });

  /** The app with the production client (Probot's retry and throttling on); only GitHub's seconds are shortened. */
  async function startApp() {
    return startTestConcord({ probot: createTestProbot({ retry: true, throttle: true, retryAfterBaseMs: SECOND_MS }), maxAttempts: 2 });
  }

  /** What the check reads once it has the PR's files (no config, the file at head), and its run completed. */
  function nockRestOfCheck(scope: nock.Scope, completed: any[]) {
    nockConfig(scope);
    scope.get(`${REPO}/contents/src%2Fadd.ts`).query({ ref: HEAD }).reply(200, fileContents(CLEAN));
    nockDebtCheck(scope, HEAD, completed);
  }

  /** `route` refused `times` times with `refusal`, then answered with `answer`; returns when each request came. */
  function refusedThenAnswered(route: () => nock.Interceptor, times: number, refusal: () => nock.ReplyFnResult, answer: nock.ReplyFnResult): number[] {
    const asked: number[] = [];
    const noted = (reply: () => nock.ReplyFnResult) => () => {
      asked.push(Date.now());
      return reply();
    };
    route().times(times).reply(noted(refusal));
    route().reply(noted(() => answer));
    return asked;
  }

  /** Delivers a PR opening, waits until the delivery has settled and the app is idle again. */
  async function deliverUntilSettled(running: TestConcord, id: string) {
    await deliver(running.url, "pull_request", examplePayload("pull_request", "opened"), { id });
    await waitFor(async () => ["done", "failed"].includes((await running.runtime.store.getDelivery(id))?.status ?? "") || undefined, 10_000);
    await running.drain();
  }

  it("a secondary limit lasting 20 s: the delivery waits as GitHub asks (attempts not spent), then completes", async () => {
    app = await startApp();
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    // Three answers "wait 20 s" in a row: more than the app's 2 attempts, so only waiting (not retrying) gets through.
    const asked = refusedThenAnswered(() => scope.get(`${REPO}/pulls/2/files`).query(true), 3, () => [403, SECONDARY, { "retry-after": "20" }], [200, FILES]);
    nockRestOfCheck(scope, completed);

    await deliverUntilSettled(app, "limited");

    scope.done();
    expect(completed[0]).toMatchObject({ status: "completed", conclusion: "success" });
    for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThanOrEqual(20 * SECOND_MS);
    expect(app.worker.stats).toMatchObject({ deferred: 3, retried: 0, failed: 0 });
    expect(await app.runtime.store.getDelivery("limited")).toMatchObject({ status: "done", attempts: 1 });
  });

  it("the hourly quota spent: the delivery waits until x-ratelimit-reset, then completes", async () => {
    app = await startApp();
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    const quotaSpent = (): nock.ReplyFnResult => {
      const reset = Math.ceil(Date.now() / 1000) + 30;
      return [403, { message: "API rate limit exceeded for installation ID 2." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) }];
    };
    const asked = refusedThenAnswered(() => scope.get(`${REPO}/pulls/2/files`).query(true), 1, quotaSpent, [200, FILES]);
    nockRestOfCheck(scope, completed);

    await deliverUntilSettled(app, "quota");

    scope.done();
    expect(completed[0]).toMatchObject({ conclusion: "success" });
    // Until the reset (30 s from the answer, less the part of the current second already gone) plus one second.
    expect(asked[1]! - asked[0]!).toBeGreaterThanOrEqual(30 * SECOND_MS);
    expect(app.worker.stats).toMatchObject({ deferred: 1, failed: 0 });
  });

  it("a secondary limit on the changed files' contents: the check says the comparison is unknown, and the delivery waits as asked (attempts not spent), then completes", async () => {
    app = await startApp();
    const scope = nockToken(nock(API)).persist();
    const runs = nockCheckRuns(scope, HEAD);
    // Each attempt reads the PR's files and the config again.
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, FILES).persist();
    scope.get(`${REPO}/contents/.github%2Fconcord.yml`).reply(404, { message: "Not Found" }).persist();
    const contents = nock(API);
    const asked = refusedThenAnswered(() => contents.get(`${REPO}/contents/src%2Fadd.ts`).query({ ref: HEAD }), 3, () => [403, SECONDARY, { "retry-after": "20" }], [200, fileContents(CLEAN)]);

    await deliverUntilSettled(app, "limited-contents");

    contents.done();
    expect(await app.runtime.store.getDelivery("limited-contents")).toMatchObject({ status: "done", attempts: 1 });
    expect(app.worker.stats).toMatchObject({ deferred: 3, retried: 0, failed: 0 });
    for (let i = 1; i < asked.length; i++) expect(asked[i]! - asked[i - 1]!).toBeGreaterThanOrEqual(20 * SECOND_MS);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });
});
