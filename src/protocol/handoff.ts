import { z } from "zod";
import { Evidence } from "./evidence.js";
import type { MessageDeps } from "./create-message.js";
import { randomId } from "./ids.js";
import { AgentId, type AgentMessage } from "./message.js";
import { parseAgentMessage, parseProtocolValue } from "./parse-message.js";

export const HANDOFF_REASONS = [
  "task_complete",
  "blocked",
  "out_of_scope",
  "needs_specialist",
  "quality_gate_failed",
  "escalation",
] as const;
export const HandoffReason = z.enum(HANDOFF_REASONS);
export type HandoffReason = z.infer<typeof HandoffReason>;

const JsonRecord = z.record(z.string(), z.unknown());

/** One agent passing its work to another, with what it knows and what stopped it. */
export const HandoffRequest = z
  .object({
    handoffId: z.string().min(1),
    fromAgent: AgentId,
    toAgent: AgentId,
    reason: HandoffReason,
    context: JsonRecord.default({}),
    workState: JsonRecord.default({}),
    evidence: z.array(Evidence).default([]),
    blockingIssues: z.array(z.string()).default([]),
    recommendations: z.array(z.string()).default([]),
    timestamp: z.iso.datetime(),
    metadata: JsonRecord.default({}),
  })
  .strict();
export type HandoffRequest = z.infer<typeof HandoffRequest>;
export type HandoffRequestInput = z.input<typeof HandoffRequest>;

/** The payload of a handoff message, for receivers that want it typed. */
export const HandoffPayload = HandoffRequest.pick({
  handoffId: true,
  reason: true,
  context: true,
  workState: true,
  blockingIssues: true,
  recommendations: true,
});
export type HandoffPayload = z.infer<typeof HandoffPayload>;

export function createHandoffRequest(
  input: Omit<HandoffRequestInput, "handoffId" | "timestamp"> & { handoffId?: string; timestamp?: string },
  deps: MessageDeps,
): HandoffRequest {
  const value = {
    ...input,
    handoffId: input.handoffId ?? (deps.newId ?? randomId)(),
    timestamp: input.timestamp ?? deps.clock.now().toISOString(),
  };
  return parseProtocolValue(HandoffRequest, value, "handoff request");
}

/** Where the message lands: the seed left handoffs outside any conversation, which hid them from the hop limit. */
export interface ToMessageOptions {
  conversationId?: string;
  parentMessageId?: string;
  messageId?: string;
  timestamp?: string;
}

/** A handoff is always high priority: someone's work is waiting on it. */
export function handoffToMessage(handoff: HandoffRequest, options: ToMessageOptions, deps: MessageDeps): AgentMessage {
  const newId = deps.newId ?? randomId;
  const payload: HandoffPayload = {
    handoffId: handoff.handoffId,
    reason: handoff.reason,
    context: handoff.context,
    workState: handoff.workState,
    blockingIssues: handoff.blockingIssues,
    recommendations: handoff.recommendations,
  };
  return parseAgentMessage({
    messageId: options.messageId ?? newId(),
    fromAgent: handoff.fromAgent,
    toAgents: [handoff.toAgent],
    intent: "handoff",
    payload,
    priority: "high",
    evidence: handoff.evidence,
    evidenceIds: handoff.evidence.map((e) => e.id),
    parentMessageId: options.parentMessageId,
    conversationId: options.conversationId ?? newId(),
    timestamp: options.timestamp ?? deps.clock.now().toISOString(),
    metadata: handoff.metadata,
  });
}
