import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "../ports/queue.js";
import type { Store } from "../ports/store.js";

/** GET /healthz: alive, and the store answers. Docker's HEALTHCHECK calls it. */
export function healthzRoute(deps: { store: Store; queue: JobQueue }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/healthz") return false;
    try {
      const deliveries = await deps.store.countDeliveries();
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ status: "ok", store: deps.store.dialect, queueDepth: deps.queue.depth(), deliveries }),
      );
    } catch (error) {
      res.writeHead(503, { "content-type": "application/json" }).end(
        JSON.stringify({ status: "unavailable", error: error instanceof Error ? error.message : String(error) }),
      );
    }
    return true;
  };
}
