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

/**
 * A stance an agent takes on a question others may answer differently (approve or block a PR, keep
 * or revert a change): what the conflict resolver weighs, by confidence and evidence.
 */
export const Position = z
  .object({
    agentId: z.string().min(1),
    /** What is being decided, e.g. "pr:octo/repo#5:merge"; positions on the same subject can conflict. */
    subject: z.string().min(1),
    position: z.string().min(1),
    rationale: z.string(),
    confidence: z.number().min(0).max(1),
    evidence: z.array(Evidence).default([]),
  })
  .strict();
export type Position = z.infer<typeof Position>;

export const TaskResult = z.object({
  taskId: z.string(),
  agentId: z.string(),
  success: z.boolean(),
  output: z.record(z.string(), z.unknown()).default({}),
  error: z.string().optional(),
  evidence: z.array(Evidence).default([]),
  /** Positions the agent took while doing the task; counted in its track record. */
  positions: z.array(Position).optional(),
  metrics: TaskMetrics,
});
export type TaskResult = z.infer<typeof TaskResult>;
