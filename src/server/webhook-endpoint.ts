import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Logger } from "../ports/logger.js";
import { bufferSink, gzipSink } from "./body-sinks.js";
import { BodyTimeoutError, BodyTooLargeError, declaredLength, readBody } from "./read-body.js";
import { signatureCheck } from "./webhook-signature.js";

/** A delivery whose signature checked out: GitHub's headers and the body exactly as received. */
export interface SignedDelivery {
  id: string;
  name: string;
  body: string;
  /** For a large body, the same bytes gzip-compressed, ready now or shortly (compressed on libuv's thread pool). */
  gzipped?: Promise<Buffer>;
}

/** What the app made of a signed delivery: a word for the answer and the log, or why it refuses it (400). */
export type DeliveryVerdict = string | { refused: string };

export interface WebhookEndpointOptions {
  /** The current webhook secret first, then the previous ones still accepted during a rotation. */
  secrets: readonly string[];
  maxBodyBytes: number;
  /** The body must have arrived within this time (GitHub gives up on an answer after 10 s anyway). */
  bodyTimeoutMs: number;
  /** Stores the delivery (or decides to ignore or refuse it); throws when it cannot be stored. */
  accept(delivery: SignedDelivery): Promise<DeliveryVerdict>;
  logger: Logger;
}

/** GitHub waits 10 s for an answer: a body still arriving after this long cannot be acknowledged in time anyway. */
export const DEFAULT_BODY_TIMEOUT_MS = 8_000;

/** Bodies from this size on are large: stored compressed, and compressed as they arrive once too many are in flight. */
const LARGE_FROM_BYTES = 1024 * 1024;
/**
 * Large bodies kept as received at once (by declared length). Beyond it a large body is compressed
 * as it arrives, so 16 deliveries of 24 MB at once hold this much plus a tenth of the rest, not 400 MB.
 * The budget is reserved by declared length, so a client that sends slowly only makes others compress.
 */
const RAW_BUDGET_BYTES = 128 * 1024 * 1024;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const REQUIRED_HEADERS = ["x-github-event", "x-github-delivery", "x-hub-signature-256"] as const;
const JSON_CONTENT = /^\s*application\/json\s*(;|$)/i;

/**
 * POST on the webhook path: checks GitHub's headers, reads the body within a size and time limit
 * while hashing it, verifies the signature against every accepted secret, then hands the body's text
 * (and, for a large one, its gzip) to `accept`, one delivery at a time. Every answer is a plain
 * sentence: 2xx only once the delivery is stored (or deliberately ignored), 4xx for anything
 * malformed or unsigned, 5xx only when the store cannot take it.
 */
export function webhookEndpoint(options: WebhookEndpointOptions) {
  const { logger } = options;
  // One delivery is decoded, parsed and stored at a time (the store writes one at a time anyway), so
  // bodies that arrive together wait as the bytes received, not also as strings and parsed payloads.
  const inTurn = oneAtATime();
  let rawInFlight = 0;
  return async function receiveWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const headers = webhookHeaders(req);
    if ("refused" in headers) return refuse(req, res, headers.status, headers.refused);
    const { id, name, signature } = headers;

    const length = declaredLength(req);
    const large = length === undefined || length >= LARGE_FROM_BYTES;
    const reserved = large && length !== undefined && rawInFlight + length <= RAW_BUDGET_BYTES ? length : 0;
    rawInFlight += reserved;
    try {
      await receive(req, res, { id, name, signature, length, large, compressOnArrival: large && reserved === 0 });
    } finally {
      rawInFlight -= reserved;
    }
  };

  async function receive(
    req: IncomingMessage,
    res: ServerResponse,
    delivery: { id: string; name: string; signature: string; length: number | undefined; large: boolean; compressOnArrival: boolean },
  ): Promise<void> {
    const { id, name, signature, compressOnArrival } = delivery;
    const check = signatureCheck(options.secrets);
    let kept: Buffer | undefined;
    try {
      kept = await readBody(req, {
        limit: options.maxBodyBytes,
        timeoutMs: options.bodyTimeoutMs,
        onChunk: (chunk) => check.update(chunk),
        into: compressOnArrival ? gzipSink() : bufferSink(delivery.length),
      });
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(req, res, 413, `The body is larger than ${options.maxBodyBytes} bytes (CONCORD_MAX_BODY_BYTES).`);
      if (error instanceof BodyTimeoutError) {
        logger.warn({ deliveryId: id, event: name }, "webhook body not received in time; connection closed");
        return refuse(req, res, 408, `The body did not arrive within ${options.bodyTimeoutMs} ms.`, { destroy: true });
      }
      // The client went away mid-body: there is nobody left to answer.
      logger.debug({ deliveryId: id, event: name, err: String(error) }, "webhook request aborted");
      return;
    }
    if (!check.matches(signature)) {
      logger.warn({ deliveryId: id, event: name }, "webhook signature does not match; delivery refused");
      return answer(res, 400, "The X-Hub-Signature-256 signature does not match the body for any configured webhook secret.");
    }

    let verdict: DeliveryVerdict;
    try {
      verdict = await inTurn(async () => {
        const bytes = kept!;
        kept = undefined;
        // A large body kept as received is compressed for the store while its text is parsed.
        const gzipped = compressOnArrival ? Promise.resolve(bytes) : delivery.large ? gzipAsync(bytes, { level: 1 }) : undefined;
        gzipped?.catch(() => undefined);
        const body = (compressOnArrival ? await gunzipAsync(bytes) : bytes).toString("utf8");
        return options.accept({ id, name, body, ...(gzipped ? { gzipped } : {}) });
      });
    } catch (error) {
      logger.error({ deliveryId: id, event: name, err: error instanceof Error ? error.message : String(error) }, "delivery could not be stored");
      return answer(res, 503, "The delivery could not be stored; redeliver it once Concord is healthy again.");
    }
    if (typeof verdict === "object") {
      logger.warn({ deliveryId: id, event: name, reason: verdict.refused }, "delivery refused");
      return answer(res, 400, verdict.refused);
    }
    logger.debug({ deliveryId: id, event: name, outcome: verdict }, "delivery accepted");
    answer(res, 200, verdict);
  }
}

/** Runs tasks one after another, in the order they were handed in, whether each succeeds or fails. */
function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

type WebhookHeaders = { id: string; name: string; signature: string } | { status: number; refused: string };

function webhookHeaders(req: IncomingMessage): WebhookHeaders {
  const type = req.headers["content-type"];
  if (type === undefined || !JSON_CONTENT.test(type)) {
    return { status: 415, refused: "The Content-Type must be application/json (the webhook's content type on GitHub)." };
  }
  const value = (header: (typeof REQUIRED_HEADERS)[number]) => {
    const raw = req.headers[header];
    return typeof raw === "string" ? raw.trim() : "";
  };
  const missing = REQUIRED_HEADERS.filter((header) => value(header) === "");
  if (missing.length > 0) return { status: 400, refused: `These webhook headers are missing or empty: ${missing.join(", ")}.` };
  return { id: value("x-github-delivery"), name: value("x-github-event"), signature: value("x-hub-signature-256") };
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(`${text}\n`);
}

/**
 * Answers before the body is read: the connection closes after the answer, and the rest of the body
 * is drained without being kept, so the client reads the answer instead of a reset. A client that
 * trickles its body is cut off instead.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, text: string, options: { destroy?: boolean } = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end(`${text}\n`);
  if (options.destroy) res.once("finish", () => req.socket.destroy());
  else req.resume();
}
