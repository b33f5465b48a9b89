import { PullRequestReviewEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { routeToAgents } from "../route-to-agents.js";

/** Reviews are positions in a possible conflict: they go to the agents that resolve conflicts. */
export const onPullRequestReview: EventHandler = async (payload, ctx) => {
  const event = PullRequestReviewEvent.safeParse(payload);
  if (!event.success) return;
  const { review, pull_request: pr, repository } = event.data;
  await routeToAgents(ctx, "conflict_resolution", `review ${review.state} by ${review.user?.login ?? "someone"} on ${repository.full_name}#${pr.number} (${event.data.action})`);
};
