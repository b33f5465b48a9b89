import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import { createNotification, createRequest, createResponse } from "../../src/protocol/create-message.js";
import { InvalidMessageError } from "../../src/protocol/parse-message.js";

function sequentialIds() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

const evidence = { id: "e1", source: "scan", description: "12 TODOs", timestamp: "2026-01-01T00:00:00.000Z" };

describe("message creators", () => {
  it("starts a new conversation for a request unless one is given", () => {
    const deps = { clock: new ManualClock("2026-03-01T10:00:00.000Z"), newId: sequentialIds() };

    const fresh = createRequest({ from: "a", to: "b", payload: { q: 1 } }, deps);
    const joined = createRequest({ from: "a", to: ["b", "c"], payload: {}, conversationId: "pr-7" }, deps);

    expect(fresh).toMatchObject({
      messageId: "00000000-0000-4000-8000-000000000001",
      conversationId: "00000000-0000-4000-8000-000000000002",
      intent: "request",
      priority: "medium",
      toAgents: ["b"],
      payload: { q: 1 },
      timestamp: "2026-03-01T10:00:00.000Z",
    });
    expect(joined.conversationId).toBe("pr-7");
    expect(joined.toAgents).toEqual(["b", "c"]);
  });

  it("lists the ids of the evidence it carries", () => {
    const deps = { clock: new ManualClock() };

    const message = createRequest({ from: "a", to: "b", evidence: [evidence], priority: "critical" }, deps);

    expect(message.evidenceIds).toEqual(["e1"]);
    expect(message.evidence[0]).toMatchObject({ id: "e1", weight: 1, data: {} });
    expect(message.priority).toBe("critical");
  });

  it("answers in the parent's conversation and points at the parent", () => {
    const deps = { clock: new ManualClock(), newId: sequentialIds() };
    const request = createRequest({ from: "a", to: "b", conversationId: "incident-3" }, deps);

    const response = createResponse({ from: "b", to: "a", parent: request, payload: { ok: true } }, deps);

    expect(response).toMatchObject({
      intent: "response",
      conversationId: "incident-3",
      parentMessageId: request.messageId,
      toAgents: ["a"],
    });
    expect(response.messageId).not.toBe(request.messageId);
  });

  it("sends notifications at low priority by default", () => {
    const deps = { clock: new ManualClock() };

    const quiet = createNotification({ from: "a", to: ["b", "c"], payload: {} }, deps);
    const loud = createNotification({ from: "a", to: ["b"], priority: "high" }, deps);

    expect(quiet.priority).toBe("low");
    expect(quiet.intent).toBe("notification");
    expect(loud.priority).toBe("high");
  });

  it("takes the id and timestamp from the arguments when given", () => {
    const deps = { clock: new ManualClock("2026-01-01T00:00:00.000Z") };

    const message = createRequest(
      { from: "a", to: "b", messageId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", timestamp: "2025-05-05T05:05:05.000Z" },
      deps,
    );

    expect(message.messageId).toBe("7c9e6679-7425-40de-944b-e07fc1f90ae7");
    expect(message.timestamp).toBe("2025-05-05T05:05:05.000Z");
  });

  it("refuses to build an invalid message", () => {
    const deps = { clock: new ManualClock() };

    expect(() => createNotification({ from: "a", to: [] }, deps)).toThrow(InvalidMessageError);
    expect(() => createRequest({ from: "", to: "b" }, deps)).toThrow("fromAgent");
  });
});
