import fc from "fast-check";
import { MESSAGE_INTENTS, MESSAGE_PRIORITIES, type AgentMessageInput } from "../../src/protocol/message.js";

const agentId = fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/);
const isoDate = fc
  .date({ min: new Date("2000-01-01T00:00:00.000Z"), max: new Date("2100-01-01T00:00:00.000Z"), noInvalidDate: true })
  .map((d) => d.toISOString());
// Messages arrive as JSON text, so payloads hold what JSON can say: the cycle turns -0 into 0.
const jsonRecord = fc
  .dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 })
  .map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>);

export const evidenceArb = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 12 }),
    source: fc.string({ minLength: 1, maxLength: 12 }),
    description: fc.string(),
    data: jsonRecord,
    weight: fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }),
    timestamp: isoDate,
    metadata: jsonRecord,
  },
  { requiredKeys: ["id", "source", "description", "timestamp"] },
);

/** Any valid wire message, with optional fields sometimes left to their defaults. */
export const agentMessageArb: fc.Arbitrary<AgentMessageInput> = fc.record(
  {
    messageId: fc.uuid(),
    fromAgent: agentId,
    toAgents: fc.array(agentId, { minLength: 1, maxLength: 4 }),
    intent: fc.constantFrom(...MESSAGE_INTENTS),
    payload: jsonRecord,
    priority: fc.constantFrom(...MESSAGE_PRIORITIES),
    evidenceIds: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
    evidence: fc.array(evidenceArb, { maxLength: 3 }),
    parentMessageId: fc.uuid(),
    conversationId: fc.string({ minLength: 1, maxLength: 40 }),
    timestamp: isoDate,
    metadata: jsonRecord,
  },
  { requiredKeys: ["messageId", "fromAgent", "toAgents", "intent", "conversationId", "timestamp"] },
);
