import { TransientError } from "../../errors.js";

export interface Deadline {
  timeoutMs: number;
  /**
   * Read the whole body before answering, so the deadline covers it too (Octokit would turn a body
   * cut short into an empty answer). Off for downloads, whose caller streams the body: the deadline
   * still aborts that stream.
   */
  buffer: boolean;
  /** Called when the request is abandoned (its deadline passed, or the caller's signal aborted). */
  onAbort?: () => void;
}

/** Statuses whose Response may not carry a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `fetch` with a deadline: a request GitHub does not answer in time fails with a TransientError
 * naming the request and the limit, instead of waiting for the HTTP client's own timeouts
 * (undici waits 300 s for headers, and for ever for a body that stopped).
 */
export function withDeadline(fetch: typeof globalThis.fetch, deadline: Deadline): typeof globalThis.fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const label = `${init?.method ?? "GET"} ${new URL(url).pathname}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new TransientError(`GitHub did not answer ${label} within ${seconds(deadline.timeoutMs)}`)), deadline.timeoutMs);
    // A streamed download keeps its timer until it fires; it must not keep the process alive.
    timer.unref();
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
    try {
      const response = await fetch(input, { ...init, signal });
      if (!deadline.buffer) return response;
      const body = await response.arrayBuffer();
      clearTimeout(timer);
      return rebuilt(response, body);
    } catch (error) {
      if (signal.aborted) deadline.onAbort?.();
      clearTimeout(timer);
      throw timeout.signal.aborted ? (timeout.signal.reason as Error) : error;
    }
  };
}

function rebuilt(response: Response, body: ArrayBuffer): Response {
  const copy = new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
