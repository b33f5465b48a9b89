import { z } from "zod";
import { Evidence } from "./evidence.js";

export const MESSAGE_INTENTS = ["request", "response", "notification", "handoff", "escalation"] as const;
export const MessageIntent = z.enum(MESSAGE_INTENTS);
export type MessageIntent = z.infer<typeof MessageIntent>;

export const MESSAGE_PRIORITIES = ["critical", "high", "medium", "low"] as const;
export const MessagePriority = z.enum(MESSAGE_PRIORITIES);
export type MessagePriority = z.infer<typeof MessagePriority>;

/** Inbox order: lower is served first (the store sorts on this number, not on the word). */
export const PRIORITY_RANK: Readonly<Record<MessagePriority, number>> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

// Bounds keep a hostile or buggy sender from filling the journal with one message.
export const AgentId = z.string().min(1).max(200);

const JsonRecord = z.record(z.string(), z.unknown());

/** The one wire format between agents. Strict: an unknown key is a sender bug and is named. */
export const AgentMessage = z
  .object({
    messageId: z.uuid(),
    fromAgent: AgentId,
    toAgents: z.array(AgentId).min(1).max(100),
    intent: MessageIntent,
    payload: JsonRecord.default({}),
    priority: MessagePriority.default("medium"),
    evidenceIds: z.array(z.string().min(1)).default([]),
    evidence: z.array(Evidence).default([]),
    parentMessageId: z.uuid().optional(),
    // Not necessarily a uuid: callers may key a conversation on a PR or an incident.
    conversationId: z.string().min(1).max(200),
    timestamp: z.iso.datetime(),
    metadata: JsonRecord.default({}),
  })
  .strict();
export type AgentMessage = z.infer<typeof AgentMessage>;
export type AgentMessageInput = z.input<typeof AgentMessage>;
