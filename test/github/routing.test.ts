import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockToken } from "../helpers/github-nock.js";
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

  async function send(event: string, payload: unknown, id?: string) {
    const response = await deliver(app.url, event, payload, id ? { id } : {});
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

  it("an issue labeled as an incident is escalated on its thread: one comment, none on redelivery or a repeat", async () => {
    const labeled = examplePayload("issues", "labeled");
    labeled.label = { name: "incident" };
    const unlabeled = examplePayload("issues", "opened");
    unlabeled.issue.labels = [];
    const posted: string[] = [];
    const scope = nockConfig(nockToken(nock(API)));
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, posted, 77);

    await send("issues", labeled, "incident-delivery");
    // GitHub's redelivery carries the same delivery id: nothing runs again.
    await send("issues", labeled, "incident-delivery");
    // An unlabeled issue cannot be an incident: no config lookup, no call at all.
    await send("issues", unlabeled);

    scope.done();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("### Needs a decision from a maintainer");
    expect(posted[0]).toContain("Page the on-call responder by hand.");
    expect(posted[0]).toMatch(/<!-- concord:escalation:incident:Codertocat\/Hello-World#1 -->/);

    // The same incident labeled again (a new event): the comment is found by its marker and left alone.
    const again = nock(API);
    nockConfig(again);
    again.get(`${REPO}/issues/1/comments`).query(true).reply(200, [{ id: 77, body: posted[0], user: { login: "concord[bot]", type: "Bot" } }]);
    await send("issues", labeled);

    again.done();
    expect(app.worker.stats).toMatchObject({ processed: 3, failed: 0 });
    expect(await app.runtime.bus.getDeadLetters()).toEqual([]);
  });

  it("records installs and forgets uninstalls", async () => {
    await send("installation", examplePayload("installation", "created"));
    expect(await app.runtime.store.getValue("installation:2")).toBeDefined();

    await send("installation", examplePayload("installation", "deleted"));
    expect(await app.runtime.store.getValue("installation:2")).toBeUndefined();
  });
});
