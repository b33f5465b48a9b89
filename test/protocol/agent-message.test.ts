import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvalidMessageError,
  parseAgentMessage,
  parseAgentMessageJson,
  serializeAgentMessage,
} from "../../src/protocol/parse-message.js";
import { agentMessageArb } from "./arbitraries.js";

const valid = {
  messageId: "0b6f5a2e-4d0c-4c1a-9a57-2f1d3c4b5a69",
  fromAgent: "tech_debt_tracker",
  toAgents: ["migration_planner"],
  intent: "request",
  conversationId: "conv-1",
  timestamp: "2026-01-01T00:00:00.000Z",
};

describe("parseAgentMessage", () => {
  it("fills the seed's defaults", () => {
    const message = parseAgentMessage(valid);

    expect(message).toEqual({
      ...valid,
      payload: {},
      priority: "medium",
      evidenceIds: [],
      evidence: [],
      metadata: {},
    });
  });

  it.each([
    ["a notification", { intent: "notification" }],
    ["a handoff", { intent: "handoff", priority: "high" }],
    ["an escalation", { intent: "escalation", priority: "critical" }],
    ["a response with a parent", { intent: "response", parentMessageId: "7c9e6679-7425-40de-944b-e07fc1f90ae7" }],
    ["several recipients", { toAgents: ["a", "b", "c"] }],
    ["inline evidence", { evidence: [{ id: "e1", source: "scan", description: "d", timestamp: valid.timestamp }] }],
    ["a payload of any JSON", { payload: { nested: { list: [1, "two", null] } } }],
  ])("accepts %s", (_label, patch) => {
    expect(() => parseAgentMessage({ ...valid, ...patch })).not.toThrow();
  });

  it.each([
    ["no recipients", { toAgents: [] }, "toAgents"],
    ["an empty recipient", { toAgents: [""] }, "toAgents[0]"],
    ["an unknown intent", { intent: "gossip" }, "intent"],
    ["an unknown priority", { priority: "urgent" }, "priority"],
    ["a message id that is not a uuid", { messageId: "42" }, "messageId"],
    ["a parent id that is not a uuid", { parentMessageId: "parent" }, "parentMessageId"],
    ["a timestamp that is not ISO", { timestamp: "yesterday" }, "timestamp"],
    ["an empty conversation id", { conversationId: "" }, "conversationId"],
    ["a payload that is a list", { payload: [1, 2] }, "payload"],
    ["evidence without a source", { evidence: [{ id: "e", description: "d", timestamp: valid.timestamp }] }, "evidence[0].source"],
    ["evidence weighing more than 1", { evidence: [{ id: "e", source: "s", description: "d", weight: 2, timestamp: valid.timestamp }] }, "evidence[0].weight"],
    ["an unknown key", { colour: "blue" }, "colour"],
  ])("rejects %s and names %s", (_label, patch, path) => {
    const attempt = () => parseAgentMessage({ ...valid, ...patch });

    expect(attempt).toThrow(InvalidMessageError);
    expect(attempt).toThrow(path);
  });

  it.each([
    ["a missing conversation", "conversationId"],
    ["a missing sender", "fromAgent"],
    ["a missing timestamp", "timestamp"],
  ])("rejects %s", (_label, key) => {
    const { [key as keyof typeof valid]: _dropped, ...rest } = valid;

    expect(() => parseAgentMessage(rest)).toThrow(key);
  });

  it("explains the problem without echoing the input", () => {
    const secret = "ghp_supersecrettokenvalue";

    let caught: unknown;
    try {
      parseAgentMessage({ ...valid, toAgents: [], intent: secret, payload: { token: secret } });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(InvalidMessageError);
    const text = (caught as InvalidMessageError).message;
    expect(text).toContain("toAgents");
    expect(text).toContain("intent");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("{");
    expect((caught as InvalidMessageError).issues.length).toBe(2);
  });

  it.each([null, undefined, 42, "a string", [valid]])("rejects %j as a whole", (input) => {
    expect(() => parseAgentMessage(input)).toThrow(InvalidMessageError);
  });

  it("rejects a body that is not JSON without quoting it", () => {
    const attempt = () => parseAgentMessageJson('{"secret": "ghp_abc", oops');

    expect(attempt).toThrow(InvalidMessageError);
    expect(attempt).not.toThrow("ghp_abc");
  });
});

describe("serialise then parse", () => {
  it("gives back the same message for any valid message", () => {
    fc.assert(
      fc.property(agentMessageArb, (input) => {
        const message = parseAgentMessage(input);

        const again = parseAgentMessageJson(serializeAgentMessage(message));

        expect(again).toEqual(message);
      }),
      { numRuns: 300 },
    );
  });
});
