import { PullRequestReviewEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { routeToAgents } from "../route-to-agents.js";

/** Reviews are positions in a possible conflict: they go to the agents that resolve conflicts. */
export const onPullRequestReview: EventHandler = async (payload, ctx) => {
  const event = PullRequestReviewEvent.safeParse(payload);
  if (!event.success) return;
  const { review, pull_request: pr, repository } = event.data;
  await routeToAgents(ctx, "conflict_resolution", "review", `review ${review.state} on ${repository.full_name}#${pr.number}`, {
    repository: repository.full_name,
    pullNumber: pr.number,
    headSha: pr.head.sha,
    review: { id: review.id, state: review.state, author: review.user?.login ?? null, authorType: review.user?.type ?? null },
    action: event.data.action,
  });
};
