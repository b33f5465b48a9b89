import type { AgentContext } from "../agents/agent.js";
import type { CatalogEntry } from "../agents/catalog.js";
import type { MessageBus } from "../bus/message-bus.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { OpenedSource, SourceResolver } from "../ports/source-resolver.js";
import { derivedId } from "../protocol/ids.js";
import { createResponse, type AgentMessage } from "../protocol/index.js";
import { TaskSources, type SourceRef } from "../protocol/sources.js";
import { Task, type TaskResult } from "../protocol/task.js";
import type { AgentRegistryPort } from "../registry/agent-registry-port.js";
import type { KeyedState } from "../state/keyed-state.js";
import { storeOutput } from "./large-outputs.js";
import type { AgentThreads } from "./worker/agent-threads.js";

export interface AgentHostDeps {
  catalog: readonly CatalogEntry[];
  registry: AgentRegistryPort;
  bus: MessageBus;
  resolver: SourceResolver;
  state: KeyedState;
  clock: Clock;
  logger: Logger;
  /** How often the host tells the registry its agents are alive; default 60 s (the registry's timeout is 300 s). */
  heartbeatMs?: number;
  /** Worker threads for the catalog's heavy agents; without them every agent runs on this thread. */
  threads?: AgentThreads;
}

/**
 * Runs agents from the static catalog: registers their directory entries, listens on their
 * inboxes, opens each request's source references, executes the agent and answers the asker.
 * Heavy agents run on the worker threads when the host has them, everything else on this thread.
 * Whatever goes wrong, the asker gets an answer: a request that cannot run is a failed result.
 */
export class AgentHost {
  readonly #entries: Map<string, CatalogEntry>;
  readonly #unsubscribers: (() => void)[] = [];
  readonly #progress = new Map<string, (done: number, total: number) => void>();
  #beat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: AgentHostDeps) {
    this.#entries = new Map(deps.catalog.map((entry) => [entry.registration.agentId, entry]));
  }

  /** The ids of the agents hosted here. */
  get agentIds(): string[] {
    return [...this.#entries.keys()];
  }

  async start(): Promise<void> {
    for (const entry of this.#entries.values()) {
      await this.deps.registry.register({ ...entry.registration, operations: entry.serves.map((capability) => capability.id) });
    }
    for (const agentId of this.#entries.keys()) {
      this.#unsubscribers.push(await this.deps.bus.subscribe(agentId, (message) => this.#handle(agentId, message)));
    }
    // Agents live as long as their host: the beat keeps them online between tasks, and
    // checkHeartbeats reports any agent elsewhere that went silent.
    this.#beat = setInterval(() => void this.#beatAndCheck(), this.deps.heartbeatMs ?? 60_000);
    this.#beat.unref();
  }

  /** Tells the registry the agents hosted here are alive. */
  async heartbeat(): Promise<void> {
    for (const agentId of this.#entries.keys()) await this.deps.registry.heartbeat(agentId);
  }

  /** Progress of a task run on this thread goes to `listener` (an asker in this process) until the returned call. */
  watchProgress(taskId: string, listener: (done: number, total: number) => void): () => void {
    this.#progress.set(taskId, listener);
    return () => this.#progress.delete(taskId);
  }

  close(): void {
    clearInterval(this.#beat);
    for (const unsubscribe of this.#unsubscribers.splice(0)) unsubscribe();
  }

  async #beatAndCheck(): Promise<void> {
    try {
      await this.heartbeat();
      await this.deps.registry.checkHeartbeats();
    } catch (error) {
      this.deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "heartbeat failed");
    }
  }

  async #handle(agentId: string, message: AgentMessage): Promise<void> {
    // A request asks for a task; a handoff passes one on (its work state carries the task and its
    // sources). Either way the agent runs it and the sender gets the result.
    if (message.intent !== "request" && message.intent !== "handoff") return;
    const deadline = message.metadata.deadline;
    if (typeof deadline === "string" && Date.parse(deadline) < this.deps.clock.now().getTime()) {
      // The asker stopped waiting (this request outlived a restart); its own retry asks again.
      this.deps.logger.info({ agentId, messageId: message.messageId, deadline }, "request past its deadline; skipped");
      return;
    }
    const result = await this.#execute(agentId, message);
    const outputRef = result.success ? await storeOutput(this.deps.state, result.output) : undefined;
    const response = createResponse(
      {
        // One answer per request and agent, however often the request is delivered.
        messageId: derivedId(message.messageId, agentId),
        from: agentId,
        to: message.fromAgent,
        parent: message,
        payload: { result: outputRef === undefined ? result : { ...result, output: {} }, ...(outputRef === undefined ? {} : { outputRef }) },
        evidence: result.evidence,
      },
      { clock: this.deps.clock },
    );
    await this.deps.bus.send(response);
  }

  async #execute(agentId: string, message: AgentMessage): Promise<TaskResult> {
    const work = message.intent === "handoff" ? asRecord(message.payload.workState) : message.payload;
    const parsedTask = Task.safeParse(work.task);
    const taskId = parsedTask.success ? parsedTask.data.id : message.messageId;
    const fail = (error: string, durationMs = 0): TaskResult => ({ taskId, agentId, success: false, output: {}, error, evidence: [], metrics: { durationMs, cost: 0 } });
    if (!parsedTask.success) return fail(`invalid task: ${parsedTask.error.message}`);
    const sources = TaskSources.safeParse(work.sources ?? {});
    if (!sources.success) return fail(`invalid sources: ${sources.error.message}`);
    const entry = this.#entries.get(agentId);
    if (!entry) return fail(`agent ${agentId} is not hosted here`);
    const task = parsedTask.data;
    if (task.operation !== undefined && !entry.serves.some((capability) => capability.id === task.operation)) {
      return fail(`${agentId} does not offer ${task.operation}`);
    }

    const started = this.deps.clock.now();
    try {
      if (entry.heavy === true && this.deps.threads !== undefined) {
        const result = await this.deps.threads.run(agentId, task, sources.data, this.deps.resolver, started);
        // The agent's clock stood still in its thread: the duration is the host's to measure.
        return { ...result, metrics: { ...result.metrics, durationMs: this.deps.clock.now().getTime() - started.getTime() } };
      }
      return await this.#inProcess(entry, task, sources.data);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.deps.logger.error({ agentId, taskId, err: text }, "agent failed");
      return fail(text, this.deps.clock.now().getTime() - started.getTime());
    }
  }

  async #inProcess(entry: CatalogEntry, task: Task, sources: TaskSources): Promise<TaskResult> {
    const opened: OpenedSource[] = [];
    const open = async (ref: SourceRef) => {
      const source = await this.deps.resolver.open(ref);
      opened.push(source);
      return source.source;
    };
    try {
      const progress = this.#progress.get(task.id);
      const ctx: AgentContext = { clock: this.deps.clock, logger: this.deps.logger, ...(progress ? { progress } : {}) };
      if (sources.repo) ctx.repo = await open(sources.repo);
      if (sources.base) ctx.baseRepo = await open(sources.base);
      return await entry.create().execute(task, ctx);
    } finally {
      await Promise.all(opened.map((source) => source.close().catch(() => undefined)));
    }
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}
