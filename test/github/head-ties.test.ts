import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const OLDER = "a".repeat(40);
const NEWER = "b".repeat(40);
// Two pushes within the same second: GitHub's updated_at cannot tell them apart.
const SAME_SECOND = "2026-03-01T10:00:00Z";

function push(sha: string) {
  const payload = examplePayload("pull_request", "synchronize");
  payload.pull_request.head.sha = sha;
  payload.pull_request.updated_at = SAME_SECOND;
  return payload;
}

/** GET /pulls/2 as GitHub answers it now: its head is the newer push. */
function nockPullRequest(scope: nock.Scope): nock.Scope {
  return scope.get(`${REPO}/pulls/2`).reply(200, { number: 2, state: "open", head: { sha: NEWER, ref: "feature" }, base: { sha: "f".repeat(40), ref: "main" }, user: { login: "Codertocat" } });
}

function nockChecksFor(scope: nock.Scope, sha: string, sink: any[]): void {
  scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, []);
  nockConfig(scope);
  nockDebtCheck(scope, sha, sink);
}

/** Each push delivered and fully handled before the next. */
async function pushInTurn(app: TestConcord, ...shas: string[]): Promise<void> {
  for (const sha of shas) {
    await deliver(app.url, "pull_request", push(sha));
    await app.drain();
  }
}

async function storedHead(app: TestConcord): Promise<string> {
  return JSON.parse((await app.runtime.store.getValue("pr-head:Codertocat/Hello-World#2"))!).sha;
}

describe("two pushes with the same updated_at", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("newer delivered first: the PR's real head wins, and the late older push is skipped", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockChecksFor(scope, NEWER, completed);
    nockPullRequest(scope);

    await pushInTurn(app, NEWER, OLDER);

    // The older push asked GitHub for the PR once and stopped there: no files, no check for it.
    scope.done();
    expect(await storedHead(app)).toBe(NEWER);
    expect(completed).toEqual([expect.objectContaining({ status: "completed" })]);
    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0, retried: 0 });
  });

  it("older delivered first: the newer push still takes over once the PR confirms it", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockChecksFor(scope, OLDER, completed);
    nockPullRequest(scope);
    nockChecksFor(scope, NEWER, completed);

    await pushInTurn(app, OLDER, NEWER);

    scope.done();
    expect(await storedHead(app)).toBe(NEWER);
    expect(completed).toHaveLength(2);
    expect(app.worker.stats).toMatchObject({ processed: 2, failed: 0, retried: 0 });
  });
});
