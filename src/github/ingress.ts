import type { z } from "zod";
import type { Clock } from "../ports/clock.js";
import type { JobLane, JobQueue } from "../ports/queue.js";
import type { RecordDeliveryOutcome, Store } from "../ports/store.js";
import { deliveryLane } from "./delivery-lane.js";
import { subscriptionsFor } from "./events/dispatch-event.js";
import { storedPayload } from "./stored-payload.js";
import type { EventSubscription } from "./events/event-subscription.js";

/** A delivery whose signature checked out: GitHub's event name and delivery id, and the body as received. */
export interface IncomingDelivery {
  id: string;
  name: string;
  body: string;
  /** For a large body, the same bytes gzip-compressed (possibly still being compressed): that is what is stored. */
  gzipped?: Promise<Buffer>;
}

/** What became of a delivery: stored (inserted or requeued), already known, not acted on, or refused with the reason. */
export type IngressOutcome = RecordDeliveryOutcome | "ignored" | { refused: string };

export interface IngressDeps {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  /** Every feature's events; a delivery none of them acts on is acknowledged without being stored. */
  subscriptions: readonly EventSubscription[];
}

/**
 * Persist, then acknowledge, then process: a delivery some feature acts on is checked against that
 * feature's schema, stored (its body as received, compressed when large) with an atomic insert
 * keyed on the delivery id before the HTTP answer, and processed later from the queue. A body that
 * is not a JSON object, or a payload that does not fit, is refused with the reason. If the store
 * throws, the caller answers 5xx so GitHub records a failure that can be redelivered.
 */
export async function acceptDelivery(deps: IngressDeps, delivery: IncomingDelivery): Promise<IngressOutcome> {
  const read = readPayload(deps.subscriptions, delivery);
  if (read === "ignored" || "refused" in read) return read;
  const outcome = await deps.store.recordDelivery({
    id: delivery.id,
    event: delivery.name,
    action: read.action,
    payload: storedPayload(delivery.body, await delivery.gzipped),
    receivedAt: deps.clock.now().toISOString(),
  });
  if (outcome !== "duplicate") await deps.queue.enqueue(delivery.id, { lane: read.lane });
  return outcome;
}

/**
 * Parses and checks the body in one synchronous step, so the parsed payload (as large as the body,
 * or larger) is already garbage while the body is written to the store.
 */
function readPayload(subscriptions: readonly EventSubscription[], delivery: IncomingDelivery): { action: string | null; lane: JobLane } | "ignored" | { refused: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(delivery.body);
  } catch {
    return { refused: "The body is not valid JSON." };
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    return { refused: `The payload must be a JSON object, not ${kindOf(payload)}.` };
  }
  const action = "action" in payload && typeof payload.action === "string" ? payload.action : null;
  const interested = subscriptionsFor(subscriptions, delivery.name, action);
  if (interested.length === 0) return "ignored";
  let firstError: z.ZodError | undefined;
  for (const sub of interested) {
    const parsed = sub.schema.safeParse(payload);
    if (parsed.success) return { action, lane: deliveryLane(delivery.name, payload) };
    firstError ??= parsed.error;
  }
  return { refused: describeMisfit(action === null ? delivery.name : `${delivery.name}.${action}`, firstError) };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function describeMisfit(event: string, error: z.ZodError | undefined): string {
  const issue = error?.issues[0];
  if (!issue) return `The ${event} payload does not have the fields Concord reads.`;
  const where = issue.path.length > 0 ? ` at ${issue.path.map(String).join(".")}` : "";
  return `The ${event} payload does not have the fields Concord reads${where}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}.`;
}
