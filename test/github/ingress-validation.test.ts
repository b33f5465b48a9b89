import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { examplePayload } from "../helpers/payloads.js";
import { takeCapturedLog } from "../helpers/test-log.js";
import { startTestConcord, WEBHOOK_SECRET, type TestConcord } from "../helpers/test-probot.js";

/** POSTs `body` byte for byte, validly signed, with GitHub's headers (any of them overridable). */
function postSigned(url: string, body: string, headers: Record<string, string> = {}) {
  const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "shape", "x-hub-signature-256": signature, ...headers },
    body,
  });
}

describe("ingress refuses malformed deliveries with a 4xx that says why, never a 5xx", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it.each([
    ["null", "null", "The payload must be a JSON object, not null."],
    ["a number", "42", "The payload must be a JSON object, not a number."],
    ["a string", '"x"', "The payload must be a JSON object, not a string."],
    ["a boolean", "true", "The payload must be a JSON object, not a boolean."],
    ["an array", "[]", "The payload must be a JSON object, not an array."],
    ["not JSON", "{not json", "The body is not valid JSON."],
    ["empty", "", "The body is not valid JSON."],
  ])("a validly signed body that is %s gets 400, is logged with its delivery id, and is not stored", async (_what, body, reason) => {
    app = await startTestConcord();
    takeCapturedLog();

    const response = await postSigned(app.url, body, { "x-github-delivery": "not-an-object" });

    expect(response.status).toBe(400);
    expect(await response.text()).toBe(`${reason}\n`);
    expect(await app.runtime.store.getDelivery("not-an-object")).toBeUndefined();
    const refusal = takeCapturedLog().find((line) => line.includes("delivery refused"));
    expect(JSON.parse(refusal ?? "{}")).toMatchObject({ deliveryId: "not-an-object", reason });
  });

  it("an empty or missing event name, delivery id or signature gets 400 naming the header", async () => {
    app = await startTestConcord();
    const body = JSON.stringify(examplePayload("issue_comment", "created"));

    const noEvent = await postSigned(app.url, body, { "x-github-event": "" });
    const blankEvent = await postSigned(app.url, body, { "x-github-event": "   " });
    const noId = await postSigned(app.url, body, { "x-github-delivery": "" });
    const unsigned = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "issue_comment", "x-github-delivery": "unsigned" },
      body,
    });

    expect([noEvent.status, blankEvent.status, noId.status, unsigned.status]).toEqual([400, 400, 400, 400]);
    expect(await noEvent.text()).toBe("These webhook headers are missing or empty: x-github-event.\n");
    expect(await blankEvent.text()).toContain("x-github-event");
    expect(await noId.text()).toBe("These webhook headers are missing or empty: x-github-delivery.\n");
    expect(await unsigned.text()).toBe("These webhook headers are missing or empty: x-hub-signature-256.\n");
  });

  it("a body that is not JSON by its content type gets 415", async () => {
    app = await startTestConcord();

    const form = await postSigned(app.url, "payload=%7B%7D", { "content-type": "application/x-www-form-urlencoded" });

    expect(form.status).toBe(415);
    expect(await form.text()).toContain("application/json");
  });

  it.each([
    ["a comment whose id is a string", "issue_comment", (p: any) => void (p.comment.id = "492700400"), "issue_comment.created", "comment.id"],
    ["an installation id that is a string", "issue_comment", (p: any) => void (p.installation = { id: "2" }), "issue_comment.created", "installation.id"],
    ["a comment that is a string", "issue_comment", (p: any) => void (p.comment = "x"), "issue_comment.created", "comment"],
    ["a repository that is missing", "issue_comment", (p: any) => void delete p.repository, "issue_comment.created", "repository"],
  ])("a known event with %s gets 400 naming the field, and is not stored", async (_what, event, spoil, label, field) => {
    app = await startTestConcord();
    const payload = examplePayload(event, "created");
    spoil(payload);

    const response = await deliver(app.url, event, payload, { id: "wrong-types" });

    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(new RegExp(`^The ${label} payload does not have the fields Concord reads at ${field.replace(".", "\\.")}: .+\\.\\n$`));
    expect(text).not.toContain("{");
    expect(await app.runtime.store.getDelivery("wrong-types")).toBeUndefined();
  });

  it("a pull_request.opened whose head sha is a number gets 400", async () => {
    app = await startTestConcord();
    const payload = examplePayload("pull_request", "opened");
    payload.pull_request.head.sha = 42;

    const response = await deliver(app.url, "pull_request", payload, { id: "pr-sha" });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain("at pull_request.head.sha: invalid input: expected string, received number.");
  });

  it("events Concord does not act on are acknowledged whatever their fields, as long as they are JSON objects", async () => {
    app = await startTestConcord();

    const unknown = await postSigned(app.url, JSON.stringify({ action: 5, anything: [1, "two"] }), { "x-github-event": "made_up" });
    const pinned = await deliver(app.url, "issues", { ...examplePayload("issues", "pinned"), issue: "not an issue" });

    expect([unknown.status, pinned.status]).toEqual([200, 200]);
    expect(await unknown.text()).toBe("ignored\n");
  });
});
