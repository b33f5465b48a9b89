import type { IncomingMessage } from "node:http";
import { bufferSink, type BodySink } from "./body-sinks.js";

export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

export class BodyTimeoutError extends Error {
  override readonly name = "BodyTimeoutError";
}

export interface ReadBodyOptions {
  /** Bytes accepted at most (GitHub never sends more than 25 MB). */
  limit: number;
  /** The whole body must have arrived within this time, however it trickles in (slow-loris). */
  timeoutMs: number;
  /** Sees each chunk as it arrives, so work such as hashing is spread over the read instead of done at the end. */
  onChunk?: (chunk: Buffer) => void;
  /** What keeps the body (default: the bytes as received). */
  into?: BodySink;
}

/** The body's length as the request declares it, when it does. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const declared = Number(req.headers["content-length"]);
  return Number.isInteger(declared) && declared >= 0 ? declared : undefined;
}

/**
 * Reads the request body up to `limit` bytes within `timeoutMs`, and resolves with what the sink
 * kept. It stops reading as soon as the limit is passed, so an oversized body is never buffered whole.
 */
export function readBody(req: IncomingMessage, options: ReadBodyOptions): Promise<Buffer> {
  const { limit } = options;
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(new BodyTooLargeError(`body of ${declared} bytes exceeds ${limit}`));
  const sink = options.into ?? bufferSink(declared);
  return new Promise((resolve, reject) => {
    let size = 0;
    const stop = (error: Error) => {
      cleanup();
      req.pause();
      sink.discard();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit) return stop(new BodyTooLargeError(`body exceeds ${limit} bytes`));
      size += chunk.length;
      options.onChunk?.(chunk);
      sink.write(chunk);
    };
    const onEnd = () => {
      cleanup();
      sink.finish().then(resolve, reject);
    };
    const timer = setTimeout(() => stop(new BodyTimeoutError(`body not received within ${options.timeoutMs} ms`)), options.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", stop);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", stop);
  });
}
