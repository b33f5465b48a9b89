import type { ReviewsPort } from "../../ports/github.js";
import type { OctokitScope } from "./types.js";

export function octokitReviews({ octokit, ref }: OctokitScope): ReviewsPort {
  return {
    async list(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...ref, pull_number: pullNumber, per_page: 100 });
      return reviews.map((review) => ({
        id: review.id,
        state: review.state,
        body: review.body ?? "",
        author: review.user?.login ?? null,
        byBot: review.user?.type === "Bot",
        commitId: review.commit_id ?? null,
      }));
    },
    async create(pullNumber, input) {
      const { data } = await octokit.rest.pulls.createReview({
        ...ref,
        pull_number: pullNumber,
        commit_id: input.commitId,
        event: input.event,
        body: input.body,
        comments: input.comments.map((comment) => ({ ...comment, side: "RIGHT" as const })),
      });
      return data.id;
    },
    async dismiss(pullNumber, reviewId, message) {
      await octokit.rest.pulls.dismissReview({ ...ref, pull_number: pullNumber, review_id: reviewId, message });
    },
  };
}
