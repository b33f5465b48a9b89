import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

describe("out-of-order pull_request events", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("a late event for an older head SHA never replaces the newer one", async () => {
    const newer = examplePayload("pull_request", "synchronize");
    newer.pull_request.head.sha = "b".repeat(40);
    newer.pull_request.updated_at = "2026-03-01T10:05:00Z";
    const older = examplePayload("pull_request", "opened");
    older.pull_request.head.sha = "a".repeat(40);
    older.pull_request.updated_at = "2026-03-01T10:00:00Z";
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, []);
    nockConfig(scope);
    nockDebtCheck(scope, "b".repeat(40));

    await deliver(app.url, "pull_request", newer);
    await app.drain();
    await deliver(app.url, "pull_request", older);
    await app.drain();

    // Only the newer event listed files; the stale one stopped before any GitHub call.
    scope.done();
    const head = JSON.parse((await app.runtime.store.getValue("pr-head:Codertocat/Hello-World#2"))!);
    expect(head.sha).toBe("b".repeat(40));
    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0 });
  });
});
