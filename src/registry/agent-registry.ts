import type { Agent, AgentFactory, Task, TaskType } from "../agents/agent.js";
import type { Clock } from "../ports/clock.js";
import { silentLogger, type Logger } from "../ports/logger.js";
import type {
  AgentInfo,
  AgentRegistrationInput,
  AgentRegistryPort,
  AgentStatus,
  RegistryStats,
  TaskOutcome,
} from "./agent-registry-port.js";
import { compareByLoad, compareByPriority } from "./agent-ordering.js";
import type { AgentCapability } from "./capabilities.js";
import { InvalidRegistrationError, parseRegistration, type AgentRegistration } from "./registration.js";
import { buildRegistryStats } from "./registry-stats.js";
import { SetIndex } from "./set-index.js";
import { EMPTY_TASK_STATS, recordOutcome, type TaskStats } from "./task-stats.js";

export interface AgentRegistryOptions {
  /** Silence longer than this makes an agent offline; default 300 s (the seed's). */
  heartbeatTimeoutMs?: number;
  logger?: Logger;
}

interface Entry {
  config: AgentRegistration;
  factory: AgentFactory;
  stats: TaskStats;
  active: Set<string>;
  registeredAt: string;
  lastHeartbeatMs: number;
  reportedOffline: boolean;
}

// The port is async for Redis; here everything is synchronous, which is also what makes
// check-and-reserve in acquireAgent atomic. Errors still surface as rejections.
function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** The in-memory registry (single process). Offline is derived from the clock, so no timer is needed to see it. */
export class AgentRegistry implements AgentRegistryPort {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #agents = new Map<string, Entry>();
  readonly #byCapability = new SetIndex();
  readonly #byTaskType = new SetIndex();
  readonly #byTag = new SetIndex();

  constructor(clock: Clock, options: AgentRegistryOptions = {}) {
    this.#clock = clock;
    this.#timeoutMs = options.heartbeatTimeoutMs ?? 300_000;
    this.#logger = options.logger ?? silentLogger;
  }

  register(input: AgentRegistrationInput): Promise<AgentInfo> {
    return settle(() => {
      const { factory, ...data } = input;
      if (typeof factory !== "function") {
        throw new InvalidRegistrationError("Invalid agent registration: factory must be a function");
      }
      const config = parseRegistration(data);
      const now = this.#clock.now();
      const previous = this.#agents.get(config.agentId);
      if (previous) {
        this.#logger.warn({ agentId: config.agentId }, "agent registered again; configuration replaced");
        this.#unindex(previous.config);
      }
      const entry: Entry = {
        config,
        factory,
        stats: previous?.stats ?? EMPTY_TASK_STATS,
        active: previous?.active ?? new Set(),
        registeredAt: previous?.registeredAt ?? now.toISOString(),
        lastHeartbeatMs: now.getTime(),
        reportedOffline: false,
      };
      this.#agents.set(config.agentId, entry);
      this.#byCapability.add(config.capabilities, config.agentId);
      this.#byTaskType.add(config.taskTypes, config.agentId);
      this.#byTag.add(config.tags, config.agentId);
      return this.#info(entry);
    });
  }

  unregister(agentId: string): Promise<boolean> {
    return settle(() => {
      const entry = this.#agents.get(agentId);
      if (!entry) return false;
      this.#unindex(entry.config);
      this.#agents.delete(agentId);
      return true;
    });
  }

  getAgent(agentId: string): Promise<AgentInfo | undefined> {
    return settle(() => {
      const entry = this.#agents.get(agentId);
      return entry && this.#info(entry);
    });
  }

  listAgents(): Promise<AgentInfo[]> {
    return settle(() => [...this.#agents.values()].map((e) => this.#info(e)).sort(compareByPriority));
  }

  findAgentsByCapability(capability: AgentCapability, options: { onlyAvailable?: boolean } = {}): Promise<AgentInfo[]> {
    return settle(() => {
      const onlyAvailable = options.onlyAvailable ?? true;
      return this.#infos(this.#byCapability.get(capability))
        .filter((a) => !onlyAvailable || a.status === "available")
        .sort(compareByLoad);
    });
  }

  findAgents(query: { taskType?: TaskType; tags?: string[]; includeOffline?: boolean }): Promise<AgentInfo[]> {
    return settle(() =>
      this.#matching(query.taskType, query.tags)
        .filter((a) => query.includeOffline === true || a.status !== "offline")
        .sort(compareByPriority),
    );
  }

  routeTask(task: Pick<Task, "type">, options: { preferredAgent?: string; tags?: string[] } = {}): Promise<AgentInfo | undefined> {
    return settle(() => {
      // As in the seed, the preferred agent only has to handle the task type; tags narrow the fallback.
      const preferred = this.#matching(task.type, undefined).find((a) => a.agentId === options.preferredAgent);
      if (preferred?.status === "available") return preferred;
      return this.#matching(task.type, options.tags)
        .filter((a) => a.status === "available")
        .sort(compareByLoad)[0];
    });
  }

  acquireAgent(agentId: string, taskId: string): Promise<boolean> {
    return settle(() => {
      const entry = this.#agents.get(agentId);
      if (!entry) return false;
      if (entry.active.has(taskId)) return true;
      if (this.#status(entry) !== "available") return false;
      entry.active.add(taskId);
      // Taking work is a sign of life.
      entry.lastHeartbeatMs = this.#clock.now().getTime();
      return true;
    });
  }

  releaseAgent(agentId: string, taskId: string, outcome: TaskOutcome): Promise<boolean> {
    return settle(() => {
      const entry = this.#agents.get(agentId);
      if (!entry?.active.delete(taskId)) return false;
      entry.stats = recordOutcome(entry.stats, outcome);
      return true;
    });
  }

  heartbeat(agentId: string): Promise<boolean> {
    return settle(() => {
      const entry = this.#agents.get(agentId);
      if (!entry) return false;
      if (entry.reportedOffline) this.#logger.info({ agentId }, "agent back online");
      entry.lastHeartbeatMs = this.#clock.now().getTime();
      entry.reportedOffline = false;
      return true;
    });
  }

  checkHeartbeats(): Promise<string[]> {
    return settle(() => {
      const wentOffline: string[] = [];
      for (const entry of this.#agents.values()) {
        if (entry.reportedOffline || this.#status(entry) !== "offline") continue;
        entry.reportedOffline = true;
        wentOffline.push(entry.config.agentId);
        this.#logger.warn({ agentId: entry.config.agentId }, "agent heartbeat timed out; offline");
      }
      return wentOffline;
    });
  }

  getRegistryStats(): Promise<RegistryStats> {
    return settle(() => buildRegistryStats([...this.#agents.values()].map((e) => this.#info(e))));
  }

  createAgent(agentId: string): Promise<Agent | undefined> {
    return settle(() => this.#agents.get(agentId)?.factory());
  }

  #unindex(config: AgentRegistration): void {
    this.#byCapability.remove(config.capabilities, config.agentId);
    this.#byTaskType.remove(config.taskTypes, config.agentId);
    this.#byTag.remove(config.tags, config.agentId);
  }

  #matching(taskType: TaskType | undefined, tags: string[] | undefined): AgentInfo[] {
    let ids: Iterable<string> = taskType === undefined ? this.#agents.keys() : this.#byTaskType.get(taskType);
    if (tags && tags.length > 0) {
      const tagged = new Set(tags.flatMap((tag) => [...this.#byTag.get(tag)]));
      ids = [...ids].filter((id) => tagged.has(id));
    }
    return this.#infos(ids);
  }

  #infos(ids: Iterable<string>): AgentInfo[] {
    const infos: AgentInfo[] = [];
    for (const id of ids) {
      const entry = this.#agents.get(id);
      if (entry) infos.push(this.#info(entry));
    }
    return infos;
  }

  #status(entry: Entry): AgentStatus {
    if (this.#clock.now().getTime() - entry.lastHeartbeatMs > this.#timeoutMs) return "offline";
    return entry.active.size >= entry.config.maxConcurrentTasks ? "busy" : "available";
  }

  #info(entry: Entry): AgentInfo {
    const { config, stats } = entry;
    return {
      agentId: config.agentId,
      description: config.description,
      taskTypes: [...config.taskTypes],
      capabilities: [...config.capabilities],
      tags: [...config.tags],
      maxConcurrentTasks: config.maxConcurrentTasks,
      priority: config.priority,
      status: this.#status(entry),
      currentLoad: entry.active.size,
      activeTaskIds: [...entry.active],
      ...stats,
      registeredAt: entry.registeredAt,
      lastHeartbeat: new Date(entry.lastHeartbeatMs).toISOString(),
    };
  }
}
