import { LIST_COMMANDS } from "../../agents/help/help-capability.js";
import type { CommandKind } from "../../commands/index.js";
import { inlineCode } from "../../render/escape.js";
import { renderAgentsStatus } from "../../render/agents-status.js";
import { setPaused } from "../use-cases/pause-state.js";
import type { CommandHandler } from "./command-types.js";

/** `/help` travels the whole way: an AgentMessage, the registry, the help agent, its result. */
export function helpCommand(available: () => readonly CommandKind[]): CommandHandler<"help"> {
  return async (_command, _thread, ctx, config) => {
    const { markdown } = await ctx.runtime.agents.ask(
      LIST_COMMANDS,
      { available: [...available()], roles: config.commands.roles },
      { from: "github", taskId: `${ctx.deliveryId}:help`, description: "List the commands" },
    );
    return { ok: true, body: markdown };
  };
}

export const agentsStatusCommand: CommandHandler<"agents status"> = async (_command, _thread, ctx) => ({
  ok: true,
  body: renderAgentsStatus(await ctx.runtime.registry.getRegistryStats()),
});

export const pauseCommand: CommandHandler<"concord pause"> = async (_command, thread, ctx) => {
  await setPaused(ctx.runtime.state, { repo: thread.repo.fullName, number: thread.issueNumber }, true, thread.author);
  return {
    ok: true,
    body: `Concord is paused on this ${thread.isPullRequest ? "pull request" : "issue"}: no automatic checks or comments until ${inlineCode("/concord resume")}.`,
  };
};

export const resumeCommand: CommandHandler<"concord resume"> = async (_command, thread, ctx) => {
  await setPaused(ctx.runtime.state, { repo: thread.repo.fullName, number: thread.issueNumber }, false, thread.author);
  return { ok: true, body: "Concord is active again here." };
};
