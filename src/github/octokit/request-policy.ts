import type { ProbotOctokit } from "probot";
import { RateLimitedError, TransientError } from "../../errors.js";
import { rateLimitWait, type HttpFailure } from "../http/rate-limit-wait.js";
import { withDeadline } from "../http/with-deadline.js";

type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[0];

export interface RequestPolicy {
  /** Longest wait for one request's whole answer. */
  requestTimeoutMs: number;
  /** The same for a download, whose body the caller streams (a repository's tarball). */
  downloadTimeoutMs: number;
  /** Milliseconds per second of a wait GitHub asks for (1000; tests shrink it). */
  retryAfterBaseMs: number;
}

/**
 * How Concord talks to GitHub, for every request of a client built with it:
 * - each attempt has a deadline; one that passes fails with a TransientError naming the request and
 *   the limit, and is not retried in place (the job's retry, with its backoff, tries again);
 * - a POST is never retried in place: it creates something, and an answer lost after GitHub created
 *   it would create it twice. Whoever creates looks for it again by its marker instead;
 * - a rate limit becomes a RateLimitedError carrying the wait GitHub asks for, so the job waits it
 *   out in the queue instead of holding a worker.
 */
export function requestPolicy(policy: RequestPolicy): OctokitPlugin {
  return (octokit) => {
    octokit.hook.wrap("request", async (request, options) => {
      // A caller that reads the body as a stream is downloading: a longer deadline, nothing buffered.
      const download = options.request?.parseSuccessResponseBody === false;
      // Every hook sees the same options object, so the settings are replaced on it (a fresh object:
      // `options.request` may be the client's defaults, shared by all its requests).
      const settings = { ...options.request, ...(options.method === "POST" ? { retries: 0 } : {}) };
      settings.fetch = withDeadline((options.request?.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch, {
        timeoutMs: download ? policy.downloadTimeoutMs : policy.requestTimeoutMs,
        buffer: !download,
        onAbort: () => (settings.retries = 0),
      });
      options.request = settings;
      try {
        return await request(options);
      } catch (error) {
        throw concordError(error, policy);
      }
    });
  };
}

function concordError(error: unknown, policy: RequestPolicy): unknown {
  // Octokit wraps whatever fetch threw (our deadline's TransientError) in a RequestError with status 500.
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof TransientError) return cause;
  const failure = error as HttpFailure & { request?: { method?: string; url?: string } };
  const wait = rateLimitWait(failure, Date.now());
  if (!wait) return error;
  const label = failure.request?.url ? `${failure.request.method ?? "GET"} ${new URL(failure.request.url).pathname}` : "a request";
  // Never sooner than a second: a limit answered with "retry now" must not become a tight loop.
  const seconds = Math.max(wait.seconds, 1);
  return new RateLimitedError(`GitHub's ${wait.kind} rate limit on ${label}: it asks to wait ${seconds} s`, seconds * policy.retryAfterBaseMs);
}
