import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { applyChangeSet } from "../../src/github/effects/apply-change-set.js";
import { ensureLivingIssue } from "../../src/github/outputs/living-issue.js";
import type { Effect } from "../../src/protocol/effects.js";
import { FakeGitHub } from "../fakes/fake-github.js";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { createTestProbot, startTestConcord, type TestConcord } from "../helpers/test-probot.js";

/** A create that GitHub carries out but whose answer is lost: a 502 from its front end. */
function answerLost<Input>(create: (input: Input) => Promise<unknown>): (input: Input) => Promise<never> {
  return async (input) => {
    await create(input);
    throw Object.assign(new Error("Bad Gateway"), { status: 502 });
  };
}

describe("a create whose answer is lost after GitHub carried it out", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
  });

  // The production client: Probot's retry on (it retries 5xx), GitHub's seconds shortened.
  it.each([
    ["answers 502", (reply: nock.Interceptor) => reply.reply(502, { message: "Server Error" })],
    ["never answers", (reply: nock.Interceptor) => reply.reply(() => new Promise<never>(() => undefined))],
  ])("the reply to a command %s: the comment is found again by its marker, never posted twice", async (_case, lose) => {
    app = await startTestConcord({ probot: createTestProbot({ retry: true, retryAfterBaseMs: 10, requestTimeoutMs: 300 }), maxAttempts: 1 });
    const payload = examplePayload("issue_comment", "created");
    payload.comment.body = "/help";
    const posted: string[] = [];
    const scope = nockToken(nock(API));
    nockReaction(scope, payload.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    lose(
      scope.post(`${REPO}/issues/1/comments`, (body: { body: string }) => {
        posted.push(body.body);
        return true;
      }),
    );
    // GitHub has the comment all the same.
    scope
      .get(`${REPO}/issues/1/comments`)
      .query(true)
      .reply(200, () => [{ id: 77, body: posted[0], user: { login: "concord[bot]", type: "Bot" } }]);
    nockReaction(scope, payload.comment.id, "rocket");

    await deliver(app.url, "issue_comment", payload, { id: "lost-answer" });
    await app.drain();

    scope.done();
    expect(posted).toHaveLength(1);
    expect(await app.runtime.store.getDelivery("lost-answer")).toMatchObject({ status: "done", attempts: 1 });
  });

  it("a living issue: found again by its marker, not opened twice", async () => {
    const github = new FakeGitHub();
    github.issues.create = answerLost(github.issues.create.bind(github.issues));

    const issue = await ensureLivingIssue(github, { kind: "debt-report", title: "Tech debt report", body: "B", labels: ["concord"] });

    expect([...github.issuesById.values()]).toHaveLength(1);
    expect(issue).toEqual({ number: [...github.issuesById.keys()][0], created: true });
  });

  it("a change set's pull request: found again by its branch, not opened twice", async () => {
    const github = new FakeGitHub();
    github.pulls.create = answerLost(github.pulls.create.bind(github.pulls));
    const effect: Extract<Effect, { kind: "change-set" }> = {
      kind: "change-set",
      base: "main",
      branch: "concord/migration/react",
      title: "Upgrade",
      body: "Steps",
      draft: true,
      marker: { kind: "change-set", key: "react" },
      commits: [{ message: "Bump", files: [{ path: "package.json", content: "{}" }] }],
    };

    const { pullNumber } = await applyChangeSet(github, effect);

    expect([...github.pullsById.values()].map((pull) => pull.number)).toEqual([pullNumber]);
  });

  it("a refusal (4xx) is not looked for again: nothing was created", async () => {
    const github = new FakeGitHub();
    github.issues.create = () => Promise.reject(Object.assign(new Error("Validation Failed"), { status: 422 }));
    const list = github.issues.list.bind(github.issues);
    let lookups = 0;
    github.issues.list = (label) => {
      lookups++;
      return list(label);
    };

    await expect(ensureLivingIssue(github, { kind: "debt-report", title: "T", body: "B", labels: ["concord"] })).rejects.toThrow("Validation Failed");
    expect(lookups).toBe(1);
  });
});
