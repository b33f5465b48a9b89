import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody } from "../../src/server/read-body.js";

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

    const body = await readBody(req, 1_000_000);

    expect(body.length).toBe(100_000);
  });

  it("stops reading as soon as the limit is passed: a 30 MB stream is never consumed whole", async () => {
    const limit = 1024 * 1024;
    const { req, produced } = streamOf(30 * 1024 * 1024);

    await expect(readBody(req, limit)).rejects.toBeInstanceOf(BodyTooLargeError);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // At most the limit plus what the stream had buffered ahead (a few chunks), never the rest.
    expect(produced()).toBeLessThan(limit + 512 * 1024);
  });

  it("refuses by the declared length before reading anything", async () => {
    const { req, produced } = streamOf(10);
    (req as unknown as { headers: Record<string, string> }).headers["content-length"] = String(50 * 1024 * 1024);

    await expect(readBody(req, 25 * 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(produced()).toBe(0);
  });
});
