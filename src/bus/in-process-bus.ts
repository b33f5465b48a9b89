import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../ports/clock.js";
import { silentLogger, type Logger } from "../ports/logger.js";
import type { LeasedMessage, MessageStore, StoredMessage } from "../ports/store.js";
import type { Evidence } from "../protocol/evidence.js";
import type { IdGenerator } from "../protocol/ids.js";
import { PRIORITY_RANK, type AgentMessage } from "../protocol/message.js";
import { parseAgentMessage, parseAgentMessageJson, serializeAgentMessage } from "../protocol/parse-message.js";
import { describeError } from "./describe-error.js";
import { buildGuardEscalation } from "./guard-escalation.js";
import { checkHandoffGuards, toHop, type HandoffGuardOptions } from "./handoff-guards.js";
import { KeyedLock } from "./keyed-lock.js";
import { startLeaseRenewal } from "./lease-renewal.js";
import type { DeadLetter, MessageBus, MessageHandler, SendOutcome } from "./message-bus.js";

export interface InProcessBusOptions extends HandoffGuardOptions {
  clock: Clock;
  logger?: Logger;
  newId?: IdGenerator;
  /** Calls of a handler for one message before the message is dead-lettered for it; default 3. */
  maxDeliveryAttempts?: number;
  /**
   * Times one message may be taken for an agent without its handlers finishing (the process died
   * mid-handler each time) before it is dead-lettered instead of run again; default 5. Stops a
   * message that crashes the process from crashing every restart.
   */
  maxLeases?: number;
  /** How long a taken message stays leased; renewed every third of it while its handlers run. Default 60 s. */
  leaseMs?: number;
  /** Who receives the escalations the guards raise; default "human". */
  escalateTo?: string;
}

const DEFAULT_MAX_LEASES = 5;
const DEFAULT_LEASE_MS = 60_000;

interface DrainState {
  running?: Promise<void>;
  /** Set when a message arrives while a drain runs, so the drain looks again before it stops. */
  dirty: boolean;
}

/**
 * The default bus: one process, the Store as journal. A message is stored (message + inbox rows in
 * one transaction) before anyone sees it, so a restart loses nothing that was queued.
 *
 * Delivery is at least once. Taking a message leases its inbox row; the row is acked (deleted) only
 * after every handler of the agent finished with it: succeeded, or failed maxDeliveryAttempts times
 * in place and was dead-lettered. A process that dies mid-handler leaves the row leased; the next
 * bus on the store takes such leases back on first use, so the message is handled again.
 *
 * Just before the ack the bus writes a receipt for (agent, message id), and a message taken again
 * whose receipt exists is acked without running its handlers: a crash between the receipt and the
 * ack, or a lease lost to another taker, does not handle it twice. A crash after a handler finished
 * but before its receipt was written does run it again, so handlers must be idempotent by message id.
 *
 * One InProcessBus per store: it treats every lease it does not hold as left by a dead process.
 */
export class InProcessBus implements MessageBus {
  readonly #store: MessageStore;
  readonly #options: InProcessBusOptions;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Set<MessageHandler>>();
  readonly #drains = new Map<string, DrainState>();
  readonly #conversations = new KeyedLock();
  /** This bus's lease owner: host and pid say who it was when a row is found leased, the uuid makes it unique. */
  readonly #owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  #recovery: Promise<void> | undefined;

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

  /** Pulls a message: it counts as handed over once returned, so it is acked before the caller sees it. */
  async receive(agentId: string): Promise<AgentMessage | undefined> {
    const taken = await this.#takeNext(agentId);
    if (!taken) return undefined;
    await this.#store.ackMessage(agentId, taken.stored.id, this.#owner);
    return taken.message;
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
        const taken = await this.#takeNext(agentId);
        if (!taken) {
          if (state.dirty) continue;
          break;
        }
        await this.#handle(agentId, handlers, taken.message, taken.stored);
      }
    } catch (error) {
      // Whatever was taken goes back to the inbox (or its lease runs out); the next send or subscribe retries.
      this.#logger.error({ agentId, err: describeError(error) }, "message delivery stopped");
    } finally {
      state.running = undefined;
    }
  }

  /** Runs every handler on the message, then marks it finished for the agent; gives it back if that fails. */
  async #handle(agentId: string, handlers: MessageHandler[], message: AgentMessage, stored: LeasedMessage): Promise<void> {
    const leaseMs = this.#leaseMs();
    const stopRenewal = startLeaseRenewal({
      renew: () => this.#store.renewMessageLease(agentId, stored.id, this.#owner, this.#leaseUntil(leaseMs)),
      intervalMs: leaseMs / 3,
      logger: this.#logger,
      context: { agentId, messageId: stored.id },
    });
    try {
      for (const handler of handlers) await this.#deliver(agentId, handler, message, stored.body);
      await this.#finish(agentId, stored.id);
    } catch (error) {
      await this.#giveBack(agentId, stored.id);
      throw error;
    } finally {
      stopRenewal();
    }
  }

  /** Leases the agent's next message that still needs its handlers, skipping those #screen settles. */
  async #takeNext(agentId: string): Promise<{ message: AgentMessage; stored: LeasedMessage } | undefined> {
    await this.#recoverLeases();
    for (;;) {
      const leaseMs = this.#leaseMs();
      const stored = await this.#store.leaseNextMessage(agentId, { owner: this.#owner, now: this.#now(), leaseUntil: this.#leaseUntil(leaseMs) });
      if (!stored) return undefined;
      const message = await this.#screen(agentId, stored).catch(async (error: unknown) => {
        await this.#giveBack(agentId, stored.id);
        throw error;
      });
      if (message) return { message, stored };
    }
  }

  /**
   * The message to run handlers on, or undefined when it is settled here instead: already finished
   * (a receipt exists: acked), taken too often without finishing, or unreadable (dead-lettered).
   */
  async #screen(agentId: string, stored: LeasedMessage): Promise<AgentMessage | undefined> {
    // A first lease cannot have a receipt: only a message taken before may have been finished already.
    if (stored.leaseCount > 1 && (await this.#store.hasMessageReceipt(agentId, stored.id))) {
      this.#logger.info({ agentId, messageId: stored.id }, "message taken again after its handlers had finished; acked without running them");
      await this.#store.ackMessage(agentId, stored.id, this.#owner);
      return undefined;
    }
    const maxLeases = this.#options.maxLeases ?? DEFAULT_MAX_LEASES;
    if (stored.leaseCount > maxLeases) {
      await this.#deadLetter(stored.id, stored.body, `taken ${stored.leaseCount - 1} times for ${agentId} without its handlers ever finishing`);
      await this.#finish(agentId, stored.id);
      return undefined;
    }
    try {
      return parseAgentMessageJson(stored.body);
    } catch (error) {
      // A body that no longer parses cannot be delivered; it is kept as a dead letter instead of vanishing.
      await this.#deadLetter(stored.id, stored.body, `unreadable journal entry: ${describeError(error)}`);
      await this.#finish(agentId, stored.id);
      return undefined;
    }
  }

  /** Best effort: if even this fails, the lease runs out and the message comes back anyway. */
  async #giveBack(agentId: string, messageId: string): Promise<void> {
    await this.#store.releaseMessage(agentId, messageId, this.#owner).catch(() => false);
  }

  /** Once per bus: leases held by anyone else were left by a process that died holding them. */
  #recoverLeases(): Promise<void> {
    this.#recovery ??= this.#store.releaseLeasesNotHeldBy(this.#owner).then(
      (released) => {
        if (released > 0) this.#logger.warn({ released }, "messages left in flight by an earlier process are delivered again");
      },
      (error: unknown) => {
        // Not remembered, so the next take tries again.
        this.#recovery = undefined;
        throw error;
      },
    );
    return this.#recovery;
  }

  /** The receipt first: if the process dies before the ack, the message is not handled again when it comes back. */
  async #finish(agentId: string, messageId: string): Promise<void> {
    await this.#store.recordMessageReceipt(agentId, messageId, this.#now());
    const acked = await this.#store.ackMessage(agentId, messageId, this.#owner);
    if (!acked) this.#logger.warn({ agentId, messageId }, "message lease was lost before the ack; its receipt keeps it from being handled again");
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

  #deadLetter(messageId: string, body: string, reason: string): Promise<void> {
    return this.#store.addDeadLetter({ messageId, body, reason, at: this.#now() });
  }

  #now(): string {
    return this.#options.clock.now().toISOString();
  }

  #leaseMs(): number {
    return this.#options.leaseMs ?? DEFAULT_LEASE_MS;
  }

  #leaseUntil(leaseMs: number): string {
    return new Date(this.#options.clock.now().getTime() + leaseMs).toISOString();
  }
}

function parseJsonOrText(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}
