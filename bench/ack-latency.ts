import { fork } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import path from "node:path";
import { BENCH_SECRET, type AckChildCommand, type AckChildReport } from "./ack-protocol.js";

export interface AckFigures {
  /** Acknowledgement latency percentiles in ms, from the moment each delivery was due. */
  idle: Latency;
  threads: Latency & { scans: number };
  eventLoop: Latency & { scans: number };
}

interface Latency {
  p50: number;
  p99: number;
}

const DELIVERIES = 400;
const INTERVAL_MS = 10;
const WARM_UP = 100;

/**
 * Webhook acknowledgement latency of the real app (ack-child.ts, its own process) while idle,
 * while full scans of `folder` run back to back on its worker threads, and while they run on its
 * event loop as before threads. Deliveries are signed `ping`s, sent at a steady rate from this
 * process whatever the answers do (so a stalled server cannot slow the sender down and hide its
 * own stall), and each latency counts from the moment its delivery was due.
 */
export async function measureAckLatency(folder: string): Promise<AckFigures> {
  const child = fork(path.join(import.meta.dirname, "ack-child.ts"), [folder], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const reports: AckChildReport[] = [];
  const waiters: (() => void)[] = [];
  child.on("message", (message: AckChildReport) => {
    reports.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const next = async <T extends AckChildReport["type"]>(type: T): Promise<Extract<AckChildReport, { type: T }>> => {
    for (;;) {
      const at = reports.findIndex((report) => report.type === type);
      if (at !== -1) return reports.splice(at, 1)[0] as Extract<AckChildReport, { type: T }>;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  const send = (command: AckChildCommand) => child.send(command);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const { url } = await next("ready");
  await deliverSteadily(url, WARM_UP);
  const idle = percentiles(await deliverSteadily(url, DELIVERIES));
  const during = async (where: "threads" | "event-loop") => {
    send({ type: "scan", where });
    // Let the first scan get past its start (and a new thread past loading the agent).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const latencies = await deliverSteadily(url, DELIVERIES);
    send({ type: "stop" });
    return { ...percentiles(latencies), scans: (await next("scanned")).scans };
  };
  const threads = await during("threads");
  const eventLoop = await during("event-loop");
  send({ type: "exit" });
  if ((await exited) !== 0) throw new Error("the app under test did not stop cleanly");
  return { idle, threads, eventLoop };
}

async function deliverSteadily(url: string, count: number): Promise<number[]> {
  const started = performance.now();
  const answers: Promise<number>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + i * INTERVAL_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(ping(url).then(() => performance.now() - due));
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
  if (!response.ok) throw new Error(`delivery answered ${response.status}`);
}

function percentiles(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
  return { p50: at(0.5), p99: at(0.99) };
}
