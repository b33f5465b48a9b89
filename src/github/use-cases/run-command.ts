import { LIST_COMMANDS } from "../../agents/help/help-capability.js";
import type { Command } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import { UserError } from "../../errors.js";
import { inlineCode } from "../../render/escape.js";
import { renderAgentsStatus } from "../../render/agents-status.js";
import type { HandlerContext } from "../handler-context.js";
import type { CommandReply, CommentThread } from "./handle-commands.js";
import { isPaused, setPaused } from "./pause-state.js";
import { runDebtCommand } from "./debt-commands.js";

/** Runs one authorised command and says what to reply. */
export async function runCommand(ctx: HandlerContext, thread: CommentThread, config: ConcordConfig, command: Command): Promise<CommandReply> {
  const key = { repo: thread.gateway.fullName, number: thread.issueNumber };
  if (command.kind === "concord pause" || command.kind === "concord resume") {
    const paused = command.kind === "concord pause";
    await setPaused(ctx.runtime, key, paused, thread.author);
    return {
      ok: true,
      body: paused
        ? `Concord is paused on this ${thread.isPullRequest ? "pull request" : "issue"}: no automatic checks or comments until ${inlineCode("/concord resume")}.`
        : "Concord is active again here.",
    };
  }
  if (await isPaused(ctx.runtime, key)) {
    return { ok: true, body: `Concord is paused here. ${inlineCode("/concord resume")} turns it back on.` };
  }
  switch (command.kind) {
    case "help":
      return { ok: true, body: await askForHelp(ctx, config) };
    case "agents status":
      return { ok: true, body: renderAgentsStatus(await ctx.runtime.registry.getRegistryStats()) };
    case "debt scan":
    case "debt report":
    case "debt ignore":
      return runDebtCommand(ctx, thread, config, command);
    default:
      throw new UserError(`${inlineCode(`/${command.kind}`)} is not available yet.`);
  }
}

/** /help travels the whole way: an AgentMessage, the registry, the help agent, its result. */
async function askForHelp(ctx: HandlerContext, config: ConcordConfig): Promise<string> {
  const { markdown } = await ctx.runtime.agents.ask(LIST_COMMANDS, { roles: config.commands.roles }, { from: "github", taskId: `${ctx.deliveryId}:help`, description: "List the commands" });
  return markdown;
}
