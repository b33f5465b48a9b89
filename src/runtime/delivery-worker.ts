import { isPermanent } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { JobQueue } from "../ports/queue.js";
import type { DeliveryRecord, Store } from "../ports/store.js";

export interface DeliveryWorkerOptions {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  logger: Logger;
  process: (delivery: DeliveryRecord) => Promise<void>;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
}

export interface DeliveryWorkerStats {
  processed: number;
  retried: number;
  failed: number;
}

/**
 * Runs stored deliveries: claim (so two workers never run one delivery), process, then mark done,
 * or schedule a retry with exponential backoff, or mark failed after the last attempt.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoffMs = options.backoffMs ?? 2000;
  const stats: DeliveryWorkerStats = { processed: 0, retried: 0, failed: 0 };
  const now = () => options.clock.now().toISOString();

  async function run(id: string): Promise<void> {
    const delivery = await options.store.claimDelivery(id, now());
    if (!delivery) return;
    try {
      await options.process(delivery);
      await options.store.completeDelivery(id, now());
      stats.processed++;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const final = isPermanent(error) || delivery.attempts >= maxAttempts;
      await options.store.failDelivery(id, message, now(), final);
      if (final) {
        stats.failed++;
        options.logger.error({ deliveryId: id, event: delivery.event, attempts: delivery.attempts, err: message }, "delivery failed");
      } else {
        stats.retried++;
        const delay = backoffMs * 2 ** (delivery.attempts - 1);
        options.logger.warn({ deliveryId: id, attempts: delivery.attempts, retryInMs: delay, err: message }, "delivery will be retried");
        await options.queue.enqueue(id, delay);
      }
    }
  }

  /** After a restart: deliveries that were waiting or cut off mid-way run again. */
  async function recover(): Promise<number> {
    const pending = await options.store.listDeliveries(["queued", "processing"]);
    for (const delivery of pending) {
      if (delivery.status === "processing") await options.store.failDelivery(delivery.id, "interrupted by restart", now(), false);
      await options.queue.enqueue(delivery.id);
    }
    return pending.length;
  }

  return { run, recover, stats };
}
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
