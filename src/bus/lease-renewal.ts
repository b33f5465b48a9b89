import type { Logger } from "../ports/logger.js";
import { describeError } from "./describe-error.js";

export interface LeaseRenewalOptions {
  /** Extends the lease; resolves false when the lease was lost (it ran out and someone else took it). */
  renew: () => Promise<boolean>;
  intervalMs: number;
  logger: Logger;
  context: object;
}

/**
 * Renews a lease every intervalMs while a handler runs, so a long handler keeps its message and a
 * dead process's lease still runs out. The timer is unref'd: it never keeps the process alive.
 */
export function startLeaseRenewal(options: LeaseRenewalOptions): () => void {
  let lost = false;
  const timer = setInterval(() => {
    options.renew().then(
      (held) => {
        if (!held && !lost) {
          lost = true;
          options.logger.warn(options.context, "message lease lost while its handler ran; it may be handled twice");
        }
      },
      (error: unknown) => options.logger.warn({ ...options.context, err: describeError(error) }, "message lease renewal failed"),
    );
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
