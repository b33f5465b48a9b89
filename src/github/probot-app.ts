import type { ApplicationFunction } from "probot";
import { acceptDelivery } from "./ingress.js";
import { isRouted } from "./process-delivery.js";
import type { Clock } from "../ports/clock.js";
import type { JobQueue } from "../ports/queue.js";
import type { Store } from "../ports/store.js";

/**
 * The Probot app function. It only stores and enqueues: processing happens from the queue, so
 * GitHub gets its answer in milliseconds and a redelivered id is never processed twice.
 */
export function createProbotApp(deps: { store: Store; queue: JobQueue; clock: Clock }): ApplicationFunction {
  return (app) => {
    app.onAny(async (context) => {
      const outcome = await acceptDelivery({ ...deps, isRouted }, {
        id: context.id,
        name: context.name,
        payload: context.payload,
      });
      app.log.debug({ deliveryId: context.id, event: context.name, outcome }, "delivery accepted");
    });
  };
}
