import type { RegistryStats } from "../registry/agent-registry-port.js";
import { markdownTable } from "./markdown-table.js";

/** `/agents status`: the registry as a table. */
export function renderAgentsStatus(stats: RegistryStats): string {
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const rows = stats.agents.map((agent) => [
    agent.agentId,
    agent.status,
    `${agent.currentLoad}/${agent.maxConcurrentTasks}`,
    String(agent.completed + agent.failed),
    percent(agent.successRate),
    `${Math.round(agent.avgExecutionTimeMs)} ms`,
    agent.capabilities.join(", "),
  ]);
  return [
    "### Concord agents",
    "",
    `${stats.totalAgents} registered: ${stats.available} available, ${stats.busy} busy, ${stats.offline} offline. ` +
      `Tasks: ${stats.totalCompleted} completed, ${stats.totalFailed} failed.`,
    "",
    markdownTable(["agent", "status", "load", "tasks", "success", "avg time", "capabilities"], rows),
  ].join("\n");
}
