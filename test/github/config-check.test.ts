import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

function nockHeadConfig(scope: nock.Scope, yaml: string) {
  scope
    .get(`${REPO}/contents/.github%2Fconcord.yml`)
    .query({ ref: HEAD })
    .reply(200, { type: "file", encoding: "base64", content: Buffer.from(yaml).toString("base64") });
}

describe('"Concord / config" check', () => {
  let app: TestConcord;
  beforeEach(async () => {
    app = await startTestConcord();
  });
  afterEach(async () => {
    await app.cleanup();
  });

  async function openPullRequestChangingConfig(yaml: string) {
    const payload = examplePayload("pull_request", "opened");
    const checks: any[] = [];
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: ".github/concord.yml", status: "modified", patch: "@@ -0,0 +1 @@\n+x" }]);
    nockHeadConfig(scope, yaml);
    scope.get(`${REPO}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    scope
      .post(`${REPO}/check-runs`, (body: any) => {
        if (body.name !== "Concord / config") return false;
        checks.push(body);
        return true;
      })
      .reply(201, { id: 5 });
    nockConfig(scope);
    // The debt check still runs (on no script files) and passes.
    nockDebtCheck(scope, HEAD);
    const response = await deliver(app.url, "pull_request", payload);
    await app.drain();
    expect(response.status).toBe(200);
    scope.done();
    return checks;
  }

  it("fails on the PR head and names every bad key", async () => {
    const checks = await openPullRequestChangingConfig("techDebt:\n  thresholds:\n    cognitive: lots\n  colour: blue\n");

    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: "Concord / config", head_sha: HEAD, status: "completed", conclusion: "failure" });
    expect(checks[0].output.summary).toContain("techDebt.thresholds.cognitive");
    expect(checks[0].output.summary).toContain("techDebt.colour");
    expect(checks[0].output.summary).not.toContain('"code":');
    expect(checks[0].output.annotations[0]).toMatchObject({ path: ".github/concord.yml", annotation_level: "failure" });
  });

  it("succeeds for a valid file", async () => {
    const checks = await openPullRequestChangingConfig("techDebt:\n  thresholds:\n    cognitive: 20\n");

    expect(checks[0]).toMatchObject({ name: "Concord / config", conclusion: "success" });
  });
});
