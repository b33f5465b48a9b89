import type { AgentInfo } from "./agent-registry-port.js";

type Rankable = Pick<AgentInfo, "agentId" | "currentLoad" | "priority" | "successRate">;

/**
 * Load balancing: least loaded first, then highest priority, then best success rate. The seed
 * stopped at priority; the id breaks the last ties so every replica picks the same agent.
 */
export function compareByLoad(a: Rankable, b: Rankable): number {
  return (
    a.currentLoad - b.currentLoad ||
    b.priority - a.priority ||
    b.successRate - a.successRate ||
    a.agentId.localeCompare(b.agentId)
  );
}

/** Directory order (the seed's find_agents): highest priority first, then the load order. */
export function compareByPriority(a: Rankable, b: Rankable): number {
  return b.priority - a.priority || compareByLoad(a, b);
}
