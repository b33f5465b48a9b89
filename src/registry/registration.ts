import { z } from "zod";
import { TaskType } from "../protocol/task.js";
import { AGENT_CAPABILITIES } from "../protocol/capabilities.js";

/** A registration as the registry stores it: plain data. */
export const AgentRegistration = z
  .object({
    agentId: z.string().min(1).max(200),
    taskTypes: z.array(TaskType),
    description: z.string(),
    capabilities: z.array(z.enum(AGENT_CAPABILITIES)),
    maxConcurrentTasks: z.int().min(1).max(10_000).default(5),
    priority: z.int().min(0).max(1_000).default(50),
    tags: z.array(z.string().min(1)).default([]),
    /** Capability ids (e.g. "tech-debt.scan") the agent answers: two agents may share a routing capability but not an operation. */
    operations: z.array(z.string().min(1).max(200)).default([]),
  })
  .strict();
export type AgentRegistration = z.infer<typeof AgentRegistration>;

export class InvalidRegistrationError extends Error {
  override readonly name = "InvalidRegistrationError";
}

export function parseRegistration(input: unknown): AgentRegistration {
  const result = AgentRegistration.safeParse(input);
  if (!result.success) {
    throw new InvalidRegistrationError(`Invalid agent registration:\n${z.prettifyError(result.error)}`);
  }
  // Duplicates would count an agent twice in an index listing.
  const data = result.data;
  return {
    ...data,
    taskTypes: [...new Set(data.taskTypes)],
    capabilities: [...new Set(data.capabilities)],
    tags: [...new Set(data.tags)],
    operations: [...new Set(data.operations)],
  };
}
