import { promisify } from "node:util";
import { gunzip } from "node:zlib";

const gunzipAsync = promisify(gunzip);

/** Marks a payload stored gzip-compressed (base64); a plain one is JSON, which never starts with this. */
const PACKED = "gzip:";

/**
 * The payload as the deliveries table keeps it: the body exactly as received, or, for a large one,
 * the gzip of those bytes. A 25 MB body costs the synchronous SQLite write (and every later read)
 * about a tenth of its size, which is what lets many large deliveries be acknowledged in time.
 */
export function storedPayload(body: string, gzipped: Buffer | undefined): string {
  return gzipped ? PACKED + gzipped.toString("base64") : body;
}

/** The body text of a stored payload, inflated on libuv's thread pool when it was stored compressed. */
export async function payloadText(stored: string): Promise<string> {
  if (!stored.startsWith(PACKED)) return stored;
  return (await gunzipAsync(Buffer.from(stored.slice(PACKED.length), "base64"))).toString("utf8");
}
