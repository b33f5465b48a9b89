import type { AgentCapability } from "../protocol/capabilities.js";
import type { HandlerContext } from "./handler-context.js";

/**
 * Events for agents that are not built yet (reviews, incidents): acknowledged and logged, never
 * failed. Returns whether an agent with the capability is registered.
 */
export async function routeToAgents(ctx: HandlerContext, capability: AgentCapability, description: string): Promise<boolean> {
  const candidates = await ctx.runtime.registry.findAgentsByCapability(capability, { onlyAvailable: false });
  if (candidates.length === 0) ctx.log.debug({ capability, description }, "no agent has this capability yet; event acknowledged");
  return candidates.length > 0;
}
