import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { addedPatch } from "../helpers/github-files.js";
import { API, REPO, nockConfig } from "../helpers/github-nock.js";
import { nockCheckRuns } from "../helpers/nock-check-runs.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

/** A GitHub that never answers: the request stays open. */
const NEVER = () => new Promise<never>(() => undefined);

describe("every job has a time budget", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  function nockTokens() {
    nock(API).persist().post("/app/installations/2/access_tokens").reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
  }

  it("a PR check whose file contents never arrive ends neutral with the reason on each attempt, and the delivery fails after the last", async () => {
    app = await startTestConcord({ maxAttempts: 2, backoffMs: 10, jobBudgetMs: 500, jobBudgetGraceMs: 5_000, shutdownMs: 200 });
    nockTokens();
    const scope = nock(API);
    for (let attempt = 1; attempt <= 2; attempt++) {
      scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/route.ts", status: "added", patch: addedPatch("export const a = 1;\n") }]);
      nockConfig(scope);
    }
    const runs = nockCheckRuns(nock(API), HEAD);
    nock(API).get(`${REPO}/contents/src%2Froute.ts`).query(true).reply(NEVER).persist();

    const started = Date.now();
    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-over-budget" });
    const failed = await waitFor(async () => {
      const delivery = await app!.runtime.store.getDelivery("pr-over-budget");
      return delivery?.status === "failed" ? delivery : undefined;
    }, 15_000);

    // Two attempts of half a second each, and cleanup: well within the grace, on a busy machine too.
    expect(Date.now() - started).toBeLessThan(5_000);
    scope.done();
    expect(failed).toMatchObject({ attempts: 2, lastError: "JobBudgetError: the job did not finish within 0.5 s" });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(runs[0]!.output?.summary).toContain("the job did not finish within 0.5 s");
  });

  it("work that never settles is abandoned after the budget and its grace: the worker is free again and the delivery is retried, then failed", async () => {
    app = await startTestConcord({ maxAttempts: 2, backoffMs: 10, jobBudgetMs: 300, jobBudgetGraceMs: 200, workerConcurrency: 1, shutdownMs: 200 });
    nockTokens();
    const hung = nock(API).get(`${REPO}/pulls/2/files`).query(true).times(2).reply(NEVER);

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-never-settles" });
    const failed = await waitFor(async () => {
      const delivery = await app!.runtime.store.getDelivery("pr-never-settles");
      return delivery?.status === "failed" ? delivery : undefined;
    }, 15_000);

    expect(hung.isDone()).toBe(true);
    expect(failed).toMatchObject({ attempts: 2, lastError: "JobBudgetError: the job did not finish within 0.3 s" });
    // Nobody waits for the hung requests any more: the analysis lane is free for the next delivery.
    expect(app.runtime.queue.depthByLane()).toEqual({ interactive: 0, heavy: 0 });
  });

  it("abandoned work stops talking to GitHub: an answer that comes after the grace leads to no further request", async () => {
    app = await startTestConcord({ maxAttempts: 1, jobBudgetMs: 200, jobBudgetGraceMs: 100, shutdownMs: 200 });
    nockTokens();
    const late = nock(API)
      .get(`${REPO}/pulls/2/files`)
      .query(true)
      .delay(1_000)
      .reply(200, [{ filename: "src/route.ts", status: "added", patch: addedPatch("export const a = 1;\n") }]);
    const afterwards = nock(API).get(/.*/).optionally().reply(200, {}).persist().post(/.*/).optionally().reply(201, {}).persist();
    const asked: string[] = [];
    afterwards.on("request", (req: { method: string; path: string }) => asked.push(`${req.method} ${req.path}`));

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-late-answer" });
    await waitFor(async () => ((await app!.runtime.store.getDelivery("pr-late-answer"))?.status === "failed" ? true : undefined), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    expect(late.isDone()).toBe(true);
    expect(asked).toEqual([]);
  });
});
