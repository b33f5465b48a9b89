import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../ports/clock.js";
import type { JobQueue } from "../ports/queue.js";
import type { DeliveryStatus, Store } from "../ports/store.js";

export interface HealthOptions {
  store: Pick<Store, "dialect" | "probeWrite" | "countDeliveries">;
  queue: Pick<JobQueue, "depth" | "depthByLane">;
  /** How long running jobs have gone with none starting or ending (undefined while none runs). */
  stalledMs: () => number | undefined;
  clock: Clock;
  /** Past this much silence from running jobs the queue counts as stuck. */
  stuckAfterMs: number;
  /** A store that has not taken the probe's write by then counts as down, so /healthz answers quickly even then. */
  probeTimeoutMs?: number;
}

const DEFAULT_HEALTH_PROBE_TIMEOUT_MS = 500;

/**
 * GET /healthz: 200 only when a delivery could be stored now (a committed write probe: a read-only
 * file or a full disk fails it) and the queue is moving; otherwise 503 with a sentence per problem.
 * Docker's HEALTHCHECK calls it.
 */
export function healthzRoute(options: HealthOptions) {
  const { store, queue, clock } = options;
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_HEALTH_PROBE_TIMEOUT_MS;
  // One probe at a time: callers during a slow probe share its answer instead of queueing more writes.
  let probing: Promise<Record<DeliveryStatus, number>> | undefined;
  const probe = () => {
    probing ??= (async () => {
      await store.probeWrite(clock.now().toISOString());
      return store.countDeliveries();
    })().finally(() => {
      probing = undefined;
    });
    return probing;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/healthz") return false;
    const problems: string[] = [];
    const deliveries = await within(probeTimeoutMs, probe()).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push(`Deliveries cannot be stored: ${reason.replace(/\.?$/, ".")}`);
      return undefined;
    });
    const stalled = options.stalledMs();
    if (stalled !== undefined && stalled >= options.stuckAfterMs) {
      problems.push(
        `The queue is stuck: its running jobs have gone ${seconds(stalled)} with none starting or finishing (the limit is ${seconds(options.stuckAfterMs)}).`,
      );
    }
    const body = { status: problems.length === 0 ? "ok" : "unavailable", store: store.dialect, queueDepth: queue.depth(), queueLanes: queue.depthByLane(), ...(deliveries ? { deliveries } : {}) };
    res
      .writeHead(problems.length === 0 ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" })
      .end(JSON.stringify(problems.length === 0 ? body : { ...body, problems }));
    return true;
  };
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store took no write within ${ms} ms.`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
