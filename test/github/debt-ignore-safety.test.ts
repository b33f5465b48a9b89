import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addIgnoredGlob } from "../../src/github/use-cases/debt-ignore.js";
import { deliver } from "../helpers/deliver.js";
import { addedPatch, fileContents } from "../helpers/github-files.js";
import { API, REPO, nockConfig, nockDebtCheck, nockPermission, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

// Issue 9: a writer's glob met a pull request's file names. `(a+)+$` became a backtracking regular
// expression (16 s for one 32-character file name, every other webhook waiting); 111 globs added by
// command made every later check end "Analysis did not finish" with raw validation JSON.

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
/** 32 characters: what took the old matcher 16 s with `(a+)+$`. */
const LONG_NAME = `${"a".repeat(29)}.js`;

describe("user globs against pull-request file names (real app)", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  /** A writer comments `body` on issue 1; returns the reply and the reactions. */
  async function command(body: string, options: { authorised: boolean }): Promise<{ reply: string; reactions: string[] }> {
    const payload = examplePayload("issue_comment", "created");
    payload.comment.body = body;
    const reactions: string[] = [];
    const replies: string[] = [];
    const scope = nockToken(nock(API));
    scope
      .post(`${REPO}/issues/comments/${payload.comment.id}/reactions`, (reaction: { content: string }) => reactions.push(reaction.content) > 0)
      .times(2)
      .reply(201, {});
    nockConfig(scope);
    if (options.authorised) nockPermission(scope, "Codertocat", "write");
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    scope.post(`${REPO}/issues/1/comments`, (reply: { body: string }) => replies.push(reply.body) > 0).reply(201, { id: 1 });

    await deliver(app.url, "issue_comment", payload);
    await app.drain();

    scope.done();
    return { reply: replies[0] ?? "", reactions };
  }

  /** A PR adding one clean file; resolves to the completed check and how long the delivery took. */
  async function pullRequestCheck(path: string): Promise<{ check: any; ms: number }> {
    const completed: any[] = [];
    const scope = nock(API);
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: path, status: "added", patch: addedPatch(CLEAN) }]);
    nockConfig(scope);
    scope.get(`${REPO}/contents/${encodeURIComponent(path)}`).query({ ref: HEAD }).reply(200, fileContents(CLEAN));
    nockDebtCheck(scope, HEAD, completed);
    const started = performance.now();

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    scope.done();
    return { check: completed[0], ms: performance.now() - started };
  }

  it("refuses `/debt ignore (a+)+$` with a reply naming the problem; a PR with a 32-character file name is checked in seconds", async () => {
    const { reply, reactions } = await command("/debt ignore (a+)+$", { authorised: false });

    expect(reply).toContain("looks like a regular expression");
    expect(reply).toContain("/debt ignore <glob>");
    expect(reactions).toEqual(["eyes", "confused"]);

    const { check, ms } = await pullRequestCheck(LONG_NAME);

    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(ms).toBeLessThan(10_000);
  });

  it("matches an accepted worst-case glob against a 64-character file name in linear time", async () => {
    const glob = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b";
    const { reply, reactions } = await command(`/debt ignore ${glob}`, { authorised: true });
    expect(reply).toContain("are no longer analysed");
    expect(reactions).toEqual(["eyes", "rocket"]);

    const { check, ms } = await pullRequestCheck(`${"a".repeat(61)}.js`);

    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    // The old matcher's RegExp took 7 s on 32 characters and doubles with every few more; the automaton takes microseconds.
    expect(ms).toBeLessThan(10_000);
  });

  it("refuses the 101st glob added by command with a reply, and the next check still runs", async () => {
    for (let i = 0; i < 100; i++) await addIgnoredGlob(app.runtime.state, "Codertocat/Hello-World", `gen${i}/**`);

    const { reply, reactions } = await command("/debt ignore gen100/**", { authorised: true });

    expect(reply).toContain("` gen100/** ` was not added: the ignore list holds at most 100 globs");
    expect(reactions).toEqual(["eyes", "confused"]);
    const { check } = await pullRequestCheck("src/add.ts");
    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("a list stored before the limit (111 globs, one refused today) does not stop the check", async () => {
    const stored = ["(a+)+$", ...Array.from({ length: 110 }, (_, i) => `gen${i}/**`)];
    // As an older version stored it, with no limit and the old rules.
    await app.runtime.store.setValue("debt-ignore:Codertocat/Hello-World", JSON.stringify(stored), new Date().toISOString());
    const token = nockToken();

    const { check } = await pullRequestCheck(LONG_NAME);

    token.done();

    expect(check).toMatchObject({ status: "completed", conclusion: "success" });
    expect(JSON.stringify(check.output)).not.toMatch(/too_big|"code"|Analysis did not finish/);
  });
});
