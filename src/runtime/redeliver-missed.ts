import type { Clock } from "../ports/clock.js";
import type { HookDeliveries, HookDeliveryAttempt } from "../ports/hook-deliveries.js";
import type { Logger } from "../ports/logger.js";
import type { DeliveryStore, KeyValueStore } from "../ports/store.js";
import { startPeriodicJob, type PeriodicJob } from "./periodic-job.js";

const DAY_MS = 86_400_000;
/** GitHub redelivers only events of the last three days. */
const REDELIVERABLE_MS = 3 * DAY_MS;

export interface RedeliveryOptions {
  hooks: HookDeliveries;
  store: Pick<DeliveryStore, "getDelivery"> & Pick<KeyValueStore, "compareAndSet" | "deleteValue">;
  clock: Clock;
  logger: Logger;
  /** Time between passes; default 10 minutes. */
  intervalMs?: number;
  /** Redeliveries asked for in one pass at most (GitHub limits how fast an app may create things); the rest wait for the next. Default 50. */
  maxPerPass?: number;
  /** Pages of 100 attempts read in one pass at most. Default 50. */
  maxPages?: number;
}

/** What one pass saw and did. */
export interface RedeliveryReport {
  /** Attempts of the last three days that were read. */
  examined: number;
  /** Guids GitHub was asked to deliver again. */
  redelivered: string[];
}

export type RedeliveryJob = PeriodicJob<RedeliveryReport>;

/**
 * GitHub never retries a failed delivery by itself. A pass at start and then every intervalMs reads
 * the app's delivery log (the first pass back three days, the furthest GitHub redelivers) and asks
 * GitHub to deliver again each event whose attempts all failed and that Concord has not stored, each
 * guid once ever: the claim is a row in the store, so neither a later pass, a restart nor another
 * replica asks twice. A redelivery GitHub refused gives up its claim, and a later pass tries again.
 * The timer never keeps the process alive.
 */
export function startRedeliveringMissed(options: RedeliveryOptions): RedeliveryJob {
  const intervalMs = options.intervalMs ?? 600_000;
  const maxPerPass = options.maxPerPass ?? 50;
  const maxPages = options.maxPages ?? 50;
  const { hooks, store, clock, logger } = options;
  // The first pass reads back three days; later ones back to one interval before the previous pass
  // (an attempt still under way then is in the log by now), or to the oldest event left for later.
  let readBackTo: number | undefined;

  async function pass(stopped: () => boolean): Promise<RedeliveryReport | undefined> {
    try {
      const now = clock.now().getTime();
      const at = new Date(now).toISOString();
      const since = new Date(Math.max(now - REDELIVERABLE_MS, readBackTo ?? 0)).toISOString();
      const attempts = await readLog(hooks, since, maxPages, logger);
      const redelivered: string[] = [];
      let nextReadBackTo = now - intervalMs;
      for (const attempt of failedForGood(attempts)) {
        if (stopped()) break;
        const outcome = redelivered.length < maxPerPass ? await redeliverOnce(attempt, at) : "later";
        if (outcome === "asked") redelivered.push(attempt.guid);
        if (outcome === "later") nextReadBackTo = Math.min(nextReadBackTo, Date.parse(attempt.deliveredAt));
      }
      readBackTo = nextReadBackTo;
      if (redelivered.length > 0) logger.info({ guids: redelivered }, "asked GitHub to redeliver deliveries that never reached Concord");
      return { examined: attempts.length, redelivered };
    } catch (error) {
      logger.error({ err: describe(error) }, "checking the app's webhook deliveries failed; the next pass tries again");
      return undefined;
    }
  }

  /** asked; skipped (Concord stored it, or it was asked for before); or later (GitHub refused: a later pass tries again). */
  async function redeliverOnce(attempt: HookDeliveryAttempt, at: string): Promise<"asked" | "skipped" | "later"> {
    if (await store.getDelivery(attempt.guid)) return "skipped";
    const claim = `hook-redelivery:${attempt.guid}`;
    if (!(await store.compareAndSet(claim, undefined, at, at))) return "skipped";
    try {
      await hooks.redeliver(attempt.id);
      return "asked";
    } catch (error) {
      await store.deleteValue(claim);
      logger.warn({ guid: attempt.guid, err: describe(error) }, "GitHub refused to redeliver a missed delivery; a later pass tries again");
      return "later";
    }
  }

  return startPeriodicJob(intervalMs, pass);
}

/** The log back to `since` (newest first), at most maxPages pages. */
async function readLog(hooks: HookDeliveries, since: string, maxPages: number, logger: Logger): Promise<HookDeliveryAttempt[]> {
  const attempts: HookDeliveryAttempt[] = [];
  let pages = 0;
  for await (const page of hooks.pages()) {
    const recent = page.filter((attempt) => attempt.deliveredAt >= since);
    attempts.push(...recent);
    if (recent.length < page.length) break;
    if (++pages >= maxPages) {
      logger.warn({ pages, since }, "the webhook delivery log is longer than one pass reads; older deliveries are not checked");
      break;
    }
  }
  return attempts;
}

/** Per guid whose every attempt failed, its newest attempt (the one to redeliver), oldest event first. */
function failedForGood(attempts: HookDeliveryAttempt[]): HookDeliveryAttempt[] {
  const delivered = new Set(attempts.filter(succeeded).map((a) => a.guid));
  const newest = new Map<string, HookDeliveryAttempt>();
  for (const attempt of attempts) {
    if (delivered.has(attempt.guid)) continue;
    const seen = newest.get(attempt.guid);
    if (!seen || attempt.deliveredAt > seen.deliveredAt) newest.set(attempt.guid, attempt);
  }
  return [...newest.values()].sort((a, b) => a.deliveredAt.localeCompare(b.deliveredAt));
}

function succeeded(attempt: HookDeliveryAttempt): boolean {
  return attempt.status === "OK" && attempt.statusCode < 400;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
