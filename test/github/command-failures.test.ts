import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { addedPatch } from "../helpers/github-files.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { nockCheckRuns } from "../helpers/nock-check-runs.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const SHA = "1".repeat(40);
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

function comment(body: string, options: { onPullRequest?: boolean } = {}) {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = body;
  if (options.onPullRequest) payload.issue.pull_request = { url: `https://api.github.com${REPO}/pulls/1` };
  return payload;
}

describe("a command whose work fails for good is answered with what failed, and 😕", () => {
  let app: TestConcord;
  beforeEach(async () => {
    // Two attempts, 10 ms apart: the second is the last.
    app = await startTestConcord({ maxAttempts: 2, backoffMs: 10 });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it.each([404, 500])("/debt report when the tarball answers %i on every attempt", async (status) => {
    const payload = comment("/debt report");
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    for (let attempt = 1; attempt <= 2; attempt++) {
      nockReaction(scope, payload.comment.id, "eyes");
      nockConfig(scope);
      scope.get(REPO).reply(200, { default_branch: "main" });
      scope.get(`${REPO}/branches/main`).reply(200, { name: "main", commit: { sha: SHA } });
      scope.get(`${REPO}/commits`).query(true).reply(200, [{ sha: SHA }]);
      scope.get(`${REPO}/commits/${SHA}`).reply(200, { sha: SHA, files: [] });
    }
    const tarball = nock(API).get(`${REPO}/tarball/${SHA}`).reply(status, { message: status === 404 ? "Not Found" : "Server Error" }).persist();
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, replies);
    nockReaction(scope, payload.comment.id, "confused");

    await deliver(app.url, "issue_comment", payload, { id: `report-${status}` });
    await app.drain();

    scope.done();
    expect(tarball.isDone()).toBe(true);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`\` /debt report \` failed: the archive of Codertocat/Hello-World at 1111111 could not be downloaded: GitHub answered ${status} to GET /repos/Codertocat/Hello-World/tarball/${SHA}.`);
    expect(replies[0]).toContain("Run the command again to retry.");
    const delivery = await app.runtime.store.getDelivery(`report-${status}`);
    expect(delivery).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("/debt on a pull request when its file contents answer 500 on every attempt", async () => {
    const payload = comment("/debt", { onPullRequest: true });
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    for (let attempt = 1; attempt <= 2; attempt++) {
      nockReaction(scope, payload.comment.id, "eyes");
      nockConfig(scope);
      scope.get(`${REPO}/pulls/1`).reply(200, { number: 1, state: "open", head: { sha: HEAD, ref: "feature" }, base: { sha: BASE, ref: "main" } });
      scope.get(`${REPO}/pulls/1/files`).query(true).reply(200, [{ filename: "src/route.ts", status: "added", patch: addedPatch("export const a = 1;\n") }]);
    }
    const runs = nockCheckRuns(nock(API), HEAD);
    const contents = nock(API).get(`${REPO}/contents/src%2Froute.ts`).query(true).reply(500, { message: "Server Error" }).persist();
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, replies);
    nockReaction(scope, payload.comment.id, "confused");

    await deliver(app.url, "issue_comment", payload, { id: "debt-contents-500" });
    await app.drain();

    scope.done();
    expect(contents.isDone()).toBe(true);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/^` \/debt scan ` failed: GitHub did not serve .*src\/route\.ts/m);
    expect(runs).toEqual([expect.objectContaining({ status: "completed", conclusion: "neutral" })]);
    expect(await app.runtime.store.getDelivery("debt-contents-500")).toMatchObject({ status: "failed", attempts: 2 });
  });
});
