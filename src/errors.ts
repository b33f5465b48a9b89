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
  override readonly name = "TransientError";
}

/** Errors that another attempt cannot fix. */
export function isPermanent(error: unknown): boolean {
  return error instanceof UserError;
}
