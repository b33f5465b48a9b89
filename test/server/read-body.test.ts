import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipSink } from "../../src/server/body-sinks.js";
import { BodyTimeoutError, BodyTooLargeError, readBody } from "../../src/server/read-body.js";

/** A request body of `total` bytes produced on demand, counting how much was actually pulled. */
function streamOf(total: number, chunkSize = 64 * 1024) {
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) return void this.push(null);
      const size = Math.min(chunkSize, total - produced);
      produced += size;
      this.push(Buffer.alloc(size, "a"));
    },
  });
  (stream as unknown as { headers: Record<string, string> }).headers = {};
  return { req: stream as unknown as IncomingMessage, produced: () => produced };
}

describe("readBody", () => {
  it("returns a body within the limit whole", async () => {
    const { req } = streamOf(100_000);

    const body = await readBody(req, { limit: 1_000_000, timeoutMs: 5_000 });

    expect(body.length).toBe(100_000);
  });

  it("stops reading as soon as the limit is passed: a 30 MB stream is never consumed whole", async () => {
    const limit = 1024 * 1024;
    const { req, produced } = streamOf(30 * 1024 * 1024);

    await expect(readBody(req, { limit, timeoutMs: 5_000 })).rejects.toBeInstanceOf(BodyTooLargeError);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // At most the limit plus what the stream had buffered ahead (a few chunks), never the rest.
    expect(produced()).toBeLessThan(limit + 512 * 1024);
  });

  it("refuses by the declared length before reading anything", async () => {
    const { req, produced } = streamOf(10);
    (req as unknown as { headers: Record<string, string> }).headers["content-length"] = String(50 * 1024 * 1024);

    await expect(readBody(req, { limit: 25 * 1024 * 1024, timeoutMs: 5_000 })).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(produced()).toBe(0);
  });

  it("copies a body of declared length into one buffer, handing each chunk to onChunk as it arrives", async () => {
    const { req } = streamOf(300_000, 10_000);
    (req as unknown as { headers: Record<string, string> }).headers["content-length"] = "300000";
    const seen: number[] = [];

    const body = await readBody(req, { limit: 1_000_000, timeoutMs: 5_000, onChunk: (chunk) => seen.push(chunk.length) });

    expect(body.length).toBe(300_000);
    expect(seen.reduce((sum, n) => sum + n, 0)).toBe(300_000);
    expect(seen.length).toBeGreaterThan(1);
  });

  it("gives up on a body that trickles in past its deadline", async () => {
    // One byte every 50 ms, for ever: a slow-loris body.
    const trickle = new Readable({ read() {} });
    (trickle as unknown as { headers: Record<string, string> }).headers = {};
    const timer = setInterval(() => trickle.push("x"), 50);
    const started = Date.now();

    await expect(readBody(trickle as unknown as IncomingMessage, { limit: 1_000_000, timeoutMs: 300 })).rejects.toBeInstanceOf(BodyTimeoutError);
    clearInterval(timer);

    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a gzip sink keeps the body compressed as it arrives; inflated, it is the bytes sent", async () => {
    const text = JSON.stringify(Array.from({ length: 50_000 }, (_, i) => ({ path: `src/file-${i}.ts` })));
    const stream = Readable.from([Buffer.from(text.slice(0, 1000)), Buffer.from(text.slice(1000))]);
    (stream as unknown as { headers: Record<string, string> }).headers = {};

    const kept = await readBody(stream as unknown as IncomingMessage, { limit: 10_000_000, timeoutMs: 5_000, into: gzipSink() });

    expect(kept.length).toBeLessThan(text.length / 5);
    expect(gunzipSync(kept).toString("utf8")).toBe(text);
  });
});
