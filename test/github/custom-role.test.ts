import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

function ignoreCommand(login: string) {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/debt ignore src/gen/**";
  payload.comment.user.login = login;
  payload.sender.login = login;
  return payload;
}

describe("a user whose role on the repository is a custom one", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("gets what its base role allows: /debt ignore (write) from a custom role based on write", async () => {
    const command = ignoreCommand("developer");
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    nockReaction(scope, command.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/collaborators/developer/permission`).reply(200, { permission: "write", role_name: "custom-developer", user: { login: "developer" } });
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, replies);
    nockReaction(scope, command.comment.id, "rocket");

    await deliver(app.url, "issue_comment", command);
    await app.drain();

    scope.done();
    expect(replies[0]).toContain("src/gen/**");
    expect(replies[0]).not.toContain("you have");
  });

  it("a custom role based on read is still refused a writing command, named by its base role", async () => {
    const command = ignoreCommand("auditor");
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    nockReaction(scope, command.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/collaborators/auditor/permission`).reply(200, { permission: "read", role_name: "security-auditor", user: { login: "auditor" } });
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, replies);
    nockReaction(scope, command.comment.id, "confused");

    await deliver(app.url, "issue_comment", command);
    await app.drain();

    scope.done();
    expect(replies[0]).toContain("needs the **write** role on this repository; you have **read**");
  });
});
