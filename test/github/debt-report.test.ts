import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { githubTarball } from "../helpers/tarball.js";
import { API, REPO, nockConfig, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const COMPLEX = readFileSync(new URL("../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");


function reportComment(id: number) {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/debt report";
  payload.comment.id = id;
  return payload;
}

/** Everything one `/debt report` does, up to the living issue; the issue call is left to the caller. */
function nockReport(scope: nock.Scope, commentId: number, sha: string, files: Record<string, string>) {
  scope.post(`${REPO}/issues/comments/${commentId}/reactions`).times(2).reply(201, {});
  nockConfig(scope);
  scope.get(REPO).reply(200, { default_branch: "main" });
  scope.get(`${REPO}/branches/main`).reply(200, { name: "main", commit: { sha } });
  scope.get(`${REPO}/tarball/${sha}`).reply(200, githubTarball(files, sha), { "content-type": "application/x-gzip" });
  scope.get(`${REPO}/commits`).query(true).reply(200, [{ sha }]);
  scope.get(`${REPO}/commits/${sha}`).reply(200, { sha, files: [{ filename: "src/route.ts" }] });
  scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
  scope.post(`${REPO}/issues/1/comments`).reply(201, { id: 1 });
}

describe("/debt report", () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("twice makes one living issue, updated, whose trend shows both scans", async () => {
    const first = "1".repeat(40);
    const second = "2".repeat(40);
    let created: any;
    let updated: any;
    const scope = nockToken(nock(API));
    nockReport(scope, 101, first, { "src/route.ts": COMPLEX, "src/ok.ts": "export const ok = 1;\n" });
    scope.get(`${REPO}/issues`).query((q) => q.labels === "concord:tech-debt").reply(200, []);
    scope
      .post(`${REPO}/issues`, (body: any) => {
        created = body;
        return true;
      })
      .reply(201, { number: 42 });

    await deliver(app.url, "issue_comment", reportComment(101));
    await app.drain();
    scope.done();

    const again = nock(API);
    nockReport(again, 102, second, { "src/route.ts": COMPLEX, "src/more.ts": `${COMPLEX.replace("route", "route2")}\n// TODO: split this\n` });
    again
      .get(`${REPO}/issues`)
      .query((q) => q.labels === "concord:tech-debt")
      .reply(200, [{ number: 42, state: "open", title: created.title, body: created.body, labels: [] }]);
    again
      .patch(`${REPO}/issues/42`, (body: any) => {
        updated = body;
        return true;
      })
      .reply(200, {});

    await deliver(app.url, "issue_comment", reportComment(102));
    await app.drain();
    again.done();

    expect(created.title).toBe("Tech debt report");
    expect(created.labels).toEqual(["concord:tech-debt"]);
    expect(created.body).toContain("<!-- concord:debt-report -->");
    expect(updated.body).toContain("<!-- concord:debt-report -->");
    expect(updated.body).toContain("```mermaid");
    expect(updated.body).toContain(first.slice(0, 7));
    expect(updated.body).toContain(second.slice(0, 7));
    const scans = await app.runtime.debtScans.listScans("Codertocat/Hello-World", 12);
    expect(scans.map((s) => s.sha)).toEqual([first, second]);
    expect(app.worker.stats.failed).toBe(0);
  });
});
