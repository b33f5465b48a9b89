import type { CommentsPort, ReactionsPort } from "../../ports/github.js";
import type { OctokitScope } from "./types.js";

export function octokitComments({ octokit, ref }: OctokitScope): CommentsPort {
  return {
    async list(issueNumber) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...ref, issue_number: issueNumber, per_page: 100 });
      return comments.map((comment) => ({ id: comment.id, body: comment.body ?? "", byBot: comment.user?.type === "Bot" }));
    },
    async create(issueNumber, body) {
      const { data } = await octokit.rest.issues.createComment({ ...ref, issue_number: issueNumber, body });
      return data.id;
    },
    async update(commentId, body) {
      await octokit.rest.issues.updateComment({ ...ref, comment_id: commentId, body });
    },
  };
}

export function octokitReactions({ octokit, ref }: OctokitScope): ReactionsPort {
  return {
    async addToComment(commentId, content) {
      await octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: commentId, content });
    },
  };
}
