import type { GitHubRepo } from "../../ports/github.js";
import type { Effect } from "../../protocol/effects.js";
import { fitComment } from "../../render/limits.js";
import { hasMarker, withMarker } from "../../render/markers.js";

type ReviewEffect = Extract<Effect, { kind: "review" }>;

/** One review per head SHA and marker: a redelivery or a re-run finds the first and adds nothing. */
export async function applyReview(repo: Pick<GitHubRepo, "reviews">, effect: ReviewEffect): Promise<void> {
  const { kind, key } = effect.marker;
  const existing = (await repo.reviews.list(effect.pullNumber)).find((review) => review.byBot && review.commitId === effect.commitId && hasMarker(review.body, kind, key));
  if (existing) return;
  await repo.reviews.create(effect.pullNumber, { commitId: effect.commitId, event: effect.event, body: fitComment(withMarker(effect.body, kind, key)), comments: effect.comments });
}
