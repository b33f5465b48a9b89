import type { MessageBus } from "../bus/message-bus.js";
import { TransientError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { Capability, CapabilityInput, CapabilityOutput } from "../protocol/capability.js";
import { createRequest, type AgentMessage, type MessagePriority } from "../protocol/index.js";
import type { TaskSources } from "../protocol/sources.js";
import { TaskResult, type Task } from "../protocol/task.js";
import type { AgentRegistryPort } from "../registry/agent-registry-port.js";
import type { KeyedState } from "../state/keyed-state.js";
import { takeOutput } from "./large-outputs.js";

export interface AskOptions {
  /** The asker's bus address, e.g. "github" or "cli". */
  from: string;
  taskId: string;
  description: string;
  /** The files the task is about, as references the agent's host opens. */
  sources?: TaskSources;
  priority?: MessagePriority;
  /** How far the task is (files done of total); reported only by a host in this process. */
  onProgress?: (done: number, total: number) => void;
}

/** The agent ran and reported a failure (as opposed to a transient problem reaching it). */
export class AgentTaskError extends Error {
  override readonly name = "AgentTaskError";
  constructor(
    readonly agentId: string,
    readonly taskId: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(message: AgentMessage): void;
  reject(error: Error): void;
}

/**
 * Asks agents for typed work: picks an agent by the capability's routing (load and priority, from
 * the registry), sends the request over the bus, waits for the response, and returns the output
 * parsed with the capability's schema. The agent's slot is released whatever happens.
 */
export class AgentClient {
  readonly #pending = new Map<string, Pending>();
  readonly #listening = new Map<string, Promise<() => void>>();

  constructor(
    private readonly deps: {
      registry: AgentRegistryPort;
      bus: MessageBus;
      state: KeyedState;
      clock: Clock;
      logger: Logger;
      timeoutMs?: number;
      /** A host in this same process: its agents are alive whenever the process is, so asking is a heartbeat; it can report progress. */
      localHost?: { heartbeat(): Promise<void>; watchProgress(taskId: string, listener: (done: number, total: number) => void): () => void };
    },
  ) {}

  async ask<C extends Capability>(capability: C, input: CapabilityInput<C>, options: AskOptions): Promise<CapabilityOutput<C>> {
    const task: Task = {
      id: options.taskId,
      type: capability.taskType,
      operation: capability.id,
      description: options.description,
      inputData: capability.input.parse(input) as Record<string, unknown>,
      dependencies: [],
    };
    const agentId = await this.#acquire(capability, task.id);
    const started = this.deps.clock.now().getTime();
    const unwatch = options.onProgress ? this.deps.localHost?.watchProgress(task.id, options.onProgress) : undefined;
    let success = false;
    try {
      await this.#listen(options.from);
      // Past the deadline nobody waits for the answer: a host that finds the request only then (after a restart) skips it.
      const deadline = new Date(started + this.#timeoutMs()).toISOString();
      const request = createRequest(
        {
          from: options.from,
          to: agentId,
          payload: { task, sources: options.sources ?? {} },
          priority: options.priority ?? "medium",
          metadata: { capability: capability.routesTo, operation: capability.id, deadline },
        },
        { clock: this.deps.clock },
      );
      const response = await this.#send(request);
      const result = TaskResult.parse(response.payload.result);
      success = result.success;
      if (!result.success) throw new AgentTaskError(agentId, task.id, result.error ?? `${agentId} failed without saying why`);
      // Every position taken counts in its agent's track record; how it fared is the conflict resolver's to record.
      for (const position of result.positions ?? []) await this.deps.registry.recordPosition(position.agentId, "taken");
      const ref = response.payload.outputRef;
      const output = typeof ref === "string" ? await takeOutput(this.deps.state, ref) : result.output;
      return capability.output.parse(output) as CapabilityOutput<C>;
    } finally {
      unwatch?.();
      await this.deps.registry.releaseAgent(agentId, task.id, { success, executionTimeMs: this.deps.clock.now().getTime() - started });
    }
  }

  #timeoutMs(): number {
    return this.deps.timeoutMs ?? 10 * 60_000;
  }

  /** Stops listening; questions still waiting fail with a transient error (their deliveries retry). */
  async close(): Promise<void> {
    for (const unsubscribe of await Promise.all(this.#listening.values())) unsubscribe();
    this.#listening.clear();
    for (const pending of [...this.#pending.values()]) pending.reject(new TransientError("the agent client closed"));
  }

  /** The least loaded available agent that answers the operation (agents may share a routing capability, not an operation). */
  async #acquire(capability: Capability, taskId: string): Promise<string> {
    await this.deps.localHost?.heartbeat();
    for (const candidate of await this.deps.registry.findAgentsByCapability(capability.routesTo, { onlyAvailable: true })) {
      if (!candidate.operations.includes(capability.id)) continue;
      if (await this.deps.registry.acquireAgent(candidate.agentId, taskId)) return candidate.agentId;
    }
    throw new TransientError(`no agent answering ${capability.id} is available`);
  }

  #send(request: AgentMessage): Promise<AgentMessage> {
    return new Promise<AgentMessage>((resolve, reject) => {
      // Settling (answer, refusal, send error or timeout) always removes the entry, so nothing is left behind.
      const settle = () => {
        clearTimeout(timer);
        this.#pending.delete(request.messageId);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new TransientError(`no answer to ${request.messageId} in time`));
      }, this.#timeoutMs());
      timer.unref?.();
      this.#pending.set(request.messageId, {
        resolve: (message) => {
          settle();
          resolve(message);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.deps.bus.send(request).then(
        (outcome) => {
          if (outcome.status !== "queued") this.#pending.get(request.messageId)?.reject(new TransientError(`request not delivered: ${outcome.reason}`));
        },
        (error: unknown) => this.#pending.get(request.messageId)?.reject(error instanceof Error ? error : new Error(String(error))),
      );
    });
  }

  /** The asker's inbox: each response settles the request it answers; a late or repeated one is ignored. */
  #listen(address: string): Promise<() => void> {
    let listening = this.#listening.get(address);
    if (!listening) {
      listening = this.deps.bus.subscribe(address, (message) => {
        if (message.intent === "response" && message.parentMessageId) this.#pending.get(message.parentMessageId)?.resolve(message);
      });
      this.#listening.set(address, listening);
    }
    return listening;
  }
}
