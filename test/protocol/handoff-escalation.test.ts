import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import {
  EscalationPayload,
  createEscalationRequest,
  escalationToMessage,
} from "../../src/protocol/escalation.js";
import { HandoffPayload, createHandoffRequest, handoffToMessage } from "../../src/protocol/handoff.js";
import { InvalidMessageError } from "../../src/protocol/parse-message.js";

const clock = new ManualClock("2026-02-02T02:02:02.000Z");
const deps = { clock };
const evidence = { id: "e1", source: "ci", description: "tests fail", timestamp: "2026-02-02T00:00:00.000Z" };

describe("handoff requests", () => {
  it("become high-priority handoff messages with the seed's payload keys", () => {
    const handoff = createHandoffRequest(
      {
        fromAgent: "codegen",
        toAgent: "reviewer",
        reason: "quality_gate_failed",
        context: { pr: 12 },
        workState: { step: 3 },
        evidence: [evidence],
        blockingIssues: ["lint fails"],
        recommendations: ["fix lint"],
      },
      deps,
    );

    const message = handoffToMessage(handoff, { conversationId: "pr-12" }, deps);

    expect(message).toMatchObject({
      intent: "handoff",
      priority: "high",
      fromAgent: "codegen",
      toAgents: ["reviewer"],
      conversationId: "pr-12",
      evidenceIds: ["e1"],
      timestamp: "2026-02-02T02:02:02.000Z",
    });
    expect(Object.keys(message.payload).sort()).toEqual(
      ["blockingIssues", "context", "handoffId", "reason", "recommendations", "workState"].sort(),
    );
    expect(HandoffPayload.parse(message.payload)).toEqual({
      handoffId: handoff.handoffId,
      reason: "quality_gate_failed",
      context: { pr: 12 },
      workState: { step: 3 },
      blockingIssues: ["lint fails"],
      recommendations: ["fix lint"],
    });
  });

  it("fills defaults and starts a conversation when none is given", () => {
    const handoff = createHandoffRequest({ fromAgent: "a", toAgent: "b", reason: "blocked" }, deps);

    const message = handoffToMessage(handoff, {}, deps);

    expect(handoff).toMatchObject({ context: {}, workState: {}, blockingIssues: [], recommendations: [], evidence: [] });
    expect(message.conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("rejects an unknown reason with a readable error", () => {
    const attempt = () => createHandoffRequest({ fromAgent: "a", toAgent: "b", reason: "bored" as "blocked" }, deps);

    expect(attempt).toThrow(InvalidMessageError);
    expect(attempt).toThrow(/handoff request[\s\S]*reason/);
  });
});

describe("escalation requests", () => {
  const base = {
    fromAgent: "conflict_resolver",
    severity: "high" as const,
    issue: "Conflict between agents: a, b",
    attemptedResolutions: ["Analyzed positions"],
  };

  it("go to a human at high priority by default", () => {
    const escalation = createEscalationRequest(base, deps);

    const message = escalationToMessage(escalation, { conversationId: "c" }, deps);

    expect(message).toMatchObject({ intent: "escalation", priority: "high", toAgents: ["human"], conversationId: "c" });
    expect(EscalationPayload.parse(message.payload)).toEqual({
      escalationId: escalation.escalationId,
      severity: "high",
      issue: base.issue,
      context: {},
      attemptedResolutions: ["Analyzed positions"],
      recommendedAction: null,
      requiresImmediateAttention: false,
    });
  });

  it("are critical when they need immediate attention, and can go elsewhere", () => {
    const escalation = createEscalationRequest(
      { ...base, severity: "critical", requiresImmediateAttention: true, recommendedAction: "roll back" },
      deps,
    );

    const message = escalationToMessage(escalation, { toAgent: "incident_commander" }, deps);

    expect(message.priority).toBe("critical");
    expect(message.toAgents).toEqual(["incident_commander"]);
    expect(message.payload.recommendedAction).toBe("roll back");
  });

  it("accept only the four severities", () => {
    expect(() => createEscalationRequest({ ...base, severity: "urgent" as "high" }, deps)).toThrow("severity");
  });
});
