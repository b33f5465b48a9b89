import type { TaskOutcome } from "./agent-registry-port.js";

export interface TaskStats {
  completed: number;
  failed: number;
  successRate: number;
  avgExecutionTimeMs: number;
}

export const EMPTY_TASK_STATS: TaskStats = { completed: 0, failed: 0, successRate: 1, avgExecutionTimeMs: 0 };

/** The seed's update_stats: counters, success share, and a running mean over every finished task. */
export function recordOutcome(stats: TaskStats, outcome: TaskOutcome): TaskStats {
  const completed = stats.completed + (outcome.success ? 1 : 0);
  const failed = stats.failed + (outcome.success ? 0 : 1);
  const finished = completed + failed;
  return {
    completed,
    failed,
    successRate: completed / finished,
    avgExecutionTimeMs: stats.avgExecutionTimeMs + (outcome.executionTimeMs - stats.avgExecutionTimeMs) / finished,
  };
}
