import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { addedPatch, fileContents } from "../helpers/github-files.js";
import { API, REPO } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const COMPLEX = readFileSync(new URL("../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");

/**
 * GitHub for PR #2 whose file contents always answer 500 at one side (`failing`) and are served at
 * the other. Records, in order, each contents read and each check-run write.
 */
function githubFailingAt(failing: string, files: { filename: string; status: string; patch: string }[]) {
  const events: string[] = [];
  const writes: any[] = [];
  const check = (body: any) => {
    writes.push(body);
    events.push(`check ${body.status ?? ""}`);
    return true;
  };
  nock(API)
    .persist()
    .post("/app/installations/2/access_tokens")
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
    .get(`${REPO}/pulls/2/files`)
    .query(true)
    .reply(200, files)
    .get(`${REPO}/contents/.github%2Fconcord.yml`)
    .reply(404, { message: "Not Found" })
    .get(/\/contents\/src%2F/)
    .query(true)
    .reply((uri) => {
      const ref = new URL(uri, API).searchParams.get("ref");
      events.push(`read ${ref === failing ? "failing" : "served"}`);
      return ref === failing ? [500, { message: "Server Error" }] : [200, fileContents(COMPLEX)];
    })
    .get(`${REPO}/commits/${HEAD}/check-runs`)
    .query(true)
    .reply(200, { total_count: 0, check_runs: [] })
    .post(`${REPO}/check-runs`, check)
    .reply(201, { id: 31 })
    .patch(`${REPO}/check-runs/31`, check)
    .reply(200, {});
  return { events, writes };
}

/** The check writes after it was first completed: none may set it spinning again. */
function afterFirstCompletion(writes: any[]): any[] {
  return writes.slice(writes.findIndex((body) => body.status === "completed") + 1);
}

describe("a side of the PR that GitHub does not serve", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord({ maxAttempts: 3, backoffMs: 10 });
  });
  afterEach(async () => {
    nock.cleanAll();
    await app.cleanup();
  });

  it("base-side contents always 500: neutral, the comparison is unknown (never 'everything is new')", async () => {
    const github = githubFailingAt(BASE, [{ filename: "src/route.ts", status: "modified", patch: addedPatch(COMPLEX) }]);
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.base.sha = BASE;

    await deliver(app.url, "pull_request", payload);
    await app.drain();

    const completed = github.writes.filter((body) => body.status === "completed");
    expect(completed.length).toBeGreaterThan(0);
    for (const body of completed) {
      expect(body).toMatchObject({ conclusion: "neutral", output: { title: "Comparison unknown: 1 file not read at base" } });
      expect(body.output.summary).toContain("src/route.ts");
      expect(body.output.summary).not.toMatch(/new debt/i);
      expect(body.output.annotations ?? []).toEqual([]);
    }
    // The base could not be read, so the head was not read either: nothing to compare it with.
    expect(github.events.filter((event) => event === "read served")).toEqual([]);
    expect(app.worker.stats).toMatchObject({ failed: 1, retried: 2 });
  });

  it("head-side contents always 500: settles neutral after the first failed read, and retries never set it spinning again", async () => {
    const names = Array.from({ length: 24 }, (_, i) => `src/file-${String(i).padStart(2, "0")}.ts`);
    const github = githubFailingAt(
      HEAD,
      names.map((filename) => ({ filename, status: "added", patch: addedPatch(COMPLEX) })),
    );

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    // Reads already under way when the first one failed finish; no other file is asked for before the check settles.
    const beforeSettled = github.events.slice(0, github.events.indexOf("check completed"));
    expect(beforeSettled.filter((event) => event === "read failing").length).toBeLessThanOrEqual(8);
    const [first] = github.writes.filter((body) => body.status === "completed");
    expect(first).toMatchObject({ conclusion: "neutral", output: { title: "Comparison unknown: 24 files not read at head" } });
    expect(first.output.summary).toContain("src/file-00.ts");
    expect(first.output.summary).toContain("and 4 more files");
    // The delivery was retried in the background; the check stayed settled throughout.
    expect(app.worker.stats).toMatchObject({ failed: 1, retried: 2 });
    expect(afterFirstCompletion(github.writes).every((body) => body.status === "completed" && body.conclusion === "neutral")).toBe(true);
  });
});
