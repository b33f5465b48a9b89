import type { AgentInfo, RegistryStats } from "./agent-registry-port.js";

/** The guide's available/busy/offline breakdown (the seed documented it but never built it). */
export function buildRegistryStats(agents: AgentInfo[]): RegistryStats {
  const count = (status: AgentInfo["status"]) => agents.filter((a) => a.status === status).length;
  const totalCompleted = agents.reduce((sum, a) => sum + a.completed, 0);
  const totalFailed = agents.reduce((sum, a) => sum + a.failed, 0);
  const running = agents.reduce((sum, a) => sum + a.currentLoad, 0);
  const finished = totalCompleted + totalFailed;
  return {
    totalAgents: agents.length,
    available: count("available"),
    busy: count("busy"),
    offline: count("offline"),
    totalCompleted,
    totalFailed,
    completionRate: finished + running === 0 ? 0 : totalCompleted / (finished + running),
    successRate: finished === 0 ? 1 : totalCompleted / finished,
    agents: agents.map((a) => ({
      agentId: a.agentId,
      status: a.status,
      currentLoad: a.currentLoad,
      maxConcurrentTasks: a.maxConcurrentTasks,
      completed: a.completed,
      failed: a.failed,
      successRate: a.successRate,
      avgExecutionTimeMs: a.avgExecutionTimeMs,
      capabilities: [...a.capabilities],
      trackRecord: { ...a.trackRecord },
    })),
  };
}
