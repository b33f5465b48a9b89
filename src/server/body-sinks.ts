import { createGzip } from "node:zlib";

/** Where a request body goes as it arrives; `finish` gives what was kept once the last chunk is in. */
export interface BodySink {
  write(chunk: Buffer): void;
  finish(): Promise<Buffer>;
  /** The body was refused or abandoned: drop what was kept. */
  discard(): void;
}

/** Keeps the bytes as received; with a declared length they are copied into one buffer of that size, so the body is held once. */
export function bufferSink(declaredLength?: number): BodySink {
  const sized = declaredLength === undefined ? undefined : Buffer.allocUnsafe(declaredLength);
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    write(chunk) {
      // Node's parser never delivers more than a declared length, so a sized body cannot overflow.
      if (sized) chunk.copy(sized, size);
      else chunks.push(chunk);
      size += chunk.length;
    },
    finish: () => Promise.resolve(sized ? sized.subarray(0, size) : Buffer.concat(chunks, size)),
    discard() {
      chunks.length = 0;
    },
  };
}

/**
 * Keeps the body gzip-compressed as it arrives (on libuv's thread pool, off the event loop), so a
 * large body waiting its turn holds a tenth of its size or less instead of all of it.
 */
export function gzipSink(): BodySink {
  // Level 1: JSON still shrinks about tenfold, at a fraction of the default level's cost.
  const gzip = createGzip({ level: 1, chunkSize: 256 * 1024 });
  const out: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = () => {
    if (pendingBytes === 0) return;
    gzip.write(Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    gzip.once("end", () => resolve(Buffer.concat(out)));
    gzip.once("error", reject);
  });
  // A discarded body's pending promise must not surface as an unhandled rejection.
  done.catch(() => undefined);
  return {
    write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= 1024 * 1024) flush();
    },
    finish() {
      flush();
      gzip.end();
      return done;
    },
    discard() {
      out.length = 0;
      gzip.destroy();
    },
  };
}
