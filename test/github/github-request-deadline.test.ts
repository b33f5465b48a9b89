import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { addedPatch, fileContents } from "../helpers/github-files.js";
import { API, REPO, nockConfig, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { createTestProbot, startTestConcord, type TestConcord } from "../helpers/test-probot.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

/** GitHub holds the request open and never answers. */
const never = () => new Promise<never>(() => undefined);

describe("a GitHub request that never answers", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
  });

  it("the completing PATCH of a check: given up after the request timeout, and the check ends neutral with the reason", async () => {
    app = await startTestConcord({ probot: createTestProbot({ requestTimeoutMs: 300 }), maxAttempts: 1 });
    const neutral: any[] = [];
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [{ filename: "src/add.ts", status: "added", patch: addedPatch(CLEAN) }]);
    nockConfig(scope);
    scope.get(`${REPO}/contents/src%2Fadd.ts`).query({ ref: HEAD }).reply(200, fileContents(CLEAN));
    scope.get(`${REPO}/commits/${HEAD}/check-runs`).query(true).reply(200, { total_count: 0, check_runs: [] });
    scope.post(`${REPO}/check-runs`).reply(201, { id: 31 });
    scope.patch(`${REPO}/check-runs/31`, (body: any) => body.conclusion === "success").reply(never);
    scope
      .patch(`${REPO}/check-runs/31`, (body: any) => body.conclusion === "neutral")
      .reply(200, (_uri: string, body: any) => {
        neutral.push(body);
        return {};
      });
    const started = Date.now();

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"), { id: "hung-patch" });
    await app.drain();

    scope.done();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(neutral).toHaveLength(1);
    expect(neutral[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(neutral[0].output.summary).toContain("GitHub did not answer PATCH /repos/Codertocat/Hello-World/check-runs/31 within 0.3 s");
    expect(await app.runtime.store.getDelivery("hung-patch")).toMatchObject({ status: "failed", lastError: expect.stringContaining("TransientError: GitHub did not answer PATCH") });
  });
});
