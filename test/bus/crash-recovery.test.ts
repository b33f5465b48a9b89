import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));

interface Child {
  process: ChildProcess;
  output(): string;
  /** Resolves when text appears on the child's stdout. */
  waitFor(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The crash test of the at-least-once bus: real processes on one SQLite file, killed with SIGKILL
 * (no exit handlers, no flushing) at the points that matter, then restarted.
 */
describe("InProcessBus across a process crash", () => {
  let dir: string;
  let file: string;
  let effects: string;
  const children: Child[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "concord-bus-crash-"));
    file = join(dir, "concord.sqlite");
    effects = join(dir, "effects.log");
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill("SIGKILL");
      await child.exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  function run(...args: string[]): Child {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, file, effects, ...args], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const waiters: { text: string; resolve: () => void }[] = [];
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      for (const waiter of waiters.filter((w) => output.includes(w.text))) waiter.resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    const handle: Child = {
      process: child,
      output: () => output,
      waitFor: (text) =>
        new Promise<void>((resolve, reject) => {
          if (output.includes(text)) return resolve();
          waiters.push({ text, resolve });
          void exited.then(() => reject(new Error(`child exited before printing "${text}":\n${output}`)));
        }),
      exited,
    };
    children.push(handle);
    return handle;
  }

  /** Starts a fresh process on the file, lets it deliver what waits, and returns its summary. */
  async function restart(): Promise<{ pending: number; deadLetters: number }> {
    const child = run("restart");
    const { code } = await child.exited;
    expect(code, child.output()).toBe(0);
    return JSON.parse(child.output().trim().split("\n").at(-1)!) as { pending: number; deadLetters: number };
  }

  function effectLines(kind: "started" | "handled", messageId: string): string[] {
    if (!existsSync(effects)) return [];
    return readFileSync(effects, "utf8")
      .split("\n")
      .filter((line) => line.startsWith(`${kind} ${messageId} `));
  }

  const pidOf = (line: string | undefined): number => Number(line?.split(" ")[2]);

  async function inboxState(messageId: string): Promise<{ waiting: number; receipt: boolean }> {
    const store = await openSqliteStore(file);
    try {
      return { waiting: await store.countInbox("worker"), receipt: await store.hasMessageReceipt("worker", messageId) };
    } finally {
      await store.close();
    }
  }

  it("a process killed between taking a message and finishing its handler: after a restart it is handled once", async () => {
    const id = randomUUID();
    const first = run("hang", id);
    await first.waitFor("started");

    first.process.kill("SIGKILL");

    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(effectLines("started", id)).toHaveLength(1);
    expect(effectLines("handled", id)).toEqual([]);
    // Taking it did not remove it: the row is still there, leased by the dead process.
    expect(await inboxState(id)).toEqual({ waiting: 1, receipt: false });

    expect(await restart()).toEqual({ pending: 0, deadLetters: 0 });
    const handled = effectLines("handled", id);
    expect(handled).toHaveLength(1);
    expect(pidOf(handled[0])).not.toBe(first.process.pid);
    expect(await inboxState(id)).toEqual({ waiting: 0, receipt: true });

    expect(await restart()).toEqual({ pending: 0, deadLetters: 0 });
    expect(effectLines("handled", id)).toHaveLength(1);
  });

  it("a process killed after the handler finished but before the ack: after a restart it is not handled again", async () => {
    const id = randomUUID();
    const first = run("die-before-ack", id);

    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(effectLines("handled", id).map(pidOf)).toEqual([first.process.pid]);
    expect(await inboxState(id)).toEqual({ waiting: 1, receipt: true });

    expect(await restart()).toEqual({ pending: 0, deadLetters: 0 });
    expect(effectLines("handled", id).map(pidOf)).toEqual([first.process.pid]);
    expect(await inboxState(id)).toEqual({ waiting: 0, receipt: true });
  });

  it("a process killed after the handler finished but before its receipt: handled again, never lost (at least once)", async () => {
    // The one window the receipt cannot close: the handler's own effects must be idempotent by message id.
    const id = randomUUID();
    const first = run("die-before-receipt", id);

    expect(await first.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(await inboxState(id)).toEqual({ waiting: 1, receipt: false });

    expect(await restart()).toEqual({ pending: 0, deadLetters: 0 });
    const handled = effectLines("handled", id).map(pidOf);
    expect(handled).toHaveLength(2);
    expect(handled[0]).toBe(first.process.pid);
    expect(await inboxState(id)).toEqual({ waiting: 0, receipt: true });
  });
});
