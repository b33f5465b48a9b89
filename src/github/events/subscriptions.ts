import { failingSuites, incidentIssues, reviewPositions } from "../subscriptions/agent-routes.js";
import { checkRerun } from "../subscriptions/check-rerun.js";
import { commandsInComments } from "../subscriptions/commands-in-comments.js";
import { debtReportOnPush } from "../subscriptions/debt-report-on-push.js";
import { installations } from "../subscriptions/installations.js";
import { configCheckOnPullRequests, debtCheckOnPullRequests } from "../subscriptions/pull-request-checks.js";
import type { EventSubscription } from "./event-subscription.js";

/** Every feature's events, in the order they run for one delivery; events nobody subscribes to are not even stored. */
export const SUBSCRIPTIONS: readonly EventSubscription[] = [
  commandsInComments,
  configCheckOnPullRequests,
  debtCheckOnPullRequests,
  reviewPositions,
  incidentIssues,
  failingSuites,
  checkRerun,
  debtReportOnPush,
  installations,
];
