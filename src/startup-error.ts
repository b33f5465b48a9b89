/**
 * A problem with how Concord was set up (a setting, a path it cannot use): the message is the whole
 * story for the operator, one sentence naming what to fix, so it is printed without a stack trace.
 */
export class StartupError extends Error {
  override readonly name = "StartupError";
}
