import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, nockConfig, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

/** Events whose agents ship later (reviews → conflicts, incidents) are accepted, routed by capability and acknowledged. */
describe("events for agents that are not built yet", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function send(event: string, payload: unknown) {
    const response = await deliver(app.url, event, payload);
    await app.drain();
    expect(response.status).toBe(200);
  }

  it("a submitted review and a failed default-branch suite finish without touching GitHub", async () => {
    const suite = examplePayload("check_suite", "completed", 1);
    suite.check_suite.conclusion = "failure";

    await send("pull_request_review", examplePayload("pull_request_review", "submitted"));
    await send("check_suite", suite);

    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0 });
  });

  it("an issue labeled as an incident reads the config (for its incident labels) and is acknowledged", async () => {
    const labeled = examplePayload("issues", "labeled");
    labeled.label = { name: "incident" };
    const unlabeled = examplePayload("issues", "opened");
    unlabeled.issue.labels = [];
    const scope = nockConfig(nockToken(nock(API)));

    await send("issues", labeled);
    // An unlabeled issue cannot be an incident: no config lookup, no call at all.
    await send("issues", unlabeled);

    scope.done();
    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0 });
  });

  it("records installs and forgets uninstalls", async () => {
    await send("installation", examplePayload("installation", "created"));
    expect(await app.runtime.store.getValue("installation:2")).toBeDefined();

    await send("installation", examplePayload("installation", "deleted"));
    expect(await app.runtime.store.getValue("installation:2")).toBeUndefined();
  });
});
