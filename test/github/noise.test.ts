import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setPaused } from "../../src/github/use-cases/pause-state.js";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

/** The calls a quiet PR still makes: its file list (for the config check) and the config. Nothing else. */
function nockQuietPullRequest(config?: string): nock.Scope {
  const scope = nockToken(nock(API));
  scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/a.ts", status: "modified", patch: "@@ -1 +1 @@\n+x" }]);
  nockConfig(scope, config);
  return scope;
}

describe("noise control on pull requests", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function open(payload: unknown) {
    const response = await deliver(app.url, "pull_request", payload);
    await app.drain();
    expect(response.status).toBe(200);
    expect(app.worker.stats.failed).toBe(0);
  }

  it("skips draft pull requests by default", async () => {
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.draft = true;
    const scope = nockQuietPullRequest();

    await open(payload);

    scope.done();
  });

  it("skips pull requests opened by bots by default", async () => {
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.user.type = "Bot";
    const scope = nockQuietPullRequest();

    await open(payload);

    scope.done();
  });

  it("skips pull requests carrying the skip label", async () => {
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.labels = [{ name: "concord:skip" }];
    const scope = nockQuietPullRequest();

    await open(payload);

    scope.done();
  });

  it("stays quiet on a paused pull request until it is resumed", async () => {
    await setPaused(app.runtime.state, { repo: "Codertocat/Hello-World", number: 2 }, true, "octocat");
    const payload = examplePayload("pull_request", "opened");
    // Paused needs no config: only the file list, for the config check that runs regardless.
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/a.ts", status: "modified", patch: "@@ -1 +1 @@\n+x" }]);

    await open(payload);

    scope.done();

    await setPaused(app.runtime.state, { repo: "Codertocat/Hello-World", number: 2 }, false, "octocat");
    // The installation token is still cached.
    const resumed = nock(API);
    resumed.get(`${REPO}/pulls/2/files`).query(true).reply(200, []);
    nockDebtCheck(nockConfig(resumed), payload.pull_request.head.sha);

    await open(payload);

    resumed.done();
  });
});
