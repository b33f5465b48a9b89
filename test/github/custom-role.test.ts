import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

describe("a user whose role on the repository is a custom one", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** `/debt ignore` (a writing command) from `login`, whose custom role GitHub reports with its base `permission`; resolves with Concord's reply, its last reaction `reaction`. */
  async function ignoreFrom(login: string, role: { permission: string; role_name: string }, reaction: string): Promise<string | undefined> {
    const command = examplePayload("issue_comment", "created");
    command.comment.body = "/debt ignore src/gen/**";
    command.comment.user.login = login;
    command.sender.login = login;
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    nockReaction(scope, command.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/collaborators/${login}/permission`).reply(200, { ...role, user: { login } });
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, replies);
    nockReaction(scope, command.comment.id, reaction);

    await deliver(app.url, "issue_comment", command);
    await app.drain();

    scope.done();
    return replies[0];
  }

  it("gets what its base role allows: /debt ignore (write) from a custom role based on write", async () => {
    const reply = await ignoreFrom("developer", { permission: "write", role_name: "custom-developer" }, "rocket");

    expect(reply).toContain("src/gen/**");
    expect(reply).not.toContain("you have");
  });

  it("a custom role based on read is still refused a writing command, named by its base role", async () => {
    const reply = await ignoreFrom("auditor", { permission: "read", role_name: "security-auditor" }, "confused");

    expect(reply).toContain("needs the **write** role on this repository; you have **read**");
  });
});
