import { isPermanent, RateLimitedError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { JobLane, JobQueue } from "../ports/queue.js";
import type { DeliveryRecord, Store } from "../ports/store.js";
import { startJobBudget } from "./job-budget.js";
import { untilAborted } from "./until-aborted.js";

/** What one attempt at a delivery knows besides the delivery itself. */
export interface DeliveryJob {
  /** Aborts (with a JobBudgetError) when the job's time budget is spent. */
  signal: AbortSignal;
  /** Aborts once the grace after the budget is over too: nobody waits for the job any more, so what it still does is wasted. */
  abandoned: AbortSignal;
  /** No retry follows a failure of this attempt: whoever asked should be told what failed. */
  lastAttempt: boolean;
}

export interface DeliveryWorkerOptions {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  process: (delivery: DeliveryRecord, job: DeliveryJob) => Promise<void>;
  /** The lane a delivery runs in (when it is retried, or re-queued after a restart). */
  laneOf: (delivery: DeliveryRecord) => JobLane;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  /**
   * Total time one attempt may take (default 10 min, the analysis thread's own limit, so no analysis
   * its thread would still allow is cut short); then its signal aborts.
   */
  budgetMs?: number;
  /** How long after its budget an attempt may still clean up (end its check, answer its command) before nobody waits for it (default 30 s). */
  budgetGraceMs?: number;
  /**
   * A rate-limited delivery waits as long as GitHub asks, without spending attempts, while it is
   * younger than this (default 2 h: the hourly quota resets within one); older, a rate limit counts as a failed attempt.
   */
  rateLimitMaxAgeMs?: number;
}

export interface DeliveryWorkerStats {
  processed: number;
  retried: number;
  failed: number;
  /** Attempts put back in the queue because GitHub asked to wait. */
  deferred: number;
}

/**
 * Runs stored deliveries: claim (so two workers never run one delivery), process within the time
 * budget, then mark done, or schedule a retry with exponential backoff, or mark failed after the
 * last attempt. An attempt past its budget counts as failed even if its work is still pending. An
 * attempt GitHub rate-limited goes back to the queue for as long as GitHub asks, attempt not spent.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 2000;
  const budgetMs = options.budgetMs ?? 10 * 60_000;
  const budgetGraceMs = options.budgetGraceMs ?? 30_000;
  const rateLimitMaxAgeMs = options.rateLimitMaxAgeMs ?? 2 * 60 * 60_000;
  const stats: DeliveryWorkerStats = { processed: 0, retried: 0, failed: 0, deferred: 0 };
  const now = () => options.clock.now().toISOString();

  async function run(id: string): Promise<void> {
    const delivery = await options.store.claimDelivery(id, now());
    if (!delivery) return;
    const lastAttempt = delivery.attempts >= maxAttempts;
    const budget = startJobBudget(budgetMs, budgetGraceMs);
    try {
      await untilAborted(options.process(delivery, { signal: budget.signal, abandoned: budget.abandoned, lastAttempt }), budget.abandoned);
      await options.store.completeDelivery(id, now());
      stats.processed++;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      if (error instanceof RateLimitedError && options.clock.now().getTime() - Date.parse(delivery.receivedAt) < rateLimitMaxAgeMs) {
        await options.store.deferDelivery(id, message, now());
        stats.deferred++;
        options.logger.warn({ deliveryId: id, retryInMs: error.retryAfterMs, err: message }, "rate limited by GitHub: the delivery waits as asked");
        await options.queue.enqueue(id, { lane: options.laneOf(delivery), delayMs: error.retryAfterMs });
        return;
      }
      const final = isPermanent(error) || lastAttempt;
      await options.store.failDelivery(id, message, now(), final);
      if (final) {
        stats.failed++;
        options.logger.error({ deliveryId: id, event: delivery.event, attempts: delivery.attempts, err: message }, "delivery failed");
      } else {
        stats.retried++;
        const delay = backoffMs * 2 ** (delivery.attempts - 1);
        options.logger.warn({ deliveryId: id, attempts: delivery.attempts, retryInMs: delay, err: message }, "delivery will be retried");
        await options.queue.enqueue(id, { lane: options.laneOf(delivery), delayMs: delay });
      }
    } finally {
      budget.end();
    }
  }

  /** After a restart: deliveries that were waiting or cut off mid-way run again. */
  async function recover(): Promise<number> {
    const pending = await options.store.listDeliveries(["queued", "processing"]);
    for (const delivery of pending) {
      if (delivery.status === "processing") await options.store.failDelivery(delivery.id, "interrupted by restart", now(), false);
      await options.queue.enqueue(delivery.id, { lane: options.laneOf(delivery) });
    }
    return pending.length;
  }

  return { run, recover, stats };
}
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
