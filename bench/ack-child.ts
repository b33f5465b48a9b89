import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { pino } from "pino";
import { Probot } from "probot";
import { LocalRepoSource } from "../src/adapters/repo-source/local-repo-source.js";
import { SCAN_TECH_DEBT } from "../src/agents/specialized/tech-debt/tech-debt-capability.js";
import { TechDebtAgent } from "../src/agents/specialized/tech-debt/tech-debt-agent.js";
import { startConcord } from "../src/app/start-concord.js";
import { systemClock } from "../src/ports/clock.js";
import { silentLogger } from "../src/ports/logger.js";
import { BENCH_SECRET, preciseNow, type AckChildCommand, type AckChildReport, type LoopDelay, type ScanPlace, type WindowKind } from "./ack-protocol.js";

/**
 * The app under test for the ack-latency bench: the real server (the webhook signature check, the
 * SQLite store, the queue, the agent host with its worker threads) in this process, and full
 * scans of a folder on demand:
 *   - "threads": asked through the runtime's agent client, as the app asks (a worker thread);
 *   - "event-loop": the agent called on this thread, as the app ran it before it had threads.
 * While a window is open it measures how late its own event loop runs; it reports the worst window of each kind.
 */
if (process.send === undefined) throw new Error("fork ack-child.ts with an IPC channel");
const report = (message: AckChildReport) => process.send!(message);
const dataDir = await mkdtemp(path.join(tmpdir(), "concord-ack-bench-"));
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const probot = new Probot({ appId: 1, privateKey, secret: BENCH_SECRET, log: pino({ level: "error" }) });
const concord = await startConcord({
  probot,
  port: 0,
  host: "127.0.0.1",
  webhookPath: "/api/github/webhooks",
  webhookSecret: BENCH_SECRET,
  maxBodyBytes: 25 * 1024 * 1024,
  sqliteFile: path.join(dataDir, "concord.db"),
});
let scans = 0;
// One histogram per window (one that is paused counts the pause as a delay); each kind keeps its worst window.
let loopDelay = monitorEventLoopDelay({ resolution: 1 });
const worst: Record<WindowKind, LoopDelay> = { idle: { p99: 0, max: 0 }, threads: { p99: 0, max: 0 }, "event-loop": { p99: 0, max: 0 } };

async function scan(where: ScanPlace, folder: string): Promise<number> {
  const taskId = `bench-${scans++}`;
  if (where === "threads") {
    const output = await concord.runtime.agents.ask(SCAN_TECH_DEBT, {}, { from: "bench", taskId, description: "bench scan", sources: { repo: { kind: "local", path: folder } } });
    return output.scan.summary.files;
  }
  const task = { id: taskId, type: "analysis" as const, operation: SCAN_TECH_DEBT.id, description: "bench scan", inputData: {}, dependencies: [] };
  const result = await new TechDebtAgent().execute(task, { clock: systemClock, logger: silentLogger, repo: new LocalRepoSource(folder) });
  if (!result.success) throw new Error(result.error);
  return SCAN_TECH_DEBT.output.parse(result.output).scan.summary.files;
}

process.on("message", (command: AckChildCommand) => {
  if (command.type === "scan") {
    const startedAt = preciseNow();
    void scan(command.where, command.folder).then((files) => report({ type: "scanned", startedAt, endedAt: preciseNow(), files }));
    return;
  }
  if (command.type === "window") {
    if (command.open) {
      loopDelay = monitorEventLoopDelay({ resolution: 1 });
      loopDelay.enable();
    } else {
      loopDelay.disable();
      const seen = worst[command.kind];
      worst[command.kind] = { p99: Math.max(seen.p99, loopDelay.percentile(99) / 1e6), max: Math.max(seen.max, loopDelay.max / 1e6) };
    }
    return;
  }
  report({ type: "loop-delays", delays: worst });
  // No process.exit: the process must end by itself once the app is stopped, threads included.
  void concord
    .stop()
    .then(() => rm(dataDir, { recursive: true, force: true }))
    .then(() => process.disconnect());
});
report({ type: "ready", url: `http://127.0.0.1:${concord.port}` });
