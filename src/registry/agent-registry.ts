import type { Clock } from "../ports/clock.js";
import { silentLogger, type Logger } from "../ports/logger.js";
import type { AgentCapability } from "../protocol/capabilities.js";
import type { Task, TaskType } from "../protocol/task.js";
import type { KeyedState } from "../state/keyed-state.js";
import type {
  AgentInfo,
  AgentRegistrationInput,
  AgentRegistryPort,
  AgentStatus,
  PositionOutcome,
  RegistryStats,
  TaskOutcome,
  TrackRecord,
} from "./agent-registry-port.js";
import { compareByLoad, compareByPriority } from "./agent-ordering.js";
import { parseRegistration, type AgentRegistration } from "./registration.js";
import { buildRegistryStats } from "./registry-stats.js";
import { SetIndex } from "./set-index.js";
import { EMPTY_TASK_STATS, recordOutcome, type TaskStats } from "./task-stats.js";
import { countPosition, EMPTY_TRACK_RECORD, TRACK_RECORD } from "./track-record.js";

export interface AgentRegistryOptions {
  /** Silence longer than this makes an agent offline; default 300 s (the seed's). */
  heartbeatTimeoutMs?: number;
  logger?: Logger;
  /** Where track records are kept across restarts; in memory only without it. */
  state?: KeyedState;
}

interface Entry {
  config: AgentRegistration;
  stats: TaskStats;
  trackRecord: TrackRecord;
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
  readonly #state: KeyedState | undefined;
  readonly #agents = new Map<string, Entry>();
  readonly #byCapability = new SetIndex();
  readonly #byTaskType = new SetIndex();
  readonly #byTag = new SetIndex();

  constructor(clock: Clock, options: AgentRegistryOptions = {}) {
    this.#clock = clock;
    this.#timeoutMs = options.heartbeatTimeoutMs ?? 300_000;
    this.#logger = options.logger ?? silentLogger;
    this.#state = options.state;
  }

  async register(input: AgentRegistrationInput): Promise<AgentInfo> {
    const config = parseRegistration(input);
    const trackRecord = (await this.#state?.get(TRACK_RECORD, config.agentId)) ?? EMPTY_TRACK_RECORD;
    return settle(() => {
      const now = this.#clock.now();
      const previous = this.#agents.get(config.agentId);
      if (previous) {
        this.#logger.warn({ agentId: config.agentId }, "agent registered again; configuration replaced");
        this.#unindex(previous.config);
      }
      const entry: Entry = {
        config,
        stats: previous?.stats ?? EMPTY_TASK_STATS,
        trackRecord: previous?.trackRecord ?? trackRecord,
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

  async recordPosition(agentId: string, outcome: PositionOutcome): Promise<boolean> {
    const entry = this.#agents.get(agentId);
    if (!entry) return false;
    if (this.#state === undefined) {
      entry.trackRecord = countPosition(entry.trackRecord, outcome);
      return true;
    }
    // Counted in the durable record first (compare-and-set, so replicas add up), then mirrored here.
    const { value } = await this.#state.update(TRACK_RECORD, agentId, (current) => countPosition(current ?? EMPTY_TRACK_RECORD, outcome));
    entry.trackRecord = value ?? entry.trackRecord;
    return true;
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
      operations: [...config.operations],
      maxConcurrentTasks: config.maxConcurrentTasks,
      priority: config.priority,
      status: this.#status(entry),
      currentLoad: entry.active.size,
      activeTaskIds: [...entry.active],
      ...stats,
      registeredAt: entry.registeredAt,
      lastHeartbeat: new Date(entry.lastHeartbeatMs).toISOString(),
      trackRecord: { ...entry.trackRecord },
    };
  }
}
