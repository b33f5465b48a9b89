import type { TaskType } from "../agents/agent.js";
import type { AgentCapability } from "../registry/capabilities.js";
import type { HandlerContext } from "./handler-context.js";

/**
 * Hands an event to whichever agent has the capability. Events whose agents are not built yet
 * (reviews, incidents) are acknowledged and logged, never failed.
 */
export async function routeToAgents(
  ctx: HandlerContext,
  capability: AgentCapability,
  taskType: TaskType,
  description: string,
  inputData: Record<string, unknown>,
): Promise<boolean> {
  const candidates = await ctx.runtime.registry.findAgentsByCapability(capability, { onlyAvailable: false });
  if (candidates.length === 0) {
    ctx.log.debug({ capability }, "no agent has this capability yet; event acknowledged");
    return false;
  }
  await ctx.runtime.agents.ask({
    from: "github",
    capability,
    task: { id: `${ctx.deliveryId}:${capability}`, type: taskType, description, inputData },
  });
  return true;
}
