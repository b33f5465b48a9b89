import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { addedPatch, fileContents as contents } from "../helpers/github-files.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const COMPLEX = readFileSync(new URL("../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

function nockPullRequest(scope: nock.Scope, path: string, text: string) {
  scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: path, status: "added", patch: addedPatch(text) }]);
  nockConfig(scope);
  scope.get(`${REPO}/contents/${encodeURIComponent(path)}`).query({ ref: HEAD }).reply(200, contents(text));
}

describe('"Concord / tech debt" check on pull requests', () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("fails a PR that adds a complex function, annotating the function's line", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockPullRequest(scope, "src/route.ts", COMPLEX);
    nockDebtCheck(scope, HEAD, completed);

    const response = await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-complex" });
    await app.drain();

    expect(response.status).toBe(200);
    scope.done();
    const check = completed[0];
    expect(check).toMatchObject({ status: "completed", conclusion: "failure", external_id: `debt:${HEAD}` });
    expect(check.output.summary).toContain("route");
    const cognitive = check.output.annotations.find((a: any) => /cognitive/i.test(`${a.title} ${a.message}`));
    expect(cognitive).toMatchObject({ path: "src/route.ts", start_line: 3, annotation_level: "failure" });
    expect(check.output.annotations.every((a: any) => a.path === "src/route.ts")).toBe(true);
  });

  it("reports debt added in a test file apart and does not fail on it", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockPullRequest(scope, "src/route.test.ts", COMPLEX);
    nockDebtCheck(scope, HEAD, completed);

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    scope.done();
    expect(completed[0]).toMatchObject({ conclusion: "success" });
    expect(completed[0].output.summary).toMatch(/\*\*Test code\*\* \(not gated\): \d+ new items?/);
    expect(completed[0].output.annotations ?? []).toEqual([]);
  });

  it("makes one finding of code the PR copies, annotated where it was copied to", async () => {
    const body = COMPLEX.replace(/route/g, "handler");
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    const files = { "src/a-original.ts": COMPLEX, "src/b-copy.ts": `// copied\n${body}` };
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [
      { filename: "src/a-original.ts", status: "modified", patch: "@@ -1,1 +1,1 @@\n-x\n+export const x = 1;" },
      { filename: "src/b-copy.ts", status: "added", patch: addedPatch(files["src/b-copy.ts"]) },
    ]);
    nockConfig(scope);
    for (const [path, text] of Object.entries(files)) scope.get(`${REPO}/contents/${encodeURIComponent(path)}`).query({ ref: HEAD }).reply(200, contents(text));
    scope.get(`${REPO}/contents/${encodeURIComponent("src/a-original.ts")}`).query({ ref: BASE }).reply(200, contents(COMPLEX));
    nockDebtCheck(scope, HEAD, completed);

    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.base.sha = BASE;
    await deliver(app.url, "pull_request", payload);
    await app.drain();

    scope.done();
    const clones = completed[0].output.annotations.filter((a: any) => a.title.startsWith("duplicated-code"));
    expect(clones).toHaveLength(1);
    expect(clones[0]).toMatchObject({ path: "src/b-copy.ts" });
    expect(clones[0].message).toMatch(/are duplicated at src\/b-copy\.ts:/);
  });

  it("passes a clean PR", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockPullRequest(scope, "src/add.ts", CLEAN);
    nockDebtCheck(scope, HEAD, completed);

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    scope.done();
    expect(completed[0]).toMatchObject({ conclusion: "success" });
    expect(completed[0].output.annotations ?? []).toEqual([]);
  });

  it("a redelivery creates no second check run; another event for the same SHA updates the one there is", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockPullRequest(scope, "src/route.ts", COMPLEX);
    nockDebtCheck(scope, HEAD, completed);

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-once" });
    await app.drain();
    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-once" });
    await app.drain();
    scope.done();

    // A different delivery (reopened) for the same head: the run the first one recorded is updated by
    // its id (no lookup), never re-created.
    const again = nock(API);
    nockPullRequest(again, "src/route.ts", COMPLEX);
    again
      .patch(`${REPO}/check-runs/31`)
      .times(2)
      .reply(200, {});
    await deliver(app.url, "pull_request", examplePayload("pull_request", "reopened"), { id: "pr-reopened" });
    await app.drain();

    again.done();
    expect(completed).toHaveLength(1);
  });
});

describe("Re-run on the check run", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** A real check_run.rerequested payload, moved onto Concord's check in the test repository. */
  function rerequested(sha: string, pullRequests: unknown[]) {
    const payload = examplePayload("check_run", "rerequested");
    payload.repository.name = "Hello-World";
    payload.repository.full_name = "Codertocat/Hello-World";
    payload.repository.owner.login = "Codertocat";
    payload.check_run.name = "Concord / tech debt";
    payload.check_run.head_sha = sha;
    payload.check_run.pull_requests = pullRequests;
    return payload;
  }

  it("analyses the head again and updates its run; a fork PR is found by its head SHA", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    nockConfig(scope);
    scope.get(`${REPO}/commits/${HEAD}/pulls`).reply(200, [{ number: 2, state: "open", head: { sha: HEAD } }]);
    scope.get(`${REPO}/pulls/2`).reply(200, { number: 2, head: { sha: HEAD }, base: { sha: BASE } });
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/route.ts", status: "added", patch: addedPatch(COMPLEX) }]);
    scope.get(`${REPO}/contents/src%2Froute.ts`).query({ ref: HEAD }).reply(200, contents(COMPLEX));
    nockDebtCheck(scope, HEAD, completed);

    await deliver(app.url, "check_run", rerequested(HEAD, []));
    await app.drain();

    scope.done();
    expect(completed[0]).toMatchObject({ conclusion: "failure" });
  });

  it("leaves a run for a head the PR has moved past alone", async () => {
    const scope = nockToken(nock(API));
    nockConfig(scope);
    scope.get(`${REPO}/pulls/2`).reply(200, { number: 2, head: { sha: "f".repeat(40) }, base: { sha: BASE } });

    await deliver(app.url, "check_run", rerequested(HEAD, [{ number: 2, head: { sha: HEAD } }]));
    await app.drain();

    scope.done();
    expect(app.worker.stats).toMatchObject({ processed: 1, failed: 0 });
  });
});

describe("/debt ignore", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("a writer's glob keeps matching files out of the next check", async () => {
    const command = examplePayload("issue_comment", "created");
    command.comment.body = "/debt ignore src/gen/**";
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    scope.post(`${REPO}/issues/comments/${command.comment.id}/reactions`).times(2).reply(201, {});
    nockConfig(scope);
    scope.get(`${REPO}/collaborators/Codertocat/permission`).reply(200, { permission: "write", role_name: "write" });
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    scope.post(`${REPO}/issues/1/comments`).reply(201, (_uri: string, body: any) => {
      replies.push(body.body);
      return { id: 1 };
    });
    await deliver(app.url, "issue_comment", command);
    await app.drain();
    scope.done();
    expect(replies[0]).toContain("src/gen/**");

    // The PR adds the same complex function under the ignored folder: not read, not reported.
    const completed: any[] = [];
    const pr = nock(API);
    pr.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/gen/route.ts", status: "added", patch: addedPatch(COMPLEX) }]);
    nockConfig(pr);
    nockDebtCheck(pr, HEAD, completed);
    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    pr.done();
    expect(completed[0]).toMatchObject({ conclusion: "success" });
    expect(app.worker.stats.failed).toBe(0);
  });
});

describe("when the analysis cannot finish", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord({ maxAttempts: 2, backoffMs: 5 });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("a file GitHub fails to serve never yields a green check: neutral with the reason at once, and retried without spinning again", async () => {
    const bodies: any[] = [];
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).times(2).reply(200, [{ filename: "src/add.ts", status: "added", patch: addedPatch(CLEAN) }]);
    scope.get(`${REPO}/contents/.github%2Fconcord.yml`).times(2).reply(404, {});
    scope.get(`${REPO}/contents/src%2Fadd.ts`).query({ ref: HEAD }).times(2).reply(502, { message: "Bad Gateway" });
    scope
      .get(`${REPO}/commits/${HEAD}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${REPO}/check-runs`)
      .reply(201, { id: 8 })
      // Each attempt completes the run by the id the first one recorded; the retry never sets it in progress again.
      .patch(`${REPO}/check-runs/8`, (body: any) => {
        bodies.push(body);
        return true;
      })
      .times(2)
      .reply(200, {});

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    scope.done();
    expect(bodies.every((body) => body.status === "completed" && body.conclusion === "neutral")).toBe(true);
    const last = bodies.at(-1);
    expect(last.output.title).toBe("Comparison unknown: 1 file not read at head");
    expect(last.output.summary).toContain("src/add.ts");
    expect(bodies.some((b) => b.conclusion === "success")).toBe(false);
    expect(app.worker.stats).toMatchObject({ retried: 1, failed: 1 });
  });
});

describe("/debt on a pull request", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("re-runs the check and keeps one sticky tech-debt comment", async () => {
    const payload = examplePayload("issue_comment", "created");
    payload.comment.body = "/debt";
    payload.issue.number = 2;
    payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
    const completed: any[] = [];
    const comments: string[] = [];
    const scope = nockToken(nock(API));
    scope.post(`${REPO}/issues/comments/${payload.comment.id}/reactions`).times(2).reply(201, {});
    nockConfig(scope);
    scope.get(`${REPO}/pulls/2`).reply(200, { number: 2, head: { sha: HEAD }, base: { sha: BASE } });
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/route.ts", status: "added", patch: addedPatch(COMPLEX) }]);
    scope.get(`${REPO}/contents/src%2Froute.ts`).query({ ref: HEAD }).reply(200, contents(COMPLEX));
    nockDebtCheck(scope, HEAD, completed);
    scope
      .get(`${REPO}/issues/2/comments`)
      .query(true)
      .times(2)
      .reply(200, [])
      .post(`${REPO}/issues/2/comments`)
      .times(2)
      .reply(201, (_uri: string, body: any) => {
        comments.push(body.body);
        return { id: comments.length };
      });

    await deliver(app.url, "issue_comment", payload);
    await app.drain();

    scope.done();
    expect(completed[0].conclusion).toBe("failure");
    const sticky = comments.find((c) => c.includes("<!-- concord:debt -->"));
    expect(sticky).toContain("route");
    expect(comments.find((c) => c.includes("<!-- concord:reply:"))).toContain("Concord / tech debt");
  });
});
