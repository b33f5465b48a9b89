import type { ProbotOctokit } from "probot";
import type { DeliveryRecord } from "../ports/store.js";
import type { Runtime } from "../runtime/create-runtime.js";
import type { DeliveryJob } from "../runtime/delivery-worker.js";
import { payloadText } from "./stored-payload.js";
import { dispatchEvent, subscriptionsFor } from "./events/dispatch-event.js";
import { SUBSCRIPTIONS } from "./events/subscriptions.js";
import { createHandlerContext, octokitRepos } from "./handler-context.js";
import type { RateLimitNotes } from "./sources/rate-limit-notes.js";

/** Processes one stored delivery: authenticates as the installation and runs the subscriptions. */
export function createDeliveryProcessor(deps: { runtime: Runtime; auth: (installationId: number) => Promise<ProbotOctokit>; rateLimits?: RateLimitNotes }) {
  return async function processDelivery(delivery: DeliveryRecord, job: DeliveryJob): Promise<void> {
    const subscriptions = subscriptionsFor(SUBSCRIPTIONS, delivery.event, delivery.action);
    if (subscriptions.length === 0) {
      deps.runtime.logger.debug({ deliveryId: delivery.id, event: delivery.event, action: delivery.action }, "event ignored");
      return;
    }
    const payload: unknown = JSON.parse(await payloadText(delivery.payload));
    const installationId = installationOf(payload);
    if (installationId === undefined) {
      deps.runtime.logger.warn({ deliveryId: delivery.id, event: delivery.event }, "event without installation ignored");
      return;
    }
    const octokit = await deps.auth(installationId);
    abortRequestsOn(octokit, job.abandoned);
    const ctx = createHandlerContext({ deliveryId: delivery.id, event: delivery.event, installationId, runtime: deps.runtime, github: octokitRepos(octokit), job, ...(deps.rateLimits ? { rateLimits: deps.rateLimits } : {}) });
    await dispatchEvent(subscriptions, payload, ctx);
  };
}

/** Work abandoned past its budget stops talking to GitHub: what it still asks for is aborted, so it cannot act after its retry began. */
function abortRequestsOn(octokit: ProbotOctokit, signal: AbortSignal): void {
  octokit.hook.wrap("request", (request, options) => {
    const own = options.request?.signal;
    // In place: the hooks inside this one were handed this same options object, and read only it.
    options.request = { ...options.request, signal: own ? AbortSignal.any([own, signal]) : signal };
    return request(options);
  });
}

function installationOf(payload: unknown): number | undefined {
  const installation = (payload as { installation?: { id?: unknown } } | null)?.installation;
  return typeof installation?.id === "number" ? installation.id : undefined;
}
