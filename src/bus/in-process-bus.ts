import type { Clock } from "../ports/clock.js";
import { silentLogger, type Logger } from "../ports/logger.js";
import type { MessageStore, StoredMessage } from "../ports/store.js";
import type { Evidence } from "../protocol/evidence.js";
import type { IdGenerator } from "../protocol/ids.js";
import { PRIORITY_RANK, type AgentMessage } from "../protocol/message.js";
import { parseAgentMessage, parseAgentMessageJson, serializeAgentMessage } from "../protocol/parse-message.js";
import { describeError } from "./describe-error.js";
import { buildGuardEscalation } from "./guard-escalation.js";
import { checkHandoffGuards, toHop, type HandoffGuardOptions } from "./handoff-guards.js";
import { KeyedLock } from "./keyed-lock.js";
import type { DeadLetter, MessageBus, MessageHandler, SendOutcome } from "./message-bus.js";

export interface InProcessBusOptions extends HandoffGuardOptions {
  clock: Clock;
  logger?: Logger;
  newId?: IdGenerator;
  /** Calls of a handler for one message before the message is dead-lettered for it; default 3. */
  maxDeliveryAttempts?: number;
  /** Who receives the escalations the guards raise; default "human". */
  escalateTo?: string;
}

interface DrainState {
  running?: Promise<void>;
  /** Set when a message arrives while a drain runs, so the drain looks again before it stops. */
  dirty: boolean;
}

/**
 * The default bus: one process, the Store as journal. A message is stored (message + inbox rows in
 * one transaction) before anyone sees it, so a restart loses nothing that was queued. Delivery is
 * at most once per handler: the inbox row is taken before the handler runs, a throwing handler is
 * retried in place up to maxDeliveryAttempts, then the message is dead-lettered for that agent.
 */
export class InProcessBus implements MessageBus {
  readonly #store: MessageStore;
  readonly #options: InProcessBusOptions;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Set<MessageHandler>>();
  readonly #drains = new Map<string, DrainState>();
  readonly #conversations = new KeyedLock();

  constructor(store: MessageStore, options: InProcessBusOptions) {
    this.#store = store;
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
  }

  async send(input: unknown): Promise<SendOutcome> {
    const message = parseAgentMessage(input);
    const { outcome, delivered } =
      message.intent === "handoff"
        ? await this.#conversations.run(message.conversationId, () => this.#admitHandoff(message))
        : { outcome: await this.#append(message), delivered: message };
    // Outside the lock: a handler may well send the next handoff of the same conversation.
    await this.#kick(delivered.toAgents);
    return outcome;
  }

  async subscribe(agentId: string, handler: MessageHandler): Promise<() => void> {
    let handlers = this.#handlers.get(agentId);
    if (!handlers) this.#handlers.set(agentId, (handlers = new Set()));
    handlers.add(handler);
    await this.#kick([agentId]);
    return () => {
      handlers.delete(handler);
    };
  }

  async receive(agentId: string): Promise<AgentMessage | undefined> {
    for (;;) {
      const stored = await this.#store.takeNextMessage(agentId);
      if (!stored) return undefined;
      const message = await this.#decodeTaken(stored);
      if (message) return message;
    }
  }

  async getConversation(conversationId: string): Promise<AgentMessage[]> {
    const stored = await this.#store.listConversation(conversationId);
    return stored.flatMap((row) => {
      try {
        return [parseAgentMessageJson(row.body)];
      } catch (error) {
        this.#logger.error({ messageId: row.id, err: describeError(error) }, "unreadable message in the journal");
        return [];
      }
    });
  }

  async getEvidenceTrail(conversationId: string): Promise<Evidence[]> {
    const seen = new Set<string>();
    const trail: Evidence[] = [];
    for (const message of await this.getConversation(conversationId)) {
      for (const evidence of message.evidence) {
        if (seen.has(evidence.id)) continue;
        seen.add(evidence.id);
        trail.push(evidence);
      }
    }
    return trail;
  }

  async getDeadLetters(): Promise<DeadLetter[]> {
    const rows = await this.#store.listDeadLetters();
    return rows.map((row) => ({ messageId: row.messageId, message: parseJsonOrText(row.body), reason: row.reason, at: row.at }));
  }

  pendingCount(agentId?: string): Promise<number> {
    return this.#store.countInbox(agentId);
  }

  /** Agents with messages waiting (after a restart: who has not subscribed yet). */
  listWaitingAgents(): Promise<string[]> {
    return this.#store.listInboxAgents();
  }

  /** Resolves once no delivery is running: for orderly shutdown and for tests. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const running = [...this.#drains.values()].flatMap((d) => (d.running ? [d.running] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  async #admitHandoff(message: AgentMessage): Promise<{ outcome: SendOutcome; delivered: AgentMessage }> {
    const chain = (await this.getConversation(message.conversationId)).filter(
      (m) => m.intent === "handoff" && m.messageId !== message.messageId,
    );
    const verdict = checkHandoffGuards(chain.map(toHop), toHop(message), this.#options);
    if (verdict.allowed) return { outcome: await this.#append(message), delivered: message };

    await this.#deadLetter(message.messageId, serializeAgentMessage(message), `${verdict.guard}: ${verdict.reason}`);
    const { escalation, message: escalationMessage } = buildGuardEscalation(
      { stopped: message, chain, guard: verdict.guard, reason: verdict.reason, toAgent: this.#options.escalateTo },
      { clock: this.#options.clock, newId: this.#options.newId },
    );
    await this.#append(escalationMessage);
    this.#logger.warn(
      { conversationId: message.conversationId, messageId: message.messageId, guard: verdict.guard },
      "handoff stopped and escalated",
    );
    return {
      outcome: { status: "escalated", messageId: message.messageId, reason: verdict.reason, escalationId: escalation.escalationId },
      delivered: escalationMessage,
    };
  }

  async #append(message: AgentMessage): Promise<SendOutcome> {
    const stored: StoredMessage = {
      id: message.messageId,
      conversationId: message.conversationId,
      body: serializeAgentMessage(message),
      createdAt: this.#now(),
    };
    // The store ignores a message id it already holds, so a retried send is not queued twice.
    const rank = PRIORITY_RANK[message.priority];
    const recipients = [...new Set(message.toAgents)];
    await this.#store.appendMessage(stored, recipients.map((agentId) => ({ agentId, priorityRank: rank })));
    return { status: "queued", messageId: message.messageId, recipients };
  }

  /** Starts (or nudges) the drain of each recipient that has handlers; waits for the drains it started. */
  async #kick(agentIds: readonly string[]): Promise<void> {
    const started: Promise<void>[] = [];
    for (const agentId of new Set(agentIds)) {
      if (!this.#handlers.get(agentId)?.size) continue;
      let state = this.#drains.get(agentId);
      if (!state) this.#drains.set(agentId, (state = { dirty: false }));
      if (state.running) {
        // Not awaited: the caller may be that very drain's handler.
        state.dirty = true;
        continue;
      }
      const drainState = state;
      // Assigned before the drain's first step runs, so its synchronous exit can clear it.
      drainState.running = Promise.resolve().then(() => this.#drain(agentId, drainState));
      started.push(drainState.running);
    }
    await Promise.all(started);
  }

  async #drain(agentId: string, state: DrainState): Promise<void> {
    try {
      for (;;) {
        state.dirty = false;
        const handlers = [...(this.#handlers.get(agentId) ?? [])];
        if (handlers.length === 0) break;
        const stored = await this.#store.takeNextMessage(agentId);
        if (!stored) {
          if (state.dirty) continue;
          break;
        }
        const message = await this.#decodeTaken(stored);
        if (!message) continue;
        for (const handler of handlers) await this.#deliver(agentId, handler, message, stored.body);
      }
    } catch (error) {
      // The message stays in the inbox when taking it failed; the next send or subscribe retries.
      this.#logger.error({ agentId, err: describeError(error) }, "message delivery stopped");
    } finally {
      state.running = undefined;
    }
  }

  async #deliver(agentId: string, handler: MessageHandler, message: AgentMessage, body: string): Promise<void> {
    const attempts = this.#options.maxDeliveryAttempts ?? 3;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        // A copy per call: a handler that edits its message cannot change what a retry or another handler sees.
        await handler(structuredClone(message));
        return;
      } catch (error) {
        lastError = error;
        this.#logger.warn({ agentId, messageId: message.messageId, attempt, err: describeError(error) }, "message handler failed");
      }
    }
    await this.#deadLetter(message.messageId, body, `handler for ${agentId} failed ${attempts} times: ${describeError(lastError)}`);
  }

  /** A taken body that no longer parses cannot be delivered; it is kept as a dead letter instead of vanishing. */
  async #decodeTaken(stored: StoredMessage): Promise<AgentMessage | undefined> {
    try {
      return parseAgentMessageJson(stored.body);
    } catch (error) {
      await this.#deadLetter(stored.id, stored.body, `unreadable journal entry: ${describeError(error)}`);
      return undefined;
    }
  }

  #deadLetter(messageId: string, body: string, reason: string): Promise<void> {
    return this.#store.addDeadLetter({ messageId, body, reason, at: this.#now() });
  }

  #now(): string {
    return this.#options.clock.now().toISOString();
  }
}

function parseJsonOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
