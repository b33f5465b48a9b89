import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/ports/logger.js";
import { startWebhookProxy, type WebhookProxy } from "../../src/server/webhook-proxy.js";
import { startFakeSmee, type FakeSmee } from "../helpers/fake-smee.js";
import { freePort } from "../helpers/free-port.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

let app: TestConcord | undefined;
let smee: FakeSmee | undefined;
let proxy: WebhookProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await smee?.close();
  await app?.cleanup();
  app = smee = proxy = undefined;
});

describe("WEBHOOK_PROXY_URL: webhooks streamed from a smee.io channel", () => {
  it("reach the app's webhook path, which verifies, stores and processes them", async () => {
    app = await startTestConcord();
    smee = await startFakeSmee();
    proxy = startWebhookProxy({ source: smee.channelUrl, target: `${app.url}/api/github/webhooks`, logger: silentLogger });
    const payload = examplePayload("issue_comment", "created");
    // Without an installation the delivery is stored and completed without calling GitHub.
    delete payload.installation;

    expect(await proxy.connected).toBe(true);
    smee.deliver("issue_comment", payload, "via-smee-1");
    const stored = await waitFor(() => app!.runtime.store.getDelivery("via-smee-1"));
    await app.drain();

    expect(stored).toMatchObject({ event: "issue_comment", action: "created" });
    expect(await app.runtime.store.getDelivery("via-smee-1")).toMatchObject({ status: "done" });
  });

  it("does not stop the app when the channel cannot be reached", async () => {
    proxy = startWebhookProxy({ source: `http://127.0.0.1:${await freePort()}/channel`, target: "http://127.0.0.1:1/hooks", logger: silentLogger });

    expect(await proxy.connected).toBe(false);
  });

  it("names WEBHOOK_PROXY_URL when it is not a URL", () => {
    expect(() => startWebhookProxy({ source: "smee.io/abc", target: "http://127.0.0.1:1/hooks", logger: silentLogger })).toThrow(
      'WEBHOOK_PROXY_URL must be an http(s) URL such as https://smee.io/abc123, not "smee.io/abc".',
    );
  });
});
