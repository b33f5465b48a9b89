import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockPermission, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

function comment(body: string, login = "Codertocat", type = "User") {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = body;
  payload.comment.user.login = login;
  payload.comment.user.type = type;
  payload.sender.login = login;
  payload.sender.type = type;
  return payload;
}

/** Token, 👀 and the config: what every answered command starts with. */
function nockReceipt(commentId: number, config?: string): nock.Scope {
  const scope = nockToken(nock(API));
  nockReaction(scope, commentId, "eyes");
  nockConfig(scope, config);
  return scope;
}

/** One new reply on issue 1 (its body into `posted`), then the closing reaction. */
function nockReply(scope: nock.Scope, commentId: number, posted: string[], reaction: "rocket" | "confused"): void {
  scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
  nockCreateComment(scope, 1, posted);
  nockReaction(scope, commentId, reaction);
}

describe("slash-commands through the app", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function send(payload: unknown, id?: string) {
    const response = await deliver(app.url, "issue_comment", payload, id ? { id } : {});
    await app.drain();
    expect(response.status).toBe(200);
  }

  it("answers /help from a read-only user without asking for permissions", async () => {
    const payload = comment("/help", "reader");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockReply(scope, payload.comment.id, posted, "rocket");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("/incident declare [sev1-4] <title>");
  });

  it("refuses a writing command from a read-only user, naming the role needed", async () => {
    const payload = comment("/concord pause", "reader");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockPermission(scope, "reader", "read");
    nockReply(scope, payload.comment.id, posted, "confused");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("needs the **write** role");
    expect(posted[0]).toContain("you have **read**");
    expect(await app.runtime.store.getValue("paused:Codertocat/Hello-World#1")).toBeUndefined();
  });

  it("denies when the permission lookup fails (fail closed)", async () => {
    const payload = comment("/concord pause", "stranger");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    scope.get(`${REPO}/collaborators/stranger/permission`).reply(404, { message: "Not Found" });
    nockReply(scope, payload.comment.id, posted, "confused");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("you have **none**");
  });

  it.each(["write", "maintain", "admin"])("runs a writing command for a %s user", async (role) => {
    const payload = comment("/concord pause", "writer");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockPermission(scope, "writer", role);
    nockReply(scope, payload.comment.id, posted, "rocket");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("Concord is paused");
    expect(await app.runtime.store.getValue("paused:Codertocat/Hello-World#1")).toBeDefined();
  });

  it("lets the config raise a command's role", async () => {
    const payload = comment("/help", "reader");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id, "commands:\n  roles:\n    help: write\n");
    nockPermission(scope, "reader", "read");
    nockReply(scope, payload.comment.id, posted, "confused");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("needs the **write** role");
  });

  it("ignores commands from bots, Concord itself included", async () => {
    await send(comment("/concord pause", "concord[bot]", "Bot"));
    await send(comment("/help", "dependabot[bot]", "Bot"));

    // No nock scope at all: any GitHub call would fail the test (net connect is disabled).
    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0, retried: 0 });
  });

  it("answers an unknown command and bad arguments with usage, and reacts confused", async () => {
    const payload = comment("/frobnicate now\n/migrate plan react\n/incident declare sev9 x");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    scope.get(`${REPO}/issues/1/comments`).query(true).times(3).reply(200, []);
    nockCreateComment(scope, 1, posted);
    nockCreateComment(scope, 1, posted, 9001);
    nockCreateComment(scope, 1, posted, 9002);
    nockReaction(scope, payload.comment.id, "confused");

    await send(payload);

    scope.done();
    expect(posted).toHaveLength(3);
    expect(posted[0]).toContain("unknown command");
    expect(posted[0]).toContain("/help");
    expect(posted[1]).toContain("/migrate plan <package> <version>");
    expect(posted[2]).toContain("/incident declare [sev1-4] <title>");
  });

  it("never echoes a mention or markup from the sender's arguments", async () => {
    const payload = comment("/help @org/team **APPROVED** <img src=x>");
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockReply(scope, payload.comment.id, posted, "confused");

    await send(payload);

    scope.done();
    expect(posted[0]).toContain("unexpected argument");
    expect(posted[0]).not.toMatch(/(^|\s|")@org/);
    expect(posted[0]).not.toContain("<img");
  });

  it("edits its reply in place when the same comment is processed again", async () => {
    const payload = comment("/help");
    const scope = nockReceipt(payload.comment.id);
    scope
      .get(`${REPO}/issues/1/comments`)
      .query(true)
      .reply(200, [{ id: 77, body: `<!-- concord:reply:${payload.comment.id}-1 -->\nold`, user: { login: "concord[bot]", type: "Bot" } }]);
    let edited = "";
    scope
      .patch(`${REPO}/issues/comments/77`, (body: { body: string }) => {
        edited = body.body;
        return true;
      })
      .reply(200, {});
    nockReaction(scope, payload.comment.id, "rocket");

    await send(payload);

    scope.done();
    expect(edited).toContain("/debt");
  });

  it("runs only the commands an edit adds", async () => {
    const payload = examplePayload("issue_comment", "edited");
    payload.comment.body = "/frobnicate\n/help";
    payload.changes = { body: { from: "/frobnicate" } };
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockReply(scope, payload.comment.id, posted, "rocket");

    await send(payload);

    scope.done();
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain("/debt");
  });

  it("survives a 100,000-character comment", async () => {
    const payload = comment(`${"x".repeat(50_000)}\n/frobnicate ${"y".repeat(50_000)}`);
    const posted: string[] = [];
    const scope = nockReceipt(payload.comment.id);
    nockReply(scope, payload.comment.id, posted, "confused");

    await send(payload);

    scope.done();
    expect(posted[0]!.length).toBeLessThan(65_536);
  });
});
