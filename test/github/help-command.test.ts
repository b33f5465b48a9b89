import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderHelp } from "../../src/commands/index.js";
import { availableCommands } from "../../src/github/commands/command-table.js";
import { fitComment } from "../../src/render/limits.js";
import { withMarker } from "../../src/render/markers.js";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

function helpComment(body = "/help") {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = body;
  return payload;
}

describe("/help end to end", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("a real issue_comment becomes an agent message, the help agent answers, and one comment is posted", async () => {
    const payload = helpComment();
    const posted: string[] = [];
    const scope = nockToken(nock(API));
    nockReaction(scope, payload.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, posted);
    nockReaction(scope, payload.comment.id, "rocket");

    const response = await deliver(app.url, "issue_comment", payload, { id: "delivery-help-1" });
    await app.drain();

    expect(response.status).toBe(200);
    scope.done();
    expect(posted).toEqual([fitComment(withMarker(renderHelp(availableCommands()), "reply", `${payload.comment.id}-1`))]);
    expect(posted[0]).toContain("/migrate plan <package> <version>");
    const conversation = await app.runtime.store.listDeliveries(["done"]);
    expect(conversation.map((d) => d.id)).toEqual(["delivery-help-1"]);
    const stats = await app.runtime.registry.getRegistryStats();
    expect(stats.agents.find((a) => a.agentId === "help")?.completed).toBe(1);
  });
});
