import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { Probot } from "probot";
import { LocalRepoSource } from "../src/adapters/repo-source/local-repo-source.js";
import { SCAN_TECH_DEBT } from "../src/agents/specialized/tech-debt/tech-debt-capability.js";
import { TechDebtAgent } from "../src/agents/specialized/tech-debt/tech-debt-agent.js";
import { startConcord } from "../src/github/start-concord.js";
import { systemClock } from "../src/ports/clock.js";
import { silentLogger } from "../src/ports/logger.js";
import { BENCH_SECRET, type AckChildCommand, type AckChildReport } from "./ack-protocol.js";

/**
 * The app under test for the ack-latency bench: the real server (Probot's signature check, the
 * SQLite store, the queue, the agent host with its worker threads) in this process, plus full
 * scans of a folder on demand, run again and again until the bench says stop:
 *   - "threads": asked through the runtime's agent client, as the app asks (a worker thread);
 *   - "event-loop": the agent called on this thread, as the app ran it before it had threads.
 */

const folder = process.argv[2];
if (folder === undefined || process.send === undefined) throw new Error("usage: fork ack-child.ts <folder> with an IPC channel");
const report = (message: AckChildReport) => process.send!(message);
const dataDir = await mkdtemp(path.join(tmpdir(), "concord-ack-bench-"));
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
const probot = new Probot({ appId: 1, privateKey, secret: BENCH_SECRET, log: pino({ level: "error" }) });
const concord = await startConcord({
  probot,
  port: 0,
  host: "127.0.0.1",
  webhookPath: "/api/github/webhooks",
  maxBodyBytes: 25 * 1024 * 1024,
  sqliteFile: path.join(dataDir, "concord.db"),
});

let scanning = false;
const task = (id: string) => ({ id, type: "analysis" as const, operation: SCAN_TECH_DEBT.id, description: "bench scan", inputData: {}, dependencies: [] });

async function scanOnce(where: "threads" | "event-loop", id: string): Promise<void> {
  if (where === "threads") {
    await concord.runtime.agents.ask(SCAN_TECH_DEBT, {}, { from: "bench", taskId: id, description: "bench scan", sources: { repo: { kind: "local", path: folder! } } });
    return;
  }
  const result = await new TechDebtAgent().execute(task(id), { clock: systemClock, logger: silentLogger, repo: new LocalRepoSource(folder!) });
  if (!result.success) throw new Error(result.error);
}

process.on("message", (command: AckChildCommand) => {
  if (command.type === "scan") {
    scanning = true;
    void (async () => {
      let scans = 0;
      while (scanning) {
        await scanOnce(command.where, `${command.where}-${scans}`);
        scans++;
      }
      report({ type: "scanned", scans });
    })();
  } else if (command.type === "stop") {
    scanning = false;
  } else {
    // No process.exit: the process must end by itself once the app is stopped (threads included).
    void concord
      .stop()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.disconnect());
  }
});
report({ type: "ready", url: `http://127.0.0.1:${concord.port}` });
