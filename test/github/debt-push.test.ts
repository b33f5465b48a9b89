import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import { deliver } from "../helpers/deliver.js";
import { githubTarball } from "../helpers/tarball.js";
import { API, REPO, nockConfig, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

function push(sha: string, ref = "refs/heads/master") {
  const payload = examplePayload("push", undefined, 4);
  payload.ref = ref;
  payload.after = sha;
  return payload;
}

/** A push's report up to the living issue: config, tarball and churn. */
function nockScan(scope: nock.Scope, sha: string, files: Record<string, string>, config?: string) {
  nockConfig(scope, config);
  scope.get(`${REPO}/tarball/${sha}`).reply(200, githubTarball(files, sha));
  scope.get(`${REPO}/commits`).query(true).reply(200, []);
}

const treeFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith("concord-tree-"));

describe("default-branch pushes refresh the tech-debt report", () => {
  let app: TestConcord;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock("2026-06-01T12:00:00Z");
    app = await startTestConcord({ clock });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function send(payload: unknown) {
    await deliver(app.url, "push", payload);
    await app.drain();
    expect(app.worker.stats.failed).toBe(0);
  }

  it("at most once per interval, and never for tags; the downloaded tree is removed", async () => {
    const before = treeFolders();
    const scope = nockToken(nock(API));
    nockScan(scope, "a".repeat(40), { "src/a.ts": "export const a = 1;\n" });
    scope.get(`${REPO}/issues`).query(true).reply(200, []);
    scope.post(`${REPO}/issues`).reply(201, { number: 7 });

    await send(push("a".repeat(40)));
    scope.done();

    // Ten minutes later: inside the 60-minute interval, only the config is read.
    clock.advance(10 * 60_000);
    const quiet = nockConfig(nock(API));
    await send(push("b".repeat(40)));
    quiet.done();

    // A tag push is not the default branch: nothing at all.
    await send(push("c".repeat(40), "refs/tags/v1"));

    // After the interval the report is refreshed in place.
    clock.advance(60 * 60_000);
    const later = nock(API);
    nockScan(later, "d".repeat(40), { "src/a.ts": "export const a = 2;\n" });
    later.get(`${REPO}/issues`).query(true).reply(200, [{ number: 7, state: "open", title: "Tech debt report", body: "<!-- concord:debt-report -->\nold", labels: [] }]);
    later.patch(`${REPO}/issues/7`).reply(200, {});
    await send(push("d".repeat(40)));
    later.done();

    expect((await app.runtime.debtScans.listScans("Codertocat/Hello-World", 12)).map((s) => s.sha[0])).toEqual(["a", "d"]);
    expect(treeFolders()).toEqual(before);
  });

  it("with todoIssues on: one issue per TODO, kept when the TODO moves, closed when it goes", async () => {
    const config = "techDebt:\n  todoIssues: true\n  reportIntervalMinutes: 5\n";
    const todo = "// TODO: retry the upload when the network is back\nexport const upload = 1;\n";
    const moved = "export const before = 0;\n\nexport const upload = 1;\n// TODO: retry the upload when the network is back\n";
    let todoIssue: any;

    const first = nockToken(nock(API));
    nockScan(first, "1".repeat(40), { "src/up.ts": todo }, config);
    first.get(`${REPO}/issues`).query((q) => q.labels === "concord:tech-debt").reply(200, []);
    first.post(`${REPO}/issues`, (b: any) => b.labels[0] === "concord:tech-debt").reply(201, { number: 1 });
    first.get(`${REPO}/issues`).query((q) => q.labels === "concord:todo").reply(200, []);
    first
      .post(`${REPO}/issues`, (b: any) => {
        todoIssue = b;
        return b.labels[0] === "concord:todo";
      })
      .reply(201, { number: 2 });
    await send(push("1".repeat(40)));
    first.done();
    expect(todoIssue.title).toBe("TODO: retry the upload when the network is back");
    expect(todoIssue.body).toMatch(/<!-- concord:todo:[0-9a-f]+ -->/);

    // The TODO moved (as after a squash merge of an unrelated change): no new issue, nothing closed.
    clock.advance(6 * 60_000);
    const second = nock(API);
    nockScan(second, "2".repeat(40), { "src/up.ts": moved }, config);
    second.get(`${REPO}/issues`).query((q) => q.labels === "concord:tech-debt").reply(200, [{ number: 1, state: "open", title: "Tech debt report", body: "<!-- concord:debt-report -->", labels: [] }]);
    second.patch(`${REPO}/issues/1`).reply(200, {});
    second.get(`${REPO}/issues`).query((q) => q.labels === "concord:todo").reply(200, [{ number: 2, state: "open", body: todoIssue.body, labels: [] }]);
    await send(push("2".repeat(40)));
    second.done();

    // The TODO is gone: its issue is closed.
    clock.advance(6 * 60_000);
    const third = nock(API);
    nockScan(third, "3".repeat(40), { "src/up.ts": "export const upload = 1;\n" }, config);
    third.get(`${REPO}/issues`).query((q) => q.labels === "concord:tech-debt").reply(200, [{ number: 1, state: "open", title: "Tech debt report", body: "<!-- concord:debt-report -->", labels: [] }]);
    third.patch(`${REPO}/issues/1`).reply(200, {});
    third.get(`${REPO}/issues`).query((q) => q.labels === "concord:todo").reply(200, [{ number: 2, state: "open", body: todoIssue.body, labels: [] }]);
    third.patch(`${REPO}/issues/2`, (b: any) => b.state === "closed").reply(200, {});
    await send(push("3".repeat(40)));
    third.done();
  });
});
