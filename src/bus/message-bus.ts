import type { AgentMessage } from "../protocol/message.js";
import type { Evidence } from "../protocol/evidence.js";

export type MessageHandler = (message: AgentMessage) => Promise<void> | void;

/** Why a message was not delivered. */
export interface DeadLetter {
  messageId: string;
  message: unknown;
  reason: string;
  at: string;
}

/**
 * What happened to a send: queued for its recipients, or stopped by a guard and turned into an
 * escalation. (A message a handler keeps failing on is dead-lettered later, after the send.)
 */
export type SendOutcome =
  | { status: "queued"; messageId: string; recipients: string[] }
  | { status: "escalated"; messageId: string; reason: string; escalationId: string };

/**
 * The message bus port. Adapters: in-process with the Store as journal (default), Redis Streams
 * (distributed mode). Every message is validated where it enters; an invalid one is rejected with
 * a readable error (InvalidMessageError) and never delivered.
 */
export interface MessageBus {
  send(message: unknown): Promise<SendOutcome>;
  /**
   * Delivers the agent's waiting messages, then every new one, in priority order. Returns an
   * unsubscribe. A message is finished when the handler's promise resolves; delivery is at least
   * once (a crash before that delivers it again), so handlers must be idempotent by message id.
   */
  subscribe(agentId: string, handler: MessageHandler): Promise<() => void>;
  /** The agent's next waiting message: critical first, FIFO within a priority. Handed over, and gone from the inbox, once returned. */
  receive(agentId: string): Promise<AgentMessage | undefined>;
  getConversation(conversationId: string): Promise<AgentMessage[]>;
  /** Evidence of every message in the conversation, deduplicated by id, first-seen order. */
  getEvidenceTrail(conversationId: string): Promise<Evidence[]>;
  getDeadLetters(): Promise<DeadLetter[]>;
  pendingCount(agentId?: string): Promise<number>;
}
