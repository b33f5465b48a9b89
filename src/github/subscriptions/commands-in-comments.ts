import { parseCommands } from "../../commands/index.js";
import { handleCommands, newCommands } from "../commands/handle-commands.js";
import { IssueCommentEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";

/**
 * Slash-commands in issue and PR comments. Bots, Concord included, never trigger commands. Never
 * quiet: `/concord resume` must work on a paused thread (the commands apply pause themselves).
 */
export const commandsInComments = subscription<IssueCommentEvent>({
  name: "commands",
  event: "issue_comment",
  actions: ["created", "edited"],
  schema: IssueCommentEvent,
  quiet: "never",
  async run(event, ctx) {
    const author = event.comment.user;
    if (!author || author.type === "Bot" || event.sender?.type === "Bot") return;
    const body = event.comment.body ?? "";
    const commands = event.action === "edited" ? newCommands(event.changes?.body?.from, body) : parseCommands(body);
    if (commands.length === 0) return;
    const { repository } = event;
    const thread = {
      repo: ctx.github({ owner: repository.owner.login, repo: repository.name }),
      issueNumber: event.issue.number,
      isPullRequest: Boolean(event.issue.pull_request),
      commentId: event.comment.id,
      author: author.login,
    };
    await handleCommands(ctx, thread, commands);
  },
});
