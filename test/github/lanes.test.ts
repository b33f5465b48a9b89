import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

/** A GitHub that never answers: the request stays open. */
const NEVER = () => new Promise<never>(() => undefined);

function pullRequestOpened(number: number) {
  const payload = examplePayload("pull_request", "opened");
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = String(number).repeat(40).slice(0, 40);
  return payload;
}

describe("lanes: commands never wait behind analysis", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it("two PR checks whose file list never answers hold the analysis workers; /help is still answered in seconds", async () => {
    // Two analysis workers (the default), both about to be held by a request GitHub never answers.
    app = await startTestConcord({ workerConcurrency: 2, shutdownMs: 200 });
    // Several deliveries start at once: each may fetch the installation token before it is cached.
    nock(API).persist().post("/app/installations/2/access_tokens").reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" });
    const hung = nock(API);
    hung.get(`${REPO}/pulls/2/files`).query(true).reply(NEVER);
    hung.get(`${REPO}/pulls/3/files`).query(true).reply(NEVER);
    const help = examplePayload("issue_comment", "created");
    help.comment.body = "/help";
    const posted: string[] = [];
    const scope = nock(API);
    nockReaction(scope, help.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, posted);
    nockReaction(scope, help.comment.id, "rocket");

    await deliver(app.url, "pull_request", pullRequestOpened(2), { id: "pr-2-hangs" });
    await deliver(app.url, "pull_request", pullRequestOpened(3), { id: "pr-3-hangs" });
    await waitFor(() => (hung.isDone() ? true : undefined), 10_000);
    const asked = Date.now();
    await deliver(app.url, "issue_comment", help, { id: "help-while-busy" });
    await waitFor(async () => ((await app!.runtime.store.getDelivery("help-while-busy"))?.status === "done" ? true : undefined), 10_000);

    // Seconds at most, on a busy machine; without lanes it waited for the hung checks, for ever.
    expect(Date.now() - asked).toBeLessThan(5_000);
    scope.done();
    expect(posted[0]).toContain("/debt");
    const health = await (await fetch(`${app.url}/healthz`)).json();
    expect(health).toMatchObject({ queueDepth: 2, queueLanes: { interactive: 0, heavy: 2 } });
  });
});
