import type { Clock } from "../ports/clock.js";
import type { JobQueue } from "../ports/queue.js";
import type { RecordDeliveryOutcome, Store } from "../ports/store.js";

export interface IncomingDelivery {
  id: string;
  name: string;
  payload: unknown;
}

/**
 * Persist, then acknowledge, then process: the delivery is stored with an atomic insert keyed on
 * X-GitHub-Delivery before the HTTP answer, and processed later from the queue. If the store
 * throws, the error reaches Probot's middleware and GitHub gets a 5xx it can redeliver.
 */
export async function acceptDelivery(
  deps: { store: Store; queue: JobQueue; clock: Clock; isRouted: (event: string, action: string | null) => boolean },
  delivery: IncomingDelivery,
): Promise<RecordDeliveryOutcome | "ignored"> {
  const action = actionOf(delivery.payload);
  // Events and actions Concord does not act on are acknowledged without being stored or queued.
  if (!deps.isRouted(delivery.name, action)) return "ignored";
  const outcome = await deps.store.recordDelivery({
    id: delivery.id,
    event: delivery.name,
    action,
    payload: JSON.stringify(delivery.payload),
    receivedAt: deps.clock.now().toISOString(),
  });
  if (outcome !== "duplicate") await deps.queue.enqueue(delivery.id);
  return outcome;
}

function actionOf(payload: unknown): string | null {
  if (typeof payload === "object" && payload !== null && "action" in payload) {
    const { action } = payload;
    return typeof action === "string" ? action : null;
  }
  return null;
}
