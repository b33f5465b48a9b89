import { afterEach, describe, expect, it } from "vitest";
import type { MessageBus } from "../../src/bus/message-bus.js";
import { ManualClock } from "../../src/ports/clock.js";
import { createNotification, createRequest, createResponse } from "../../src/protocol/create-message.js";
import { EscalationPayload } from "../../src/protocol/escalation.js";
import { createHandoffRequest, handoffToMessage } from "../../src/protocol/handoff.js";
import type { AgentMessage, MessagePriority } from "../../src/protocol/message.js";
import { InvalidMessageError } from "../../src/protocol/parse-message.js";

export interface BusHarness {
  bus: MessageBus;
  /** Resolves once every delivery that is under way has finished. */
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

export type MakeBus = (clock: ManualClock, options?: { maxHandoffHops?: number; maxDeliveryAttempts?: number }) => Promise<BusHarness>;

const clock = new ManualClock("2026-04-01T12:00:00.000Z");
const deps = { clock };

function request(to: string | string[], priority: MessagePriority = "medium", payload: Record<string, unknown> = {}) {
  return createRequest({ from: "sender", to, priority, payload, conversationId: "conv" }, deps);
}

function handoff(from: string, to: string, conversationId = "conv"): AgentMessage {
  const h = createHandoffRequest({ fromAgent: from, toAgent: to, reason: "needs_specialist" }, deps);
  return handoffToMessage(h, { conversationId }, deps);
}

function evidence(id: string, description = id) {
  return { id, source: "test", description, timestamp: "2026-04-01T00:00:00.000Z" };
}

async function drain(bus: MessageBus, agentId: string): Promise<AgentMessage[]> {
  const out: AgentMessage[] = [];
  for (let m = await bus.receive(agentId); m; m = await bus.receive(agentId)) out.push(m);
  return out;
}

/** One suite for every MessageBus adapter: in-process now, Redis Streams later. */
export function describeBusContract(name: string, make: MakeBus): void {
  describe(`${name}: contract`, () => {
    let harness: BusHarness | undefined;
    const open = async (options?: Parameters<MakeBus>[1]) => (harness = await make(new ManualClock(), options));
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    it("rejects an invalid message readably and keeps nothing of it", async () => {
      const { bus } = await open();
      const broken = { ...request("b"), toAgents: [], priority: "urgent" };

      const attempt = bus.send(broken);

      await expect(attempt).rejects.toThrow(InvalidMessageError);
      await expect(bus.send(broken)).rejects.toThrow(/toAgents[\s\S]*priority|priority[\s\S]*toAgents/);
      expect(await bus.pendingCount()).toBe(0);
      expect(await bus.getConversation("conv")).toEqual([]);
      expect(await bus.getDeadLetters()).toEqual([]);
    });

    it("serves critical first and keeps FIFO within a priority", async () => {
      const { bus } = await open();
      const sent = [
        request("b", "low", { n: 1 }),
        request("b", "high", { n: 2 }),
        request("b", "medium", { n: 3 }),
        request("b", "critical", { n: 4 }),
        request("b", "high", { n: 5 }),
        request("b", "low", { n: 6 }),
      ];
      for (const m of sent) expect(await bus.send(m)).toEqual({ status: "queued", messageId: m.messageId, recipients: ["b"] });

      const received = await drain(bus, "b");

      expect(received.map((m) => m.payload.n)).toEqual([4, 2, 5, 3, 1, 6]);
      expect(received[0]).toEqual(sent[3]);
      expect(await bus.receive("b")).toBeUndefined();
    });

    it("queues a message once for each recipient", async () => {
      const { bus } = await open();
      const m = createNotification({ from: "a", to: ["b", "c", "b"], payload: {} }, deps);

      const outcome = await bus.send(m);

      expect(outcome).toEqual({ status: "queued", messageId: m.messageId, recipients: ["b", "c"] });
      expect(await bus.pendingCount("b")).toBe(1);
      expect(await bus.pendingCount("c")).toBe(1);
      expect(await bus.pendingCount()).toBe(2);
    });

    it("does not queue a re-sent message twice", async () => {
      const { bus } = await open();
      const m = request("b");

      await bus.send(m);
      await bus.send(m);

      expect(await bus.pendingCount("b")).toBe(1);
      expect(await bus.getConversation("conv")).toHaveLength(1);
    });

    it("subscribe drains what waits in priority order, then delivers new messages", async () => {
      const h = await open();
      await h.bus.send(request("b", "low", { n: 1 }));
      await h.bus.send(request("b", "critical", { n: 2 }));
      const seen: unknown[] = [];

      const unsubscribe = await h.bus.subscribe("b", (m) => void seen.push(m.payload.n));
      await h.settle();
      expect(seen).toEqual([2, 1]);

      await h.bus.send(request("b", "medium", { n: 3 }));
      await h.settle();
      expect(seen).toEqual([2, 1, 3]);
      expect(await h.bus.pendingCount("b")).toBe(0);

      unsubscribe();
      await h.bus.send(request("b", "medium", { n: 4 }));
      await h.settle();
      expect(seen).toEqual([2, 1, 3]);
      expect((await h.bus.receive("b"))?.payload.n).toBe(4);
    });

    it("delivers every message of a concurrent burst to a subscriber, none left waiting", async () => {
      const h = await open();
      const seen = new Set<unknown>();
      await h.bus.subscribe("b", async (m) => {
        await new Promise((resolve) => setImmediate(resolve));
        seen.add(m.payload.n);
      });

      await Promise.all(Array.from({ length: 60 }, (_, n) => h.bus.send(request("b", "medium", { n }))));
      await h.settle();

      expect(seen.size).toBe(60);
      expect(await h.bus.pendingCount("b")).toBe(0);
    });

    it("lets handlers answer each other without deadlock", async () => {
      const h = await open();
      await h.bus.subscribe("b", async (m) => {
        if (m.intent === "request") await h.bus.send(createResponse({ from: "b", to: "a", parent: m, payload: { pong: true } }, deps));
      });
      const answers: AgentMessage[] = [];
      await h.bus.subscribe("a", (m) => void answers.push(m));
      const ping = createRequest({ from: "a", to: "b", payload: { ping: true }, conversationId: "talk" }, deps);

      await h.bus.send(ping);
      await h.settle();

      expect(answers).toHaveLength(1);
      expect(answers[0]).toMatchObject({ intent: "response", parentMessageId: ping.messageId, conversationId: "talk" });
      expect((await h.bus.getConversation("talk")).map((m) => m.intent)).toEqual(["request", "response"]);
    });

    it("retries a failing handler, then dead-letters the message and moves on", async () => {
      const h = await open({ maxDeliveryAttempts: 3 });
      let calls = 0;
      const delivered: unknown[] = [];
      await h.bus.subscribe("b", (m) => {
        if (m.payload.poison) {
          calls++;
          throw new Error("cannot handle this");
        }
        delivered.push(m.payload.n);
      });
      const poison = request("b", "high", { poison: true });

      await h.bus.send(poison);
      await h.bus.send(request("b", "medium", { n: 1 }));
      await h.settle();

      expect(calls).toBe(3);
      expect(delivered).toEqual([1]);
      const dead = await h.bus.getDeadLetters();
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ messageId: poison.messageId, message: poison });
      expect(dead[0]?.reason).toMatch(/^handler for b failed 3 times: Error: cannot handle this$/);
      expect(await h.bus.pendingCount("b")).toBe(0);
    });

    it("delivers to a handler that fails once and then succeeds, without a dead letter", async () => {
      const h = await open();
      let calls = 0;
      await h.bus.subscribe("b", () => {
        if (++calls === 1) throw new Error("flaky");
      });

      await h.bus.send(request("b"));
      await h.settle();

      expect(calls).toBe(2);
      expect(await h.bus.getDeadLetters()).toEqual([]);
    });

    it("keeps a conversation in order and its evidence deduplicated, first seen first", async () => {
      const { bus } = await open();
      const first = createRequest({ from: "a", to: "b", conversationId: "c1", evidence: [evidence("e1", "first"), evidence("e2")] }, deps);
      const other = createRequest({ from: "a", to: "b", conversationId: "c2", evidence: [evidence("e9")] }, deps);
      const second = createResponse({ from: "b", to: "a", parent: first, evidence: [evidence("e3"), evidence("e1", "again")] }, deps);

      await bus.send(first);
      await bus.send(other);
      await bus.send(second);

      expect((await bus.getConversation("c1")).map((m) => m.messageId)).toEqual([first.messageId, second.messageId]);
      const trail = await bus.getEvidenceTrail("c1");
      expect(trail.map((e) => e.id)).toEqual(["e1", "e2", "e3"]);
      expect(trail[0]?.description).toBe("first");
      expect(await bus.getEvidenceTrail("nothing")).toEqual([]);
    });

    it("delivers eight handoffs and escalates the ninth to a human", async () => {
      const { bus } = await open();
      const agents = "abcdefghij".split("");
      const hops = agents.slice(0, 9).map((a, i) => handoff(a, agents[i + 1]!));
      await bus.send(handoff("x", "y", "another-conversation"));

      for (const m of hops.slice(0, 8)) expect((await bus.send(m)).status).toBe("queued");
      const ninth = await bus.send(hops[8]!);

      expect(ninth).toMatchObject({ status: "escalated", messageId: hops[8]!.messageId, reason: expect.stringContaining("8 handoffs") });
      expect(await bus.pendingCount("j")).toBe(0);
      const dead = await bus.getDeadLetters();
      expect(dead.map((d) => d.messageId)).toEqual([hops[8]!.messageId]);
      expect(dead[0]?.reason).toMatch(/^hop_limit: /);
      const escalation = await bus.receive("human");
      expect(escalation).toMatchObject({ intent: "escalation", priority: "high", conversationId: "conv", parentMessageId: hops[8]!.messageId });
      const payload = EscalationPayload.parse(escalation?.payload);
      expect(payload.escalationId).toBe(ninth.status === "escalated" ? ninth.escalationId : "");
      expect(payload.attemptedResolutions).toHaveLength(9);
      expect(payload.attemptedResolutions[8]).toBe("i → j (needs_specialist)");
      expect(payload.context).toMatchObject({ guard: "hop_limit", stoppedMessageId: hops[8]!.messageId });
      const conversation = await bus.getConversation("conv");
      expect(conversation.map((m) => m.intent)).toEqual([...Array(8).fill("handoff"), "escalation"]);
    });

    it("stops handoffs that ping-pong between two agents", async () => {
      const { bus } = await open();
      const sent = [handoff("a", "b"), handoff("b", "a"), handoff("a", "b"), handoff("b", "a")];

      const outcomes = [];
      for (const m of sent) outcomes.push(await bus.send(m));

      expect(outcomes.map((o) => o.status)).toEqual(["queued", "queued", "queued", "escalated"]);
      expect(await bus.pendingCount("a")).toBe(1);
      expect(await bus.pendingCount("human")).toBe(1);
      expect((await bus.getDeadLetters())[0]?.reason).toBe("ping_pong: a and b handed the work back and forth 4 times");
      expect((await bus.receive("human"))?.payload.context).toMatchObject({ guard: "ping_pong" });
    });

    it("does not let concurrent handoffs slip past the hop limit", async () => {
      const { bus } = await open();
      const burst = Array.from({ length: 12 }, (_, i) => handoff(`from${i}`, `to${i}`));

      const outcomes = await Promise.all(burst.map((m) => bus.send(m)));

      expect(outcomes.filter((o) => o.status === "queued")).toHaveLength(8);
      expect(outcomes.filter((o) => o.status === "escalated")).toHaveLength(4);
      expect((await bus.getConversation("conv")).filter((m) => m.intent === "handoff")).toHaveLength(8);
      expect(await bus.pendingCount("human")).toBe(4);
    });

    it("takes the hop limit from its options", async () => {
      const { bus } = await open({ maxHandoffHops: 2 });

      await bus.send(handoff("a", "b"));
      await bus.send(handoff("b", "c"));
      const third = await bus.send(handoff("c", "d"));

      expect(third.status).toBe("escalated");
    });
  });
}
