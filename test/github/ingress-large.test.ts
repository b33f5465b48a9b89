import { gzipSync } from "node:zlib";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { payloadText, storedPayload } from "../../src/github/stored-payload.js";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockCreateComment, nockReaction, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

describe("large deliveries", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it("a 3 MB delivery is stored compressed and processed from the stored copy like any other", async () => {
    app = await startTestConcord();
    const payload = examplePayload("issue_comment", "created");
    payload.comment.body = "/help";
    payload.issue.body = "A long issue description. ".repeat(120_000);
    const posted: string[] = [];
    const scope = nock(API);
    nockToken(scope);
    nockReaction(scope, payload.comment.id, "eyes");
    nockConfig(scope);
    scope.get(`${REPO}/issues/1/comments`).query(true).reply(200, []);
    nockCreateComment(scope, 1, posted);
    nockReaction(scope, payload.comment.id, "rocket");

    const response = await deliver(app.url, "issue_comment", payload, { id: "large" });
    await app.drain();

    expect(response.status).toBe(200);
    const stored = await app.runtime.store.getDelivery("large");
    expect(stored?.status).toBe("done");
    expect(stored?.payload.startsWith("gzip:")).toBe(true);
    expect(stored!.payload.length).toBeLessThan(JSON.stringify(payload).length / 10);
    expect(JSON.parse(await payloadText(stored!.payload))).toEqual(payload);
    scope.done();
    expect(posted).toHaveLength(1);
  });

  it("a stored payload gives back the body exactly as received, compressed or not", async () => {
    const body = '{ "zen": "Design for failure.",  "n": 1 }';

    expect(storedPayload(body, undefined)).toBe(body);
    expect(await payloadText(storedPayload(body, undefined))).toBe(body);
    expect(await payloadText(storedPayload(body, gzipSync(body)))).toBe(body);
  });
});
