import type { AgentCapability } from "../protocol/capabilities.js";
import { createEscalationRequest, escalationToMessage } from "../protocol/index.js";
import type { HandlerContext } from "./handler-context.js";

/** The thread an event is about, where a person can read what happened to it. */
export interface EventThread {
  repo: string;
  issueNumber: number;
}

/**
 * Hands an event to whichever agent has the capability. While no agent has it (reviews and
 * incidents ship with their agents), an event with a thread is escalated to the people there, so
 * it does not vanish: an escalation message to "human", which the app writes as one comment on the
 * thread (keyed by `key`, so a redelivery adds none). Returns whether an agent took it.
 */
export async function routeToAgents(
  ctx: HandlerContext,
  capability: AgentCapability,
  event: { key: string; description: string; thread?: EventThread; severity?: "critical" | "high" | "medium" | "low"; recommendedAction?: string },
): Promise<boolean> {
  const candidates = await ctx.runtime.registry.findAgentsByCapability(capability, { onlyAvailable: false });
  if (candidates.length > 0) return true;
  if (event.thread === undefined) {
    ctx.log.info({ capability, description: event.description }, "no agent has this capability yet; event acknowledged");
    return false;
  }
  const escalation = createEscalationRequest(
    {
      escalationId: event.key,
      fromAgent: "github",
      severity: event.severity ?? "medium",
      issue: event.description,
      context: { thread: { ...event.thread, installationId: ctx.installationId } },
      attemptedResolutions: [`Looked for an agent offering ${capability}: none is installed in this version of Concord`],
      ...(event.recommendedAction ? { recommendedAction: event.recommendedAction } : {}),
    },
    { clock: ctx.runtime.clock },
  );
  await ctx.runtime.bus.send(escalationToMessage(escalation, {}, { clock: ctx.runtime.clock }));
  return false;
}
