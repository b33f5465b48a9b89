import { z } from "zod";
import { Evidence } from "./evidence.js";

/**
 * The seed's task types, plus the three its own enum lacked although its agents used them
 * (review, migration, incident_response).
 */
export const TASK_TYPES = [
  "reasoning",
  "code_generation",
  "code_review",
  "planning",
  "analysis",
  "documentation",
  "testing",
  "refactoring",
  "security_audit",
  "tool_use",
  "multimodal",
  "long_context",
  "review",
  "migration",
  "incident_response",
] as const;
export const TaskType = z.enum(TASK_TYPES);
export type TaskType = z.infer<typeof TaskType>;

export const Task = z.object({
  id: z.string().min(1),
  type: TaskType,
  /** The capability this task performs (Capability.id), when the agent offers several. */
  operation: z.string().min(1).optional(),
  description: z.string(),
  inputData: z.record(z.string(), z.unknown()).default({}),
  /** Ids of tasks that must succeed first (swarm DAGs). */
  dependencies: z.array(z.string()).default([]),
  /** The AgentMessage this task was created from, for the audit trail. */
  messageId: z.string().optional(),
});
export type Task = z.infer<typeof Task>;
export type TaskInput = z.input<typeof Task>;

export const TaskMetrics = z.object({
  durationMs: z.number().nonnegative(),
  /** Cost in US dollars (0 for deterministic agents). */
  cost: z.number().nonnegative().default(0),
});
export type TaskMetrics = z.infer<typeof TaskMetrics>;

export const TaskResult = z.object({
  taskId: z.string(),
  agentId: z.string(),
  success: z.boolean(),
  output: z.record(z.string(), z.unknown()).default({}),
  error: z.string().optional(),
  evidence: z.array(Evidence).default([]),
  metrics: TaskMetrics,
});
export type TaskResult = z.infer<typeof TaskResult>;
