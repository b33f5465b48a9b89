import type { ProbotOctokit } from "probot";
import type { HookDeliveries } from "../ports/hook-deliveries.js";

/** The delivery log over an app-authenticated client (a JWT: `probot.auth()` with no installation). */
export function appHookDeliveries(octokit: ProbotOctokit): HookDeliveries {
  return {
    async *pages() {
      // GitHub pages this list by cursor; the Link header's next URL carries it.
      for await (const page of octokit.paginate.iterator(octokit.rest.apps.listWebhookDeliveries, { per_page: 100 })) {
        yield page.data.map((d) => ({ id: d.id, guid: d.guid, deliveredAt: d.delivered_at, status: d.status, statusCode: d.status_code, event: d.event }));
      }
    },
    async redeliver(attemptId) {
      await octokit.rest.apps.redeliverWebhookDelivery({ delivery_id: attemptId });
    },
  };
}
