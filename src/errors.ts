/**
 * Errors by audience. A UserError becomes a reply on the thread and is never retried;
 * TransientError is retried through the queue. (Bad config becomes a failing check and a refused
 * command a reply, without exceptions.) Anything else is logged with the delivery id and retried
 * until the attempts run out.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

export class TransientError extends Error {
  override readonly name: string = "TransientError";
}

/**
 * GitHub asked us to wait (a secondary rate limit, or the hourly quota spent): the job runs again
 * after `retryAfterMs`, and the wait does not count as a failed attempt.
 */
export class RateLimitedError extends TransientError {
  override readonly name = "RateLimitedError";
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/**
 * Whether a failed write may still have taken effect on GitHub: no answer in time, a lost
 * connection or a server error (5xx). A refusal (4xx) or a rate limit means it did not.
 */
export function mayHaveTakenEffect(error: unknown): boolean {
  if (error instanceof RateLimitedError) return false;
  if (error instanceof TransientError) return true;
  const status = typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
  return typeof status !== "number" || status >= 500;
}

/** Errors that another attempt cannot fix. */
export function isPermanent(error: unknown): boolean {
  return error instanceof UserError;
}
