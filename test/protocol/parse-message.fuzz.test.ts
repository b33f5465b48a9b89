import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidMessageError, parseAgentMessage, parseAgentMessageJson, serializeAgentMessage } from "../../src/protocol/parse-message.js";
import { agentMessageArb } from "./arbitraries.js";

// Messages come back from the journal and the wire as JSON text: whatever the text, the answer is a
// message that can be written back, or an InvalidMessageError — never another kind of throw.

function expectMessageOrInvalid(parse: () => unknown): void {
  let message: unknown;
  try {
    message = parse();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidMessageError);
    expect((error as Error).message).toMatch(/^Invalid /);
    return;
  }
  const again = parseAgentMessageJson(serializeAgentMessage(message as never));
  expect(again).toEqual(message);
}

const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
const validText = (payload: string) =>
  `{"messageId":"3b241101-e2bb-4255-8caf-4136c566a962","fromAgent":"a","toAgents":["b"],"intent":"request","conversationId":"c","timestamp":"2026-01-01T00:00:00.000Z","payload":{"x":${payload}}}`;

describe("parseAgentMessage (fuzz)", () => {
  it("answers any JSON value with a message or an InvalidMessageError", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => expectMessageOrInvalid(() => parseAgentMessage(value))),
      { seed: 7001, numRuns: 1000 },
    );
  });

  it("answers valid messages with one field broken, removed or added the same way", () => {
    const key = fc.constantFrom("messageId", "fromAgent", "toAgents", "intent", "payload", "priority", "evidenceIds", "evidence", "parentMessageId", "conversationId", "timestamp", "metadata", "__proto__", "constructor", "extra");
    const change = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.jsonValue({ maxDepth: 3 }) }),
      fc.record({ kind: fc.constant("delete" as const), key }),
      fc.record({ kind: fc.constant("huge" as const), key, length: fc.integer({ min: 1_000, max: 200_000 }) }),
    );
    fc.assert(
      fc.property(agentMessageArb, fc.array(change, { minLength: 1, maxLength: 3 }), (valid, changes) => {
        const input = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
        for (const edit of changes) {
          if (edit.kind === "delete") delete input[edit.key];
          else Object.defineProperty(input, edit.key, { value: edit.kind === "set" ? edit.value : "x".repeat(edit.length), enumerable: true, configurable: true, writable: true });
        }
        expectMessageOrInvalid(() => parseAgentMessageJson(JSON.stringify(input)));
      }),
      { seed: 7002, numRuns: 1000 },
    );
  });

  it("answers random text with a message or an InvalidMessageError", () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue().map((value) => JSON.stringify(value)), agentMessageArb.map((message) => JSON.stringify(message).slice(0, -1)));
    fc.assert(fc.property(text, (body) => expectMessageOrInvalid(() => parseAgentMessageJson(body))), { seed: 7003, numRuns: 1000 });
  });

  it.each([100, 10_000, 100_000])("refuses a payload nested %i deep, which JSON.stringify could not write back", (levels) => {
    expect(() => parseAgentMessageJson(validText(deep(levels)))).toThrow(/nests lists or objects more than 64 levels deep/);
    expect(() => parseAgentMessageJson(deep(levels))).toThrow(InvalidMessageError);
  });

  it("accepts a payload nested within the limit, and shared references cost little", () => {
    expect(parseAgentMessageJson(validText(deep(60))).payload).toBeDefined();

    let shared: unknown[] = [];
    for (let i = 0; i < 40; i++) shared = [shared, shared, shared];
    const started = performance.now();
    const message = parseAgentMessage({ ...JSON.parse(validText("1")), payload: { shared } });

    expect(message.payload.shared).toBe(shared);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
