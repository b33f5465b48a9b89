import type { Command, CommandKind } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import type { GitHubRepo } from "../../ports/github.js";
import type { HandlerContext } from "../handler-context.js";

/** The issue or pull-request comment a command came in. */
export interface CommentThread {
  repo: GitHubRepo;
  issueNumber: number;
  isPullRequest: boolean;
  commentId: number;
  author: string;
}

export interface CommandReply {
  ok: boolean;
  body: string;
}

/** What runs one authorised command of a kind, with the command narrowed to that kind. */
export type CommandHandler<K extends CommandKind = CommandKind> = (
  command: Extract<Command, { kind: K }>,
  thread: CommentThread,
  ctx: HandlerContext,
  config: ConcordConfig,
) => Promise<CommandReply>;

export type CommandTable = { readonly [K in CommandKind]?: CommandHandler<K> };
