import { parseCommands } from "../../commands/index.js";
import { IssueCommentEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { handleCommands, newCommands } from "../use-cases/handle-commands.js";

/** Slash-commands in issue and PR comments. Bots, Concord included, never trigger commands. */
export const onIssueComment: EventHandler = async (payload, ctx) => {
  const parsed = IssueCommentEvent.safeParse(payload);
  if (!parsed.success) return;
  const event = parsed.data;
  const author = event.comment.user;
  if (!author || author.type === "Bot" || event.sender?.type === "Bot") return;
  const body = event.comment.body ?? "";
  const commands = event.action === "edited" ? newCommands(event.changes?.body?.from, body) : parseCommands(body);
  if (commands.length === 0) return;
  const { repository } = event;
  await handleCommands(ctx, {
    gateway: ctx.gateway({ owner: repository.owner.login, repo: repository.name }),
    issueNumber: event.issue.number,
    isPullRequest: Boolean(event.issue.pull_request),
    commentId: event.comment.id,
    author: author.login,
  }, commands);
};
