import { afterEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { ManualClock } from "../../src/ports/clock.js";
import type { MessageStore } from "../../src/ports/store.js";
import { createRequest } from "../../src/protocol/create-message.js";
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
      takeNextMessage: async (agentId: string) => {
        const taken = await inner.takeNextMessage(agentId);
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
