import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { ManualClock, systemClock } from "../../src/ports/clock.js";
import type { MessageLease, MessageStore } from "../../src/ports/store.js";
import { createRequest } from "../../src/protocol/create-message.js";
import type { AgentMessage } from "../../src/protocol/message.js";
import type { MessagePriority } from "../../src/protocol/message.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";
import { describeBusContract } from "./bus-contract.js";

describeBusContract("InProcessBus on SQLite", async (clock, options) => {
  const testStore = await createTestStore();
  const bus = new InProcessBus(testStore.store, {
    clock,
    maxHops: options?.maxHandoffHops,
    maxDeliveryAttempts: options?.maxDeliveryAttempts,
  });
  return {
    bus,
    settle: () => bus.whenIdle(),
    cleanup: async () => {
      await bus.whenIdle();
      await testStore.cleanup();
    },
  };
});

describe("InProcessBus", () => {
  const clock = new ManualClock("2026-04-01T12:00:00.000Z");
  let testStore: TestStore | undefined;
  afterEach(async () => {
    await testStore?.cleanup();
    testStore = undefined;
  });

  it("restart keeps queued messages", async () => {
    testStore = await createTestStore();
    const before = new InProcessBus(testStore.store, { clock });
    const priorities: MessagePriority[] = ["low", "medium", "critical", "high", "medium", "low", "critical"];
    const sent = priorities.map((priority, n) =>
      createRequest({ from: "a", to: "sleeper", priority, payload: { n }, conversationId: "c" }, { clock }),
    );
    for (const m of sent) await before.send(m);
    await testStore.store.close();

    const reopened = await openSqliteStore(testStore.file);
    try {
      const after = new InProcessBus(reopened, { clock });
      expect(await after.listWaitingAgents()).toEqual(["sleeper"]);
      const received = [];
      for (let m = await after.receive("sleeper"); m; m = await after.receive("sleeper")) received.push(m);

      expect(received.map((m) => m.payload.n)).toEqual([2, 6, 3, 1, 4, 0, 5]);
      expect(received).toEqual([sent[2], sent[6], sent[3], sent[1], sent[4], sent[0], sent[5]]);
      expect(await after.getConversation("c")).toEqual(sent);
    } finally {
      await reopened.close();
    }
  });

  it("resolves send after the subscribers it woke have handled the message", async () => {
    testStore = await createTestStore();
    const bus = new InProcessBus(testStore.store, { clock });
    const seen: unknown[] = [];
    await bus.subscribe("b", async (m) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(m.payload.n);
    });

    await bus.send(createRequest({ from: "a", to: "b", payload: { n: 1 } }, { clock }));

    expect(seen).toEqual([1]);
  });

  it("delivers a message that arrives just as a drain finds the inbox empty", async () => {
    testStore = await createTestStore();
    const inner = testStore.store;
    let pauseEmptyTake = false;
    let paused = () => {};
    const pausedAtEmpty = new Promise<void>((resolve) => (paused = resolve));
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // Holds the drain between "inbox empty" and its decision to stop: the window a send can land in.
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
      leaseNextMessage: async (agentId: string, lease: MessageLease) => {
        const taken = await inner.leaseNextMessage(agentId, lease);
        if (!taken && pauseEmptyTake) {
          pauseEmptyTake = false;
          paused();
          await released;
        }
        return taken;
      },
    });
    const bus = new InProcessBus(store, { clock });
    const seen: unknown[] = [];
    await bus.subscribe("b", (m) => void seen.push(m.payload.n));
    pauseEmptyTake = true;

    const first = bus.send(createRequest({ from: "a", to: "b", payload: { n: 1 } }, { clock }));
    await pausedAtEmpty;
    await bus.send(createRequest({ from: "a", to: "b", payload: { n: 2 } }, { clock }));
    release();
    await first;
    await bus.whenIdle();

    expect(seen).toEqual([1, 2]);
    expect(await bus.pendingCount("b")).toBe(0);
  });

  it("gives every handler its own copy of the message", async () => {
    testStore = await createTestStore();
    const bus = new InProcessBus(testStore.store, { clock });
    const seen: unknown[] = [];
    await bus.subscribe("b", (m) => {
      m.payload.n = "changed";
    });
    await bus.subscribe("b", (m) => void seen.push(m.payload.n));

    await bus.send(createRequest({ from: "a", to: "b", payload: { n: 1 } }, { clock }));
    await bus.whenIdle();

    expect(seen).toEqual([1]);
  });

  it("dead-letters a journal entry that no longer parses instead of losing it", async () => {
    testStore = await createTestStore();
    const bus = new InProcessBus(testStore.store, { clock });
    await testStore.store.appendMessage(
      { id: "bad", conversationId: "c", body: "{not json", createdAt: clock.now().toISOString() },
      [{ agentId: "b", priorityRank: 0 }],
    );

    expect(await bus.receive("b")).toBeUndefined();

    const dead = await bus.getDeadLetters();
    expect(dead).toEqual([
      { messageId: "bad", message: "{not json", reason: expect.stringMatching(/^unreadable journal entry/), at: clock.now().toISOString() },
    ]);
  });
});

describe("InProcessBus: at-least-once delivery", () => {
  const clock = new ManualClock("2026-04-01T12:00:00.000Z");
  let testStore: TestStore;
  afterEach(async () => {
    await testStore.cleanup();
  });

  const request = (n: number): AgentMessage => createRequest({ from: "a", to: "b", payload: { n } }, { clock });
  /** A lease as a process that then died would have left it. */
  const leaseAs = (owner: string, minutes = 60): MessageLease => ({
    owner,
    now: clock.now().toISOString(),
    leaseUntil: new Date(clock.now().getTime() + minutes * 60_000).toISOString(),
  });
  /** Stores a message for "b" without waking anyone, as an earlier process would have. */
  async function queued(n: number): Promise<AgentMessage> {
    const message = request(n);
    await new InProcessBus(testStore.store, { clock }).send(message);
    return message;
  }

  it("keeps a message in the inbox until its handler has finished", async () => {
    testStore = await createTestStore();
    const bus = new InProcessBus(testStore.store, { clock });
    let finish = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    await bus.subscribe("b", async () => {
      started();
      await new Promise<void>((resolve) => (finish = resolve));
    });

    const sent = bus.send(request(1));
    await running;
    expect(await bus.pendingCount("b")).toBe(1);
    finish();
    await sent;

    expect(await bus.pendingCount("b")).toBe(0);
  });

  it("delivers, once, a message an earlier process took and never finished", async () => {
    testStore = await createTestStore();
    const message = await queued(1);
    await testStore.store.leaseNextMessage("b", leaseAs("dead-process"));
    const bus = new InProcessBus(testStore.store, { clock });
    const seen: string[] = [];

    await bus.subscribe("b", (m) => void seen.push(m.messageId));
    await bus.send(request(2));

    expect(seen).toEqual([message.messageId, expect.any(String)]);
    expect(await bus.pendingCount()).toBe(0);
    expect(await testStore.store.hasMessageReceipt("b", message.messageId)).toBe(true);
  });

  it("acks without running its handlers a message taken again after they had finished", async () => {
    testStore = await createTestStore();
    const message = await queued(1);
    await testStore.store.leaseNextMessage("b", leaseAs("dead-process"));
    await testStore.store.recordMessageReceipt("b", message.messageId, clock.now().toISOString());
    const bus = new InProcessBus(testStore.store, { clock });
    const seen: unknown[] = [];

    await bus.subscribe("b", (m) => void seen.push(m.payload.n));

    expect(seen).toEqual([]);
    expect(await bus.pendingCount()).toBe(0);
    expect(await bus.receive("b")).toBeUndefined();
  });

  it("dead-letters, without running it, a message taken maxLeases times that never finished", async () => {
    testStore = await createTestStore();
    const message = await queued(1);
    for (let process = 1; process <= 3; process++) {
      await testStore.store.leaseNextMessage("b", leaseAs(`crashed-${process}`));
      await testStore.store.releaseLeasesNotHeldBy("the next one");
    }
    const bus = new InProcessBus(testStore.store, { clock, maxLeases: 3 });
    const seen: unknown[] = [];

    await bus.subscribe("b", (m) => void seen.push(m.payload.n));

    expect(seen).toEqual([]);
    expect(await bus.pendingCount()).toBe(0);
    const dead = await bus.getDeadLetters();
    expect(dead).toEqual([
      {
        messageId: message.messageId,
        message,
        reason: "taken 3 times for b without its handlers ever finishing",
        at: clock.now().toISOString(),
      },
    ]);
  });

  it("gives a message back when finishing it fails, and the retry does not run its handler again", async () => {
    testStore = await createTestStore();
    const inner = testStore.store;
    let failAck = true;
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
      ackMessage: async (agentId: string, messageId: string, owner: string) => {
        if (failAck) {
          failAck = false;
          throw new Error("database went away");
        }
        return inner.ackMessage(agentId, messageId, owner);
      },
    });
    const bus = new InProcessBus(store, { clock });
    const seen: unknown[] = [];
    await bus.subscribe("b", (m) => void seen.push(m.payload.n));

    await bus.send(request(1));
    expect(await bus.pendingCount("b")).toBe(1);
    await bus.send(request(2));

    expect(seen).toEqual([1, 2]);
    expect(await bus.pendingCount("b")).toBe(0);
  });

  it("gives a message back when checking it fails, and delivers it on the next try", async () => {
    testStore = await createTestStore();
    const inner = testStore.store;
    const message = await queued(1);
    await inner.leaseNextMessage("b", leaseAs("dead-process"));
    let failCheck = true;
    const store: MessageStore = Object.assign(Object.create(inner) as MessageStore, {
      hasMessageReceipt: async (agentId: string, messageId: string) => {
        if (failCheck) {
          failCheck = false;
          throw new Error("database went away");
        }
        return inner.hasMessageReceipt(agentId, messageId);
      },
    });
    const bus = new InProcessBus(store, { clock });
    const seen: string[] = [];

    await bus.subscribe("b", (m) => void seen.push(m.messageId));
    expect(seen).toEqual([]);
    const next = request(2);
    await bus.send(next);

    expect(seen).toEqual([message.messageId, next.messageId]);
    expect(await bus.pendingCount()).toBe(0);
  });

  it("does not run a message twice when its lease ran out and another taker got it", async () => {
    testStore = await createTestStore();
    const store = testStore.store;
    const first = new InProcessBus(store, { clock, leaseMs: 60_000 });
    let stolen: string | undefined;
    const seen: string[] = [];
    await first.subscribe("b", async (m) => {
      seen.push(`first:${String(m.payload.n)}`);
      // The handler outlives its lease (no renewal has run yet) and someone else takes the message.
      clock.advance(61_000);
      stolen = (await store.leaseNextMessage("b", leaseAs("thief")))?.id;
    });

    const message = request(1);
    await first.send(message);
    expect(stolen).toBe(message.messageId);
    expect(await store.countInbox("b")).toBe(1);

    const second = new InProcessBus(store, { clock });
    await second.subscribe("b", (m) => void seen.push(`second:${String(m.payload.n)}`));

    expect(seen).toEqual(["first:1"]);
    expect(await store.countInbox("b")).toBe(0);
  });

  it("renews the lease while a long handler runs", async () => {
    testStore = await createTestStore();
    const store = testStore.store;
    const bus = new InProcessBus(store, { clock: systemClock, leaseMs: 300 });
    let probe: string | undefined = "not probed";
    await bus.subscribe("b", async () => {
      // Well past the first lease's end: without renewal another taker would get the message now.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const now = new Date();
      probe = (await store.leaseNextMessage("b", { owner: "other", now: now.toISOString(), leaseUntil: new Date(now.getTime() + 1000).toISOString() }))?.id;
    });

    await bus.send(createRequest({ from: "a", to: "b", payload: {} }, { clock: systemClock }));

    expect(probe).toBeUndefined();
    expect(await bus.pendingCount("b")).toBe(0);
  });

  it("receive hands a message over: it leaves the inbox and does not come back", async () => {
    testStore = await createTestStore();
    const bus = new InProcessBus(testStore.store, { clock });
    const message = request(1);
    await bus.send(message);

    expect(await bus.receive("b")).toEqual(message);

    expect(await bus.pendingCount()).toBe(0);
    expect(await new InProcessBus(testStore.store, { clock }).receive("b")).toBeUndefined();
  });
});
