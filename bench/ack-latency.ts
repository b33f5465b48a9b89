import { fork } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import path from "node:path";
import { BENCH_SECRET, preciseNow, type AckChildCommand, type AckChildReport, type LoopDelay, type ScanPlace, type WindowKind } from "./ack-protocol.js";

export interface Latency {
  p50: number;
  p99: number;
  /** How late the app's own event loop ran meanwhile. */
  loopDelay: LoopDelay;
}

export interface ScanWindows extends Latency {
  files: number;
  /** The median scan time. */
  scanMs: number;
  /** Whether every scan was still running when the last delivery of its window was answered, as it should be. */
  covered: boolean;
}

export interface AckFigures {
  rounds: number;
  deliveriesPerWindow: number;
  idle: Latency;
  threads: ScanWindows;
  eventLoop: ScanWindows;
}

const ROUNDS = 5;
const DELIVERIES = 200;
const INTERVAL_MS = 10;
const WARM_UP = 100;
/** Deliveries start once the scan is past reading its file list. */
const SCAN_HEAD_START_MS = 500;

type Answer = { latency: number; answeredAt: number };
type Window = { answers: Answer[]; scan: Extract<AckChildReport, { type: "scanned" }> };

/**
 * Webhook acknowledgement latency of the real app (ack-child.ts, in its own process): idle, while
 * a full scan of `folder` runs on its worker threads, and while one runs on its event loop as
 * before it had threads. The three windows take turns, ROUNDS times, so load from elsewhere on the
 * machine weighs on all three alike. Deliveries are signed `ping`s sent at a steady rate from this
 * process whatever the answers do, so a stalled server cannot slow the sender down and hide its
 * stall; each latency counts from the moment its delivery was due. `warmFolder` is scanned first,
 * so the worker thread is up, as in a server that has been running.
 */
export async function measureAckLatency(folder: string, warmFolder: string): Promise<AckFigures> {
  const child = fork(path.join(import.meta.dirname, "ack-child.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const reports = inbox(child);
  const send = (command: AckChildCommand) => child.send(command);

  const { url } = await reports.next("ready");
  send({ type: "scan", where: "threads", folder: warmFolder });
  await reports.next("scanned");
  await deliverSteadily(url, WARM_UP);

  const window = async (kind: WindowKind): Promise<Answer[]> => {
    send({ type: "window", kind, open: true });
    const answers = await deliverSteadily(url, DELIVERIES);
    send({ type: "window", kind, open: false });
    return answers;
  };
  const during = async (where: ScanPlace): Promise<Window> => {
    send({ type: "scan", where, folder });
    await new Promise((resolve) => setTimeout(resolve, SCAN_HEAD_START_MS));
    const answers = await window(where);
    return { answers, scan: await reports.next("scanned") };
  };
  const idle: Answer[] = [];
  const threads: Window[] = [];
  const eventLoop: Window[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    idle.push(...(await window("idle")));
    threads.push(await during("threads"));
    eventLoop.push(await during("event-loop"));
  }
  send({ type: "exit" });
  const { delays } = await reports.next("loop-delays");
  if ((await exited) !== 0) throw new Error("the app under test did not stop cleanly");
  return {
    rounds: ROUNDS,
    deliveriesPerWindow: DELIVERIES,
    idle: { ...percentiles(idle), loopDelay: delays.idle },
    threads: summarize(threads, delays.threads),
    eventLoop: summarize(eventLoop, delays["event-loop"]),
  };
}

function summarize(windows: readonly Window[], loopDelay: LoopDelay): ScanWindows {
  const times = windows.map(({ scan }) => scan.endedAt - scan.startedAt).sort((a, b) => a - b);
  return {
    ...percentiles(windows.flatMap(({ answers }) => answers)),
    loopDelay,
    files: windows[0]!.scan.files,
    scanMs: times[Math.floor(times.length / 2)]!,
    covered: windows.every(({ answers, scan }) => answers.every((answer) => answer.answeredAt < scan.endedAt)),
  };
}

function inbox(child: ReturnType<typeof fork>) {
  const reports: AckChildReport[] = [];
  let wake: (() => void) | undefined;
  child.on("message", (report: AckChildReport) => {
    reports.push(report);
    wake?.();
  });
  return {
    async next<T extends AckChildReport["type"]>(type: T): Promise<Extract<AckChildReport, { type: T }>> {
      for (;;) {
        const at = reports.findIndex((report) => report.type === type);
        if (at !== -1) return reports.splice(at, 1)[0] as Extract<AckChildReport, { type: T }>;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}

async function deliverSteadily(url: string, count: number): Promise<Answer[]> {
  const started = performance.now();
  const answers: Promise<Answer>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + i * INTERVAL_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(ping(url).then(() => ({ latency: performance.now() - due, answeredAt: preciseNow() })));
  }
  return Promise.all(answers);
}

async function ping(url: string): Promise<void> {
  const body = JSON.stringify({ zen: "Design for failure.", hook_id: 1 });
  const response = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", BENCH_SECRET).update(body).digest("hex")}`,
    },
    body,
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`a delivery was answered ${response.status}`);
}

function percentiles(answers: readonly Answer[]): Omit<Latency, "loopDelay"> {
  const sorted = answers.map((answer) => answer.latency).sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99) };
}
