import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_HEADERS_TIMEOUT_MS } from "../../src/server/http-server.js";
import { DEFAULT_BODY_TIMEOUT_MS } from "../../src/server/webhook-endpoint.js";
import { readSettings } from "../../src/runtime/settings.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";

/**
 * Opens a raw connection to the app, sends `head` and then one more `drip` every `everyMs` for as
 * long as the connection stays open. Resolves with how long the server kept it open and what it answered.
 */
function slowClient(port: number, head: string, drip: string, everyMs: number, giveUpMs: number): Promise<{ openMs: number; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = "";
    const socket: Socket = connect(port, "127.0.0.1", () => socket.write(head));
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(drip);
    }, everyMs);
    const done = () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ openMs: Date.now() - started, answer });
    };
    // A server that never cuts the client: stop after giveUpMs and report how long it stayed open.
    const giveUp = setTimeout(() => {
      socket.destroy();
      done();
    }, giveUpMs);
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", done);
  });
}

describe("slow clients (slow-loris) are cut off after a few seconds", () => {
  let app: TestConcord | undefined;
  afterEach(async () => {
    await app?.cleanup();
    app = undefined;
  });

  it("headers sent one line at a time are cut at the headers timeout, and other requests are served meanwhile", async () => {
    app = await startTestConcord({ headersTimeoutMs: 500, bodyTimeoutMs: 500 });
    const port = Number(new URL(app.url).port);

    const slow = slowClient(port, "POST /api/github/webhooks HTTP/1.1\r\nHost: concord\r\n", "x-filler: 1\r\n", 100, 8_000);
    const health = await fetch(`${app.url}/healthz`);
    const { openMs } = await slow;

    expect(health.status).toBe(200);
    // 500 ms plus Node's sweep; held 30 s before.
    expect(openMs).toBeLessThan(3_000);
  });

  it("a body sent one byte at a time is cut at the body timeout with a 408", async () => {
    app = await startTestConcord({ headersTimeoutMs: 500, bodyTimeoutMs: 500 });
    const port = Number(new URL(app.url).port);
    const head = [
      "POST /api/github/webhooks HTTP/1.1",
      "Host: concord",
      "Content-Type: application/json",
      "X-GitHub-Event: issue_comment",
      "X-GitHub-Delivery: loris",
      `X-Hub-Signature-256: sha256=${"0".repeat(64)}`,
      "Content-Length: 100000",
      "",
      "{",
    ].join("\r\n");

    const { openMs, answer } = await slowClient(port, head, " ", 100, 8_000);

    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain("The body did not arrive within 500 ms.");
    // Held 55 s before.
    expect(openMs).toBeLessThan(3_000);
    expect(await app.runtime.store.getDelivery("loris")).toBeUndefined();
  });

  it("by default headers get 5 s and a webhook body 8 s (GitHub gives up after 10 s anyway); both are settings in seconds", () => {
    expect(DEFAULT_HEADERS_TIMEOUT_MS).toBe(5_000);
    expect(DEFAULT_BODY_TIMEOUT_MS).toBe(8_000);
    expect(readSettings({ CONCORD_HEADERS_TIMEOUT_SECONDS: "0.5", CONCORD_BODY_TIMEOUT_SECONDS: "2" }, "/tmp")).toMatchObject({ headersTimeoutMs: 500, bodyTimeoutMs: 2_000 });
    expect(() => readSettings({ CONCORD_BODY_TIMEOUT_SECONDS: "soon" }, "/tmp")).toThrow('CONCORD_BODY_TIMEOUT_SECONDS must be a positive number of seconds, not "soon"');
  });
});
