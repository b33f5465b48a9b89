/**
 * One process of the bus crash test (crash-recovery.test.ts), run with `node --import tsx`:
 *
 *   crash-child.ts <sqlite file> <effects file> <mode> [message id]
 *
 * Every handler call appends a line to the effects file (written and fsynced before anything else
 * happens), so the test counts handler runs across processes that were killed mid-way.
 *
 * Modes (all but "restart" first send one request, with the given id, to the agent "worker"):
 * - hang: the handler records "started" and never finishes; the parent SIGKILLs this process.
 * - die-before-ack: the handler finishes; the process SIGKILLs itself when the bus acks.
 * - die-before-receipt: the handler finishes; the process SIGKILLs itself when the bus writes the receipt.
 * - restart: subscribes, lets the bus deliver whatever the dead process left, prints a JSON summary, exits.
 */
import { appendFileSync, closeSync, fsyncSync, openSync } from "node:fs";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { systemClock } from "../../src/ports/clock.js";
import type { MessageStore } from "../../src/ports/store.js";
import { createRequest } from "../../src/protocol/create-message.js";

type Mode = "hang" | "die-before-ack" | "die-before-receipt" | "restart";

const [file, effectsFile, mode, messageId] = process.argv.slice(2) as [string, string, Mode, string | undefined];

function recordEffect(line: string): void {
  const fd = openSync(effectsFile, "a");
  try {
    appendFileSync(fd, `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The store as the bus sees it, except that one write kills the process before it happens. */
function dyingAt(store: MessageStore, method: "ackMessage" | "recordMessageReceipt"): MessageStore {
  return Object.assign(Object.create(store) as MessageStore, {
    [method]: () => {
      process.kill(process.pid, "SIGKILL");
      return new Promise(() => {});
    },
  });
}

const store = await openSqliteStore(file);
const busStore = mode === "die-before-ack" ? dyingAt(store, "ackMessage") : mode === "die-before-receipt" ? dyingAt(store, "recordMessageReceipt") : store;
const bus = new InProcessBus(busStore, { clock: systemClock });

if (mode === "restart") {
  await bus.subscribe("worker", (message) => recordEffect(`handled ${message.messageId} ${process.pid}`));
  await bus.whenIdle();
  const summary = { pending: await bus.pendingCount(), deadLetters: (await bus.getDeadLetters()).length };
  await store.close();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  if (!messageId) throw new Error(`mode ${mode} needs a message id`);
  await bus.send(createRequest({ from: "crash-test", to: "worker", messageId, payload: { n: 1 } }, { clock: systemClock }));
  // subscribe resolves only once the drain is done, which "hang" never is: not awaited.
  void bus.subscribe("worker", async (message) => {
    if (mode === "hang") {
      recordEffect(`started ${message.messageId} ${process.pid}`);
      process.stdout.write("started\n");
      await new Promise(() => {});
    }
    recordEffect(`handled ${message.messageId} ${process.pid}`);
  });
  // The event loop must stay alive until the parent (or the dying store) kills the process.
  setInterval(() => {}, 1_000);
}
