import type { AgentCapability } from "../protocol/capabilities.js";
import type { Task, TaskType } from "../protocol/task.js";

/** available: can take work; busy: at capacity; offline: silent past the heartbeat timeout. */
export type AgentStatus = "available" | "busy" | "offline";

/** An agent's directory entry: data only, so a registry can live in a database or Redis; code stays with the agent's host. */
export interface AgentRegistrationInput {
  agentId: string;
  taskTypes: TaskType[];
  description: string;
  capabilities: AgentCapability[];
  /** Default 5 (the seed's). */
  maxConcurrentTasks?: number;
  /** Higher is preferred; default 50 (the seed's). */
  priority?: number;
  tags?: string[];
  /** The capability ids it answers (hosts fill this in from their catalog); an asker picks only agents listing its operation. */
  operations?: string[];
}

/** A snapshot: plain data, safe to serialise and to hand out (changing it changes nothing). */
export interface AgentInfo {
  agentId: string;
  description: string;
  taskTypes: TaskType[];
  capabilities: AgentCapability[];
  tags: string[];
  operations: string[];
  maxConcurrentTasks: number;
  priority: number;
  status: AgentStatus;
  currentLoad: number;
  activeTaskIds: string[];
  completed: number;
  failed: number;
  /** completed / (completed + failed); 1 before the first result, as in the seed. */
  successRate: number;
  avgExecutionTimeMs: number;
  registeredAt: string;
  lastHeartbeat: string;
  trackRecord: TrackRecord;
}

/**
 * How an agent's positions fared in disagreements: taken, then upheld or overruled when the
 * disagreement was settled. The conflict resolver weighs positions by it.
 */
export interface TrackRecord {
  taken: number;
  upheld: number;
  overruled: number;
}

export type PositionOutcome = keyof TrackRecord;

export interface AgentStatsEntry {
  agentId: string;
  status: AgentStatus;
  currentLoad: number;
  maxConcurrentTasks: number;
  completed: number;
  failed: number;
  successRate: number;
  avgExecutionTimeMs: number;
  capabilities: AgentCapability[];
  trackRecord: TrackRecord;
}

export interface RegistryStats {
  totalAgents: number;
  available: number;
  busy: number;
  offline: number;
  totalCompleted: number;
  totalFailed: number;
  /** Of every task taken (finished or running), the share that completed successfully; 0 when none. */
  completionRate: number;
  /** Of every finished task, the share that succeeded; 1 when none finished. */
  successRate: number;
  agents: AgentStatsEntry[];
}

export interface TaskOutcome {
  success: boolean;
  executionTimeMs: number;
}

/**
 * What the coordinators need from a registry. Async so a Redis-backed registry (distributed mode)
 * can implement it with atomic scripts; the in-memory one is the default.
 */
export interface AgentRegistryPort {
  /** Registering an id again replaces its configuration; its running tasks and history are kept. */
  register(input: AgentRegistrationInput): Promise<AgentInfo>;
  /** Removes the agent from every index; false when unknown. */
  unregister(agentId: string): Promise<boolean>;
  getAgent(agentId: string): Promise<AgentInfo | undefined>;
  listAgents(): Promise<AgentInfo[]>;
  /** Least loaded first, then highest priority, then best success rate. */
  findAgentsByCapability(capability: AgentCapability, options?: { onlyAvailable?: boolean }): Promise<AgentInfo[]>;
  /** Agents handling the task type and carrying any of the tags; offline ones only when asked. Priority first. */
  findAgents(query: { taskType?: TaskType; tags?: string[]; includeOffline?: boolean }): Promise<AgentInfo[]>;
  /** The preferred agent when it can take the task now, else the best available one, else undefined. */
  routeTask(task: Pick<Task, "type">, options?: { preferredAgent?: string; tags?: string[] }): Promise<AgentInfo | undefined>;
  /** Reserves one slot for the task; false when unknown, offline or at capacity. Idempotent per task id. */
  acquireAgent(agentId: string, taskId: string): Promise<boolean>;
  /** Frees the task's slot and records its outcome; false when the agent does not hold that task. */
  releaseAgent(agentId: string, taskId: string, outcome: TaskOutcome): Promise<boolean>;
  /** The agent is alive; an offline agent comes back online. False when unknown. */
  heartbeat(agentId: string): Promise<boolean>;
  /** Ids of agents that went offline since the last check (each is reported once per silence). */
  checkHeartbeats(): Promise<string[]>;
  getRegistryStats(): Promise<RegistryStats>;
  /** Counts one position of the agent (taken), or how a settled one fared (upheld, overruled); durable. False when unknown. */
  recordPosition(agentId: string, outcome: PositionOutcome): Promise<boolean>;
}
