import { ProbotOctokit } from "probot";
import { requestPolicy, type RequestPolicy } from "./request-policy.js";

export interface GitHubClientOptions extends Partial<RequestPolicy> {
  /**
   * Probot's in-place retry of failed requests (idempotent ones only, see requestPolicy) and its
   * throttling. On in production; tests turn them off so every request they expect is one request.
   */
  retry?: boolean;
  throttle?: boolean;
  /** A rate limit asking for at most this many seconds is waited out in place, once; longer ones re-queue the job. */
  maxInPlaceWaitSeconds?: number;
}

type ClientOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/** The Octokit class Probot builds every client from (the app's and each installation's), with Concord's request policy. */
export function createConcordOctokit(options: GitHubClientOptions = {}): typeof ProbotOctokit {
  const policy: RequestPolicy = {
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    downloadTimeoutMs: options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS,
    retryAfterBaseMs: options.retryAfterBaseMs ?? 1000,
  };
  const maxInPlaceWait = options.maxInPlaceWaitSeconds ?? 5;
  const waitInPlace = (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => retryAfter <= maxInPlaceWait && retryCount === 0;
  // The function form: Probot sets its own `throttle` object, which would replace a plain one.
  return ProbotOctokit.plugin(requestPolicy(policy)).defaults((instance: ClientOptions) => ({
    ...instance,
    // 429 joins Probot's do-not-retry statuses: a rate limit is waited out as GitHub asks, never retried on a fixed backoff.
    retry: { ...instance.retry, enabled: options.retry ?? true, retryAfterBaseValue: policy.retryAfterBaseMs, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      ...(instance.throttle as object | undefined),
      ...(options.throttle === false ? { enabled: false } : {}),
      retryAfterBaseValue: policy.retryAfterBaseMs,
      onRateLimit: waitInPlace,
      onSecondaryRateLimit: waitInPlace,
    },
  }));
}
