import { afterEach, describe, expect, it } from "vitest";
import { readSettings } from "../../src/runtime/settings.js";
import { deliver } from "../helpers/deliver.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, WEBHOOK_SECRET, type TestConcord } from "../helpers/test-probot.js";

describe("webhook secret rotation", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it("accepts deliveries signed with WEBHOOK_SECRET or a previous secret; any other signature gets 400 and nothing is stored", async () => {
    app = await startTestConcord({ previousWebhookSecrets: ["last-year", "before-that"] });
    // issues.pinned is acknowledged without being stored or processed: only the signature is at stake.
    const payload = examplePayload("issues", "pinned");

    const current = await deliver(app.url, "issues", payload, { secret: WEBHOOK_SECRET });
    const previous = await deliver(app.url, "issues", payload, { secret: "last-year" });
    const older = await deliver(app.url, "issues", payload, { secret: "before-that" });
    const stranger = await deliver(app.url, "issue_comment", examplePayload("issue_comment", "created"), { id: "forged", secret: "guessed" });

    expect([current.status, previous.status, older.status, stranger.status]).toEqual([200, 200, 200, 400]);
    expect(await stranger.text()).toBe("The X-Hub-Signature-256 signature does not match the body for any configured webhook secret.\n");
    expect(await app.runtime.store.getDelivery("forged")).toBeUndefined();
  });

  it("a signature that is not sha256 hex, or only the legacy sha1 header, is refused", async () => {
    app = await startTestConcord();
    const payload = examplePayload("issues", "pinned");

    const sha1 = await deliver(app.url, "issues", payload, { signature: "sha1=0123456789abcdef0123456789abcdef01234567" });
    const garbage = await deliver(app.url, "issues", payload, { signature: "sha256=not-hex" });

    expect([sha1.status, garbage.status]).toEqual([400, 400]);
  });

  it("WEBHOOK_SECRETS_PREVIOUS is a comma-separated list; blanks are dropped", () => {
    expect(readSettings({ WEBHOOK_SECRET: "now", WEBHOOK_SECRETS_PREVIOUS: " old-1, old-2 ,," }, "/tmp")).toMatchObject({
      webhookSecret: "now",
      previousWebhookSecrets: ["old-1", "old-2"],
    });
    expect(readSettings({}, "/tmp").previousWebhookSecrets).toEqual([]);
  });
});
