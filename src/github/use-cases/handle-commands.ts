import { COMMAND_CATALOG, parseCommands, requiredRole, roleAllows, type Command, type ParsedCommand } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import { UserError } from "../../errors.js";
import { escapeMarkdown, inlineCode } from "../../render/escape.js";
import type { GitHubGateway } from "../gateway.js";
import type { HandlerContext } from "../handler-context.js";
import { runCommand } from "./run-command.js";

export interface CommentThread {
  gateway: GitHubGateway;
  issueNumber: number;
  isPullRequest: boolean;
  commentId: number;
  author: string;
  /** Head SHA when the thread is a pull request and it is known. */
  headSha?: string;
}

export interface CommandReply {
  ok: boolean;
  body: string;
}

/**
 * The whole life of the commands in one comment: 👀 on receipt, each command authorised and run,
 * one reply per command (edited in place on a rerun, keyed by comment and line), then 🚀 or 😕.
 */
export async function handleCommands(ctx: HandlerContext, thread: CommentThread, commands: ParsedCommand[]): Promise<void> {
  if (commands.length === 0) return;
  const { gateway } = thread;
  await gateway.addReaction(thread.commentId, "eyes");
  const config = await ctx.config(gateway);
  let failed = false;
  for (const parsed of commands) {
    const reply = parsed.ok ? await authorizeAndRun(ctx, thread, config, parsed.command) : usageReply(parsed);
    failed ||= !reply.ok;
    await gateway.upsertComment(thread.issueNumber, "reply", `${thread.commentId}-${parsed.line}`, reply.body);
  }
  await gateway.addReaction(thread.commentId, failed ? "confused" : "rocket");
}

/** Commands on an edited comment: only lines that were not already there run. */
export function newCommands(before: string | undefined, after: string): ParsedCommand[] {
  const old = new Set(parseCommands(before ?? "").map(signature));
  return parseCommands(after).filter((command) => !old.has(signature(command)));
}

function signature(parsed: ParsedCommand): string {
  return parsed.ok ? JSON.stringify(parsed.command) : `${parsed.name}:${parsed.error}`;
}

async function authorizeAndRun(ctx: HandlerContext, thread: CommentThread, config: ConcordConfig, command: Command): Promise<CommandReply> {
  const needed = requiredRole(command, config.commands.roles);
  // Anyone who can comment can read; only stronger roles cost a permission lookup.
  if (needed !== "read") {
    const actual = await thread.gateway.getRole(thread.author);
    if (!roleAllows(actual, needed)) {
      return {
        ok: false,
        body: `${inlineCode(COMMAND_CATALOG[command.kind].usage)} needs the **${needed}** role on this repository; you have **${actual}**.`,
      };
    }
  }
  if (!COMMAND_CATALOG[command.kind].available) {
    return { ok: true, body: `${inlineCode(`/${command.kind}`)} is not available yet in this version of Concord. ${inlineCode("/help")} lists what is.` };
  }
  try {
    return await runCommand(ctx, thread, config, command);
  } catch (error) {
    // A user's mistake is answered; anything else propagates so the delivery is retried (replies are upserted, so a retry adds none).
    if (!(error instanceof UserError)) throw error;
    return { ok: false, body: `${inlineCode(`/${command.kind}`)}: ${error.message}` };
  }
}

function usageReply(parsed: Extract<ParsedCommand, { ok: false }>): CommandReply {
  return {
    ok: false,
    // The error may quote the sender's words: escaped, so it cannot ping anyone or inject markup.
    body: [`${inlineCode(`/${parsed.name}`)}: ${escapeMarkdown(parsed.error)}.`, "", "Usage:", "```", parsed.usage, "```"].join("\n"),
  };
}
