import type { Agent, AgentContext, Task, TaskInput, TaskResult, TaskType } from "../agents/agent.js";
import { Task as TaskSchema, TaskResult as TaskResultSchema } from "../agents/agent.js";
import type { MessageBus } from "../bus/message-bus.js";
import { TransientError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { RepoSource } from "../ports/repo-source.js";
import type { Store } from "../ports/store.js";
import { createRequest, createResponse, type AgentMessage, type MessagePriority } from "../protocol/index.js";
import type { AgentCapability } from "../registry/capabilities.js";
import type { AgentRegistryPort } from "../registry/agent-registry-port.js";

export interface AskInput {
  /** The bus address of the asker, e.g. "github" or "cli". */
  from: string;
  capability: AgentCapability;
  task: TaskInput & { type: TaskType };
  priority?: MessagePriority;
  /** Files the task is about; handed to the agent in its context, never serialised onto the bus. */
  repo?: RepoSource;
  /** The files before the change, for comparisons (a PR's base). */
  baseRepo?: RepoSource;
}

interface Pending {
  resolve: (result: TaskResult) => void;
  reject: (error: Error) => void;
  sources: Pick<AgentContext, "repo" | "baseRepo">;
}

/**
 * Runs tasks the way the architecture draws them: a request message on the bus to the agent the
 * registry picks by capability, the agent executes with its context, its result comes back as a
 * response message, and the registry's load and stats are updated on release.
 */
export class AgentRuntime {
  readonly #pending = new Map<string, Pending>();
  readonly #subscribed = new Set<string>();
  readonly #unsubscribers: (() => void)[] = [];

  constructor(
    private readonly deps: {
      registry: AgentRegistryPort;
      bus: MessageBus;
      store: Store;
      clock: Clock;
      logger: Logger;
      timeoutMs?: number;
      /** Agents that run inside this process: alive whenever the process is, so asking for one is a heartbeat. */
      localAgentIds?: readonly string[];
    },
  ) {}

  async ask(input: AskInput): Promise<TaskResult> {
    const task = TaskSchema.parse(input.task);
    const agentId = await this.#acquireFor(input.capability, task);
    const started = this.deps.clock.now().getTime();
    let success = false;
    try {
      await this.#listen(input.from);
      await this.#serve(agentId);
      const message = createRequest(
        { from: input.from, to: agentId, payload: { task }, priority: input.priority ?? "medium", metadata: { capability: input.capability } },
        { clock: this.deps.clock },
      );
      const result = await this.#await(message, {
        ...(input.repo ? { repo: input.repo } : {}),
        ...(input.baseRepo ? { baseRepo: input.baseRepo } : {}),
      });
      success = result.success;
      return result;
    } finally {
      await this.deps.registry.releaseAgent(agentId, task.id, { success, executionTimeMs: this.deps.clock.now().getTime() - started });
    }
  }

  /** Unsubscribes every inbox this runtime listens on. */
  close(): void {
    for (const unsubscribe of this.#unsubscribers.splice(0)) unsubscribe();
    this.#subscribed.clear();
    for (const pending of [...this.#pending.values()]) pending.reject(new TransientError("runtime closed"));
  }

  async #acquireFor(capability: AgentCapability, task: Task): Promise<string> {
    for (const id of this.deps.localAgentIds ?? []) await this.deps.registry.heartbeat(id);
    const candidates = await this.deps.registry.findAgentsByCapability(capability, { onlyAvailable: true });
    for (const candidate of candidates) {
      if (await this.deps.registry.acquireAgent(candidate.agentId, task.id)) return candidate.agentId;
    }
    throw new TransientError(`no agent with capability ${capability} is available`);
  }

  #await(message: AgentMessage, sources: Pending["sources"]): Promise<TaskResult> {
    return new Promise<TaskResult>((resolve, reject) => {
      // Settling (answer, refusal, send error or timeout) always removes the entry, so nothing is left behind.
      const settle = () => {
        clearTimeout(timer);
        this.#pending.delete(message.messageId);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new TransientError(`no answer to ${message.messageId} in time`));
      }, this.deps.timeoutMs ?? 10 * 60_000);
      timer.unref?.();
      this.#pending.set(message.messageId, {
        sources,
        resolve: (result) => {
          settle();
          resolve(result);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.deps.bus.send(message).then(
        (outcome) => {
          if (outcome.status !== "queued") this.#pending.get(message.messageId)?.reject(new TransientError(`message not delivered: ${outcome.reason}`));
        },
        (error: unknown) => this.#pending.get(message.messageId)?.reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  /** The asker's inbox: responses resolve the request they answer. */
  async #listen(address: string): Promise<void> {
    if (this.#subscribed.has(address)) return;
    this.#subscribed.add(address);
    this.#unsubscribers.push(
      await this.deps.bus.subscribe(address, (message) => {
        if (message.intent !== "response" || !message.parentMessageId) return;
        this.#pending.get(message.parentMessageId)?.resolve(TaskResultSchema.parse(message.payload.result));
      }),
    );
  }

  /** The agent's inbox: each request is executed and answered. */
  async #serve(agentId: string): Promise<void> {
    if (this.#subscribed.has(agentId)) return;
    this.#subscribed.add(agentId);
    this.#unsubscribers.push(await this.deps.bus.subscribe(agentId, (message) => this.#execute(agentId, message)));
  }

  async #execute(agentId: string, message: AgentMessage): Promise<void> {
    if (message.intent !== "request") return;
    const parsed = TaskSchema.safeParse(message.payload.task);
    const taskId = parsed.success ? parsed.data.id : message.messageId;
    // Whatever happens, the asker gets an answer: a request that cannot run is a failed result, not a silence.
    let result: TaskResult;
    if (!parsed.success) {
      result = failureFor(taskId, agentId, `invalid task: ${parsed.error.message}`, 0);
    } else {
      const agent = await this.deps.registry.createAgent(agentId);
      const ctx: AgentContext = {
        clock: this.deps.clock,
        logger: this.deps.logger,
        store: this.deps.store,
        bus: this.deps.bus,
        ...this.#pending.get(message.messageId)?.sources,
      };
      result = agent ? await this.#run(agent, parsed.data, ctx, agentId) : failureFor(taskId, agentId, `agent ${agentId} is not registered`, 0);
    }
    const response = createResponse(
      { from: agentId, to: message.fromAgent, parent: message, payload: { result }, evidence: result.evidence },
      { clock: this.deps.clock },
    );
    await this.deps.bus.send(response);
  }


  async #run(agent: Agent, task: Task, ctx: AgentContext, agentId: string): Promise<TaskResult> {
    const started = this.deps.clock.now().getTime();
    try {
      return await agent.execute(task, ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger.error({ agentId, taskId: task.id, err: message }, "agent failed");
      return failureFor(task.id, agentId, message, this.deps.clock.now().getTime() - started);
    }
  }
}

function failureFor(taskId: string, agentId: string, error: string, durationMs: number): TaskResult {
  return { taskId, agentId, success: false, output: {}, error, evidence: [], metrics: { durationMs, cost: 0 } };
}
