import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { fileContents } from "../helpers/github-files.js";
import { API, REPO } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CONFIG = ".github/concord.yml";

/**
 * GitHub for one PR head, answering every read as often as it is asked, and slow to create a check
 * run: every delivery looks for the run before the first create is answered. Records what was created
 * and updated.
 */
function githubForOneHead() {
  const created: any[] = [];
  const updated: { id: number; body: any }[] = [];
  const scope = nock(API)
    .persist()
    .post("/app/installations/2/access_tokens")
    .reply(201, { token: "t", expires_at: "2099-01-01T00:00:00Z" })
    .get(`${REPO}/pulls/2`)
    .reply(200, { number: 2, state: "open", head: { sha: HEAD, ref: "changes" }, base: { sha: "f".repeat(40), ref: "master" }, user: { login: "Codertocat" } })
    .get(`${REPO}/pulls/2/files`)
    .query(true)
    .reply(200, [{ filename: CONFIG, status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }])
    .get(`${REPO}/contents/${encodeURIComponent(CONFIG)}`)
    .reply(404, { message: "Not Found" })
    .get(`${REPO}/contents/${encodeURIComponent(CONFIG)}`)
    .query({ ref: HEAD })
    .reply(200, fileContents("techDebt:\n  gate:\n    failOn: [critical]\n"))
    .get(`${REPO}/commits/${HEAD}/check-runs`)
    .query(true)
    .reply(200, { total_count: 0, check_runs: [] })
    .post(`${REPO}/check-runs`, (body) => {
      created.push(body);
      return true;
    })
    .delay(400)
    .reply(201, (_uri, body: any) => ({ id: body.name === "Concord / config" ? 41 : 31 }))
    .patch(/\/check-runs\/\d+$/, () => true)
    .reply(200, (uri, body) => {
      updated.push({ id: Number(uri.split("/").pop()), body });
      return {};
    });
  return { scope, created, updated };
}

describe("several deliveries for the same PR head at once", () => {
  let app: TestConcord;
  beforeEach(async () => {
    // Enough analysis workers that the three deliveries really run side by side. The tech-debt agent takes
    // fewer tasks at once, and a delivery it turns away is retried: retries must not make more runs either.
    app = await startTestConcord({ workerConcurrency: 3, maxAttempts: 6, backoffMs: 50 });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("opened, reopened and a re-run of the check make one check run per name and head", async () => {
    const github = githubForOneHead();
    const rerun = examplePayload("check_run", "created");
    rerun.action = "rerequested";
    rerun.check_run.name = "Concord / tech debt";

    const answers = await Promise.all([
      deliver(app.url, "pull_request", examplePayload("pull_request", "opened")),
      deliver(app.url, "pull_request", examplePayload("pull_request", "reopened")),
      deliver(app.url, "check_run", rerun),
    ]);
    await app.drain();

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(app.worker.stats).toMatchObject({ processed: 3, failed: 0 });
    expect(github.created.map((body) => `${body.name} @ ${body.head_sha}`).sort()).toEqual([`Concord / config @ ${HEAD}`, `Concord / tech debt @ ${HEAD}`]);
    // Every delivery worked on those two runs, and each ended completed.
    const last = (id: number) => github.updated.filter((update) => update.id === id).at(-1)?.body;
    expect(github.updated.every((update) => update.id === 31 || update.id === 41)).toBe(true);
    expect(last(31)).toMatchObject({ status: "completed", conclusion: "success" });
    github.scope.persist(false);
    nock.cleanAll();
  });
});
