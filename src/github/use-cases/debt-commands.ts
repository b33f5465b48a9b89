import type { Command } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import { UserError } from "../../errors.js";
import type { HandlerContext } from "../handler-context.js";
import type { CommandReply, CommentThread } from "./handle-commands.js";

// Placeholder until the tech-debt engine lands (issue 4).
export function runDebtCommand(_ctx: HandlerContext, _thread: CommentThread, _config: ConcordConfig, command: Command): Promise<CommandReply> {
  return Promise.reject(new UserError(`/${command.kind} is not available yet.`));
}
