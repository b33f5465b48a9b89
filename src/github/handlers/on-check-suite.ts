import { CheckSuiteEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { routeToAgents } from "../route-to-agents.js";

/** A failing suite on the default branch may be an incident: the incident responder decides. */
export const onCheckSuite: EventHandler = async (payload, ctx) => {
  const event = CheckSuiteEvent.safeParse(payload);
  if (!event.success) return;
  const { check_suite: suite, repository } = event.data;
  if (!repository.default_branch || suite.head_branch !== repository.default_branch) return;
  if (suite.conclusion !== "failure" && suite.conclusion !== "timed_out") return;
  await routeToAgents(ctx, "incident_response", `default branch suite ${suite.conclusion} on ${repository.full_name} at ${suite.head_sha}`);
};
