/**
 * Errors by audience. A UserError becomes a reply on the thread, a ConfigError a failing check,
 * PermissionDenied a short refusal; TransientError is retried through the queue. Anything else is
 * a bug: logged with the delivery id and retried until the attempts run out.
 */
export class UserError extends Error {
  override readonly name = "UserError";
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    message: string,
    readonly errors: { path: string; message: string }[],
  ) {
    super(message);
  }
}

export class PermissionDenied extends Error {
  override readonly name = "PermissionDenied";
  constructor(
    readonly needed: string,
    readonly actual: string,
  ) {
    super(`needs ${needed} permission, has ${actual}`);
  }
}

export class TransientError extends Error {
  override readonly name = "TransientError";
}

/** Errors that another attempt cannot fix. */
export function isPermanent(error: unknown): boolean {
  return error instanceof UserError || error instanceof ConfigError || error instanceof PermissionDenied;
}
