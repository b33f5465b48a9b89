import type { EvidenceInput } from "./evidence.js";
import { randomId, type IdGenerator } from "./ids.js";
import type { AgentMessage, MessagePriority } from "./message.js";
import { parseAgentMessage } from "./parse-message.js";

/** Time and ids come from here, so a message built in a test or a replay is reproducible. */
export interface MessageDeps {
  /** Any clock (ports/clock's fits): the protocol depends on nothing but zod. */
  clock: { now(): Date };
  newId?: IdGenerator;
}

/** Fields every creator accepts; messageId and timestamp override the deps when given. */
export interface MessageBase {
  from: string;
  payload?: Record<string, unknown>;
  evidence?: EvidenceInput[];
  metadata?: Record<string, unknown>;
  messageId?: string;
  timestamp?: string;
}

export interface RequestInput extends MessageBase {
  to: string | string[];
  priority?: MessagePriority;
  /** A new conversation is started when omitted. */
  conversationId?: string;
}

export interface ResponseInput extends MessageBase {
  to: string;
  parent: Pick<AgentMessage, "messageId" | "conversationId">;
  priority?: MessagePriority;
}

export interface NotificationInput extends MessageBase {
  to: string[];
  priority?: MessagePriority;
  conversationId?: string;
}

function envelope(input: MessageBase, deps: MessageDeps) {
  const newId = deps.newId ?? randomId;
  const evidence = input.evidence ?? [];
  return {
    messageId: input.messageId ?? newId(),
    fromAgent: input.from,
    payload: input.payload ?? {},
    evidence,
    evidenceIds: evidence.map((e) => e.id),
    timestamp: input.timestamp ?? deps.clock.now().toISOString(),
    metadata: input.metadata ?? {},
  };
}

export function createRequest(input: RequestInput, deps: MessageDeps): AgentMessage {
  return parseAgentMessage({
    ...envelope(input, deps),
    toAgents: Array.isArray(input.to) ? input.to : [input.to],
    intent: "request",
    priority: input.priority ?? "medium",
    conversationId: input.conversationId ?? (deps.newId ?? randomId)(),
  });
}

export function createResponse(input: ResponseInput, deps: MessageDeps): AgentMessage {
  return parseAgentMessage({
    ...envelope(input, deps),
    toAgents: [input.to],
    intent: "response",
    priority: input.priority ?? "medium",
    parentMessageId: input.parent.messageId,
    conversationId: input.parent.conversationId,
  });
}

/** Notifications are low priority unless said otherwise; the seed gave them no conversation, we start one. */
export function createNotification(input: NotificationInput, deps: MessageDeps): AgentMessage {
  return parseAgentMessage({
    ...envelope(input, deps),
    toAgents: input.to,
    intent: "notification",
    priority: input.priority ?? "low",
    conversationId: input.conversationId ?? (deps.newId ?? randomId)(),
  });
}
