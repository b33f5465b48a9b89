import { z } from "zod";
import { Evidence } from "./evidence.js";
import type { MessageDeps } from "./create-message.js";
import type { ToMessageOptions } from "./handoff.js";
import { randomId } from "./ids.js";
import { AgentId, type AgentMessage } from "./message.js";
import { parseAgentMessage, parseProtocolValue } from "./parse-message.js";

// The seed kept severity a free string; the four words it documented are now the only ones accepted.
export const ESCALATION_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export const EscalationSeverity = z.enum(ESCALATION_SEVERITIES);
export type EscalationSeverity = z.infer<typeof EscalationSeverity>;

const JsonRecord = z.record(z.string(), z.unknown());

/** A question only a human (or a higher authority) can answer. */
export const EscalationRequest = z
  .object({
    escalationId: z.string().min(1),
    fromAgent: AgentId,
    severity: EscalationSeverity,
    issue: z.string().min(1),
    context: JsonRecord.default({}),
    attemptedResolutions: z.array(z.string()).default([]),
    evidence: z.array(Evidence).default([]),
    recommendedAction: z.string().optional(),
    requiresImmediateAttention: z.boolean().default(false),
    timestamp: z.iso.datetime(),
    metadata: JsonRecord.default({}),
  })
  .strict();
export type EscalationRequest = z.infer<typeof EscalationRequest>;
export type EscalationRequestInput = z.input<typeof EscalationRequest>;

export const EscalationPayload = z.object({
  escalationId: z.string(),
  severity: EscalationSeverity,
  issue: z.string(),
  context: JsonRecord,
  attemptedResolutions: z.array(z.string()),
  // null rather than absent, so the key survives JSON and every payload has the same shape.
  recommendedAction: z.string().nullable(),
  requiresImmediateAttention: z.boolean(),
});
export type EscalationPayload = z.infer<typeof EscalationPayload>;

export function createEscalationRequest(
  input: Omit<EscalationRequestInput, "escalationId" | "timestamp"> & { escalationId?: string; timestamp?: string },
  deps: MessageDeps,
): EscalationRequest {
  const value = {
    ...input,
    escalationId: input.escalationId ?? (deps.newId ?? randomId)(),
    timestamp: input.timestamp ?? deps.clock.now().toISOString(),
  };
  return parseProtocolValue(EscalationRequest, value, "escalation request");
}

export interface EscalationMessageOptions extends ToMessageOptions {
  /** Who must answer; a human unless said otherwise. */
  toAgent?: string;
}

/** Critical when someone must look now, else high: an escalation is never routine. */
export function escalationToMessage(
  escalation: EscalationRequest,
  options: EscalationMessageOptions,
  deps: MessageDeps,
): AgentMessage {
  const newId = deps.newId ?? randomId;
  const payload: EscalationPayload = {
    escalationId: escalation.escalationId,
    severity: escalation.severity,
    issue: escalation.issue,
    context: escalation.context,
    attemptedResolutions: escalation.attemptedResolutions,
    recommendedAction: escalation.recommendedAction ?? null,
    requiresImmediateAttention: escalation.requiresImmediateAttention,
  };
  return parseAgentMessage({
    messageId: options.messageId ?? newId(),
    fromAgent: escalation.fromAgent,
    toAgents: [options.toAgent ?? "human"],
    intent: "escalation",
    payload,
    priority: escalation.requiresImmediateAttention ? "critical" : "high",
    evidence: escalation.evidence,
    evidenceIds: escalation.evidence.map((e) => e.id),
    parentMessageId: options.parentMessageId,
    conversationId: options.conversationId ?? newId(),
    timestamp: options.timestamp ?? deps.clock.now().toISOString(),
    metadata: escalation.metadata,
  });
}
