import { createEscalationRequest, escalationToMessage, type EscalationRequest } from "../protocol/escalation.js";
import type { MessageDeps } from "../protocol/create-message.js";
import type { AgentMessage } from "../protocol/message.js";
import type { GuardName } from "./handoff-guards.js";

/** The sender named on escalations the bus raises itself (no agent asked for them). */
export const BUS_AGENT_ID = "message-bus";

const RECOMMENDATIONS: Record<GuardName, string> = {
  hop_limit: "Take the work over: it has been passed on many times without being finished.",
  ping_pong: "Decide between the two agents: each keeps handing the work back to the other.",
};

function describeHop(message: AgentMessage): string {
  const reason = typeof message.payload.reason === "string" ? ` (${message.payload.reason})` : "";
  return `${message.fromAgent} → ${message.toAgents.join(", ")}${reason}`;
}

export interface GuardEscalationInput {
  stopped: AgentMessage;
  /** The conversation's earlier handoffs, oldest first. */
  chain: AgentMessage[];
  guard: GuardName;
  reason: string;
  /** Who gets it; "human" by default. */
  toAgent?: string;
}

/**
 * Turns a stopped handoff into an escalation in the same conversation, carrying the chain so the
 * person reading it sees who passed the work where and why.
 */
export function buildGuardEscalation(
  input: GuardEscalationInput,
  deps: MessageDeps,
): { escalation: EscalationRequest; message: AgentMessage } {
  const { stopped, chain, guard, reason } = input;
  const escalation = createEscalationRequest(
    {
      fromAgent: BUS_AGENT_ID,
      severity: "high",
      issue: `Handoff from ${stopped.fromAgent} to ${stopped.toAgents.join(", ")} was stopped: ${reason}.`,
      context: {
        conversationId: stopped.conversationId,
        stoppedMessageId: stopped.messageId,
        guard,
        stoppedPayload: stopped.payload,
      },
      attemptedResolutions: [...chain, stopped].map(describeHop),
      evidence: stopped.evidence,
      recommendedAction: RECOMMENDATIONS[guard],
      metadata: { guard, stoppedMessageId: stopped.messageId },
    },
    deps,
  );
  const message = escalationToMessage(
    escalation,
    { toAgent: input.toAgent ?? "human", conversationId: stopped.conversationId, parentMessageId: stopped.messageId },
    deps,
  );
  return { escalation, message };
}
