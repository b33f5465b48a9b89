import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { DeliveryStore, KeyValueStore, MessageStore } from "../ports/store.js";
import { startPeriodicJob, type PeriodicJob } from "./periodic-job.js";

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: Pick<DeliveryStore, "pruneDoneDeliveries"> & Pick<MessageStore, "pruneHandledMessages" | "pruneDeadLetters"> & Pick<KeyValueStore, "pruneValues">;
  clock: Clock;
  logger: Logger;
  /** Rows older than this go: done deliveries, messages no inbox holds, dead letters. Default 14. */
  maxAgeDays?: number;
  /** Time between passes; default one hour. */
  intervalMs?: number;
  /** Key prefixes of stored values that matter only for a while (claims, a PR's newest head), pruned by when they were last written. */
  prunableKeys?: readonly string[];
}

/** What one pass deleted, and the age it cut at. */
export interface RetentionReport {
  cutoff: string;
  deliveries: number;
  messages: number;
  deadLetters: number;
  values: number;
}

export type RetentionJob = PeriodicJob<RetentionReport>;

/**
 * Keeps the store from growing without end: a pass at start and then every intervalMs deletes done
 * deliveries (by when they were done), messages that every recipient has finished with (and their
 * receipts), and dead letters, older than maxAgeDays; queued, in-flight and failed work is kept.
 * Each table goes in bounded batches, so the webhook ingress and the bus are never held up for long.
 * The timer is unref'd: it never keeps the process alive.
 */
export function startRetention(options: RetentionOptions): RetentionJob {
  const maxAgeDays = options.maxAgeDays ?? 14;
  const intervalMs = options.intervalMs ?? 3_600_000;
  // A zero or negative age would delete work finished a moment ago: a configuration mistake, not a wish.
  if (!(maxAgeDays > 0) || !Number.isFinite(maxAgeDays)) throw new RangeError(`maxAgeDays must be a positive number, got ${maxAgeDays}`);
  const { store, clock, logger } = options;

  return startPeriodicJob(intervalMs, async (): Promise<RetentionReport | undefined> => {
    const cutoff = new Date(clock.now().getTime() - maxAgeDays * DAY_MS).toISOString();
    try {
      const report: RetentionReport = {
        cutoff,
        deliveries: (await store.pruneDoneDeliveries(cutoff)).deleted,
        messages: (await store.pruneHandledMessages(cutoff)).deleted,
        deadLetters: (await store.pruneDeadLetters(cutoff)).deleted,
        values: 0,
      };
      for (const prefix of options.prunableKeys ?? []) report.values += (await store.pruneValues(prefix, cutoff)).deleted;
      const removed = report.deliveries + report.messages + report.deadLetters + report.values;
      if (removed > 0) logger.info({ ...report }, "retention removed old records");
      return report;
    } catch (error) {
      // The next pass tries again; a failed prune loses nothing.
      logger.error({ cutoff, err: error instanceof Error ? error.message : String(error) }, "retention pass failed");
      return undefined;
    }
  });
}
