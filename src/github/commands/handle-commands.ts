import { COMMAND_CATALOG, parseCommands, requiredRole, roleAllows, type Command, type ParsedCommand } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import { RateLimitedError, UserError } from "../../errors.js";
import { escapeMarkdown, inlineCode } from "../../render/escape.js";
import { untilAborted } from "../../runtime/until-aborted.js";
import { describeGitHubError } from "../describe-github-error.js";
import type { HandlerContext } from "../handler-context.js";
import { ensureComment } from "../outputs/sticky-comment.js";
import { isPaused } from "../use-cases/pause-state.js";
import { COMMAND_TABLE } from "./command-table.js";
import type { CommandHandler, CommandReply, CommandTable, CommentThread } from "./command-types.js";

/**
 * The whole life of the commands in one comment: 👀 on receipt, each command authorised and run,
 * one reply per command (edited in place on a rerun, keyed by comment and line), then 🚀 or 😕.
 * A command whose work fails is retried with its delivery; on the last attempt it is answered with
 * what failed, and the failure still goes on to the delivery worker, so the delivery is recorded failed.
 * `table` is the app's COMMAND_TABLE; a test of a new command passes its own.
 */
export async function handleCommands(ctx: HandlerContext, thread: CommentThread, commands: ParsedCommand[], table: CommandTable = COMMAND_TABLE): Promise<void> {
  if (commands.length === 0) return;
  const { repo } = thread;
  await repo.reactions.addToComment(thread.commentId, "eyes");
  const config = await ctx.config(repo);
  let failed = false;
  const errors: unknown[] = [];
  for (const parsed of commands) {
    const reply = parsed.ok ? await authorizeAndRun(ctx, thread, config, parsed.command, table) : usageReply(parsed);
    failed ||= !reply.ok;
    if ("error" in reply) errors.push(reply.error);
    await ensureComment(repo, thread.issueNumber, "reply", `${thread.commentId}-${parsed.line}`, reply.body);
  }
  await repo.reactions.addToComment(thread.commentId, failed ? "confused" : "rocket");
  if (errors.length > 0) throw errors[0];
}

/** Commands on an edited comment: only lines that were not already there run. */
export function newCommands(before: string | undefined, after: string): ParsedCommand[] {
  const old = new Set(parseCommands(before ?? "").map(signature));
  return parseCommands(after).filter((command) => !old.has(signature(command)));
}

function signature(parsed: ParsedCommand): string {
  return parsed.ok ? JSON.stringify(parsed.command) : `${parsed.name}:${parsed.error}`;
}

/** Pause and resume work on a paused thread; everything else waits for /concord resume. */
const RUNS_WHILE_PAUSED = new Set<Command["kind"]>(["concord pause", "concord resume"]);

/** A reply to a command whose work failed for good, with the error the delivery is recorded failed with. */
type FailedReply = CommandReply & { error: unknown };

async function authorizeAndRun(ctx: HandlerContext, thread: CommentThread, config: ConcordConfig, command: Command, table: CommandTable): Promise<CommandReply | FailedReply> {
  const needed = requiredRole(command, config.commands.roles);
  // Anyone who can comment can read; only stronger roles cost a permission lookup.
  if (needed !== "read") {
    const actual = await thread.repo.permissions.getRole(thread.author);
    if (!roleAllows(actual, needed)) {
      return { ok: false, body: `${inlineCode(COMMAND_CATALOG[command.kind].usage)} needs the **${needed}** role on this repository; you have **${actual}**.` };
    }
  }
  const handler = table[command.kind] as CommandHandler | undefined;
  if (handler === undefined) {
    return { ok: true, body: `${inlineCode(`/${command.kind}`)} is not available yet in this version of Concord. ${inlineCode("/help")} lists what is.` };
  }
  if (!RUNS_WHILE_PAUSED.has(command.kind) && (await isPaused(ctx.runtime.state, { repo: thread.repo.fullName, number: thread.issueNumber }))) {
    return { ok: true, body: `Concord is paused here. ${inlineCode("/concord resume")} turns it back on.` };
  }
  try {
    // Past the job's time budget the command counts as failed, even if its work is still pending.
    return await untilAborted(handler(command, thread, ctx, config), ctx.signal);
  } catch (error) {
    // A user's mistake is answered; anything else propagates so the delivery is retried (replies are upserted, so a retry adds none).
    if (error instanceof UserError) return { ok: false, body: `${inlineCode(`/${command.kind}`)}: ${error.message}` };
    // A rate limit is waited out and run again whatever the attempt, so it is not a failure to report.
    if (!ctx.lastAttempt || error instanceof RateLimitedError) throw error;
    return { ok: false, body: `${inlineCode(`/${command.kind}`)} failed: ${escapeMarkdown(whatFailed(error))}. Run the command again to retry.`, error };
  }
}

/** What failed, for the reply, kept short. */
function whatFailed(error: unknown): string {
  const text = describeGitHubError(error);
  return text.length > MAX_FAILURE_CHARS ? `${text.slice(0, MAX_FAILURE_CHARS)}…` : text;
}

const MAX_FAILURE_CHARS = 300;

function usageReply(parsed: Extract<ParsedCommand, { ok: false }>): CommandReply {
  return {
    ok: false,
    // The error may quote the sender's words: escaped, so it cannot ping anyone or inject markup.
    body: [`${inlineCode(`/${parsed.name}`)}: ${escapeMarkdown(parsed.error)}.`, "", "Usage:", "```", parsed.usage, "```"].join("\n"),
  };
}
