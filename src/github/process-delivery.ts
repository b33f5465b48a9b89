import type { ProbotOctokit } from "probot";
import type { DeliveryRecord } from "../ports/store.js";
import type { Runtime } from "../runtime/create-runtime.js";
import { createHandlerContext, type EventHandler } from "./handler-context.js";
import { onCheckRun } from "./handlers/on-check-run.js";
import { onCheckSuite } from "./handlers/on-check-suite.js";
import { onInstallation } from "./handlers/on-installation.js";
import { onIssueComment } from "./handlers/on-issue-comment.js";
import { onIssues } from "./handlers/on-issues.js";
import { onPullRequestReview } from "./handlers/on-pull-request-review.js";
import { onPullRequest } from "./handlers/on-pull-request.js";
import { onPush } from "./handlers/on-push.js";

/** Which events and actions Concord acts on; everything else is acknowledged and ignored. */
const ROUTES: Record<string, { actions?: readonly string[]; handle: EventHandler }> = {
  issue_comment: { actions: ["created", "edited"], handle: onIssueComment },
  pull_request: { actions: ["opened", "synchronize", "reopened", "ready_for_review", "closed"], handle: onPullRequest },
  pull_request_review: { actions: ["submitted", "dismissed"], handle: onPullRequestReview },
  issues: { actions: ["opened", "labeled", "closed", "reopened"], handle: onIssues },
  check_suite: { actions: ["completed"], handle: onCheckSuite },
  check_run: { actions: ["rerequested", "requested_action"], handle: onCheckRun },
  push: { handle: onPush },
  installation: { actions: ["created", "deleted"], handle: onInstallation },
};

export function routeFor(event: string, action: string | null): EventHandler | undefined {
  const route = ROUTES[event];
  if (!route) return undefined;
  if (route.actions && (action === null || !route.actions.includes(action))) return undefined;
  return route.handle;
}

/** Processes one stored delivery: authenticates as the installation and runs the event's handler. */
export function createDeliveryProcessor(deps: { runtime: Runtime; auth: (installationId: number) => Promise<ProbotOctokit> }) {
  return async function processDelivery(delivery: DeliveryRecord): Promise<void> {
    const handle = routeFor(delivery.event, delivery.action);
    if (!handle) {
      deps.runtime.logger.debug({ deliveryId: delivery.id, event: delivery.event, action: delivery.action }, "event ignored");
      return;
    }
    const payload: unknown = JSON.parse(delivery.payload);
    const installationId = installationOf(payload);
    if (installationId === undefined) {
      deps.runtime.logger.warn({ deliveryId: delivery.id, event: delivery.event }, "event without installation ignored");
      return;
    }
    const octokit = await deps.auth(installationId);
    await handle(payload, createHandlerContext({ deliveryId: delivery.id, event: delivery.event, installationId, runtime: deps.runtime, octokit }));
  };
}

function installationOf(payload: unknown): number | undefined {
  const installation = (payload as { installation?: { id?: unknown } } | null)?.installation;
  return typeof installation?.id === "number" ? installation.id : undefined;
}
