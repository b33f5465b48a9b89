import { execFile, fork, spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { planDeliveries, type PlannedDelivery } from "./loadtest-deliveries.js";
import { deserializeEffects, type GitHubChildCommand, type GitHubChildReport } from "./loadtest-github-child.js";
import type { SideEffects } from "./loadtest-github.js";

/**
 * `npm run loadtest`: signed real deliveries (@octokit/webhooks-examples payloads) sent at a steady
 * rate over loopback to the real server (compiled and started as `npm start` runs it, in its own
 * process with its SQLite file), with a fake GitHub on loopback. It prints the deliveries lost (never stored, or never processed), the
 * answers that were not 2xx, duplicate side effects at GitHub (two comments for one command or
 * escalation, two check runs for one head) and the acknowledgement latency, each counted from the
 * moment its delivery was due, so a stalled server cannot slow the sender and hide its stall.
 * Exits non-zero when a goal is missed. Options: --deliveries N (2000), --rate N per second (200).
 */
const DELIVERIES = numberOption("--deliveries", 2000);
const RATE = numberOption("--rate", 200);
const GOAL_P99_MS = 15;
const WARM_UP = 50;
const SECRET = "loadtest-secret";
/** How long processing may take after the last delivery before what is left counts as lost. */
const PROCESSING_DEADLINE_MS = numberOption("--deadline-seconds", 300) * 1000;
/** GitHub quiet for this long after the last delivery is processed: the agents' own effects (escalations) are in. */
const QUIET_MS = 2_000;

interface Answer {
  status: number;
  latencyMs: number;
  /** When the delivery was due, in seconds from the first. */
  dueSeconds: number;
}

const root = path.resolve(import.meta.dirname, "..");
const dir = await mkdtemp(path.join(tmpdir(), "concord-loadtest-"));
// `npm start` runs the compiled server; it is compiled here, inside the checkout so that it finds node_modules.
await mkdir(path.join(root, ".tmp"), { recursive: true });
const build = await mkdtemp(path.join(root, ".tmp", "loadtest-dist-"));
const github = await startGitHub();
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const database = path.join(dir, "concord.db");
await compile(build);
const server = startServer();
try {
  await waitUntil(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok === true, 60_000, "the server did not come up");
  await sendSteadily(planDeliveries(WARM_UP, SECRET, "warm-up"), RATE);
  await waitUntil(() => unfinished(database, planDeliveries(WARM_UP, SECRET, "warm-up")).length === 0, PROCESSING_DEADLINE_MS, "the warm-up was not processed");

  const planned = planDeliveries(DELIVERIES, SECRET, `run-${Date.now()}`);
  // If this process's own loop ran late, deliveries left late and their latencies include it: it is printed beside them.
  const senderDelay = monitorEventLoopDelay({ resolution: 1 });
  senderDelay.enable();
  const sendStarted = performance.now();
  const answers = await sendSteadily(planned, RATE);
  const sendSeconds = (performance.now() - sendStarted) / 1000;
  senderDelay.disable();
  const processingStarted = performance.now();
  await waitUntil(() => unfinished(database, planned).length === 0, PROCESSING_DEADLINE_MS).catch(() => undefined);
  const processingSeconds = (performance.now() - processingStarted) / 1000;
  const effects = await githubQuiet();
  const figures = measure(planned, answers, effects, database);
  console.log(report(figures, { sendSeconds, processingSeconds, senderDelayP99: senderDelay.percentile(99) / 1e6 }));
  process.exitCode = figures.lost + figures.failed + figures.non2xx + figures.duplicates === 0 && figures.p99 <= GOAL_P99_MS ? 0 : 1;
} finally {
  await server.stop();
  await github.close();
  await rm(dir, { recursive: true, force: true });
  await rm(build, { recursive: true, force: true });
}

function measure(planned: readonly PlannedDelivery[], answers: readonly Answer[], effects: SideEffects, file: string) {
  const distinct = new Map(planned.map((delivery) => [delivery.id, delivery]));
  const rows = storedDeliveries(file);
  const statuses = new Map([...rows].map(([id, row]) => [id, row.status]));
  const unfinishedRows = [...distinct.values()]
    .map((delivery) => ({ kind: delivery.kind, ...(rows.get(delivery.id) ?? { status: "not stored", last_error: null, attempts: 0 }) }))
    .filter((row) => row.status !== "done");
  const latencies = answers.map((answer) => answer.latencyMs).sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.ceil(share * latencies.length) - 1)]!;
  const duplicatesOf = (map: Map<string, number>) => [...map.values()].reduce((sum, times) => sum + times - 1, 0);
  const kinds = [...distinct.values()].map((delivery) => delivery.kind);
  return {
    sent: planned.length,
    distinct: distinct.size,
    byKind: [...new Set(kinds)].map((kind) => `${kinds.filter((each) => each === kind).length} ${kind}`),
    non2xx: answers.filter((answer) => answer.status < 200 || answer.status > 299).length,
    lost: [...distinct.keys()].filter((id) => !["done", "failed"].includes(statuses.get(id) ?? "")).length,
    failed: [...distinct.keys()].filter((id) => statuses.get(id) === "failed").length,
    // Reactions are not counted: GitHub keeps one per user and content, so adding one again is harmless.
    duplicates: duplicatesOf(effects.commentsByMarker) + duplicatesOf(effects.checkRunsByHead),
    duplicated: [...effects.commentsByMarker, ...effects.checkRunsByHead].filter(([, times]) => times > 1).map(([what, times]) => `${what} ×${times}`),
    unfinishedByStatus: countBy(unfinishedRows.map((row) => `${row.status} (${row.kind})`)),
    errors: countBy(unfinishedRows.flatMap((row) => (row.last_error ? [row.last_error.slice(0, 160)] : []))),
    comments: effects.commentsByMarker.size,
    checkRuns: effects.checkRunsByHead.size,
    commands: kinds.filter((kind) => kind === "command").length,
    pullRequests: kinds.filter((kind) => kind === "pull-request").length,
    unknownRequests: [...new Set(effects.unknown)],
    githubRequests: effects.requests,
    slowest: answers
      .map((answer, index) => ({ ...answer, kind: planned[index]!.kind }))
      .sort((a, b) => b.latencyMs - a.latencyMs)
      .slice(0, 5),
    p50: at(0.5),
    p99: at(0.99),
    max: latencies[latencies.length - 1]!,
  };
}

function report(figures: ReturnType<typeof measure>, times: { sendSeconds: number; processingSeconds: number; senderDelayP99: number }): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const met = (ok: boolean) => (ok ? "met" : "MISSED");
  const ok = figures.lost + figures.failed === 0 && figures.non2xx === 0 && figures.duplicates === 0 && figures.p99 <= GOAL_P99_MS;
  return [
    `Concord load test, ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${availableParallelism()} CPUs`,
    `deliveries:   ${figures.sent} sent at ${RATE}/s in ${times.sendSeconds.toFixed(1)} s (${figures.distinct} distinct, ${figures.sent - figures.distinct} redelivered): ${figures.byKind.join(", ")}`,
    `lost:         ${figures.lost} (never stored or never processed; ${figures.failed} failed); all processed ${times.processingSeconds.toFixed(1)} s after the last was sent`,
    `non-2xx:      ${figures.non2xx}`,
    `duplicates:   ${figures.duplicates} (side effects at GitHub: ${figures.comments} comments by marker for ${figures.commands} commands and the incidents, ${figures.checkRuns} check runs for ${figures.pullRequests} pull request heads; ${figures.githubRequests} requests, ${figures.unknownRequests.length} kinds unknown)`,
    `ack latency:  p50 ${ms(figures.p50)}, p99 ${ms(figures.p99)}, max ${ms(figures.max)} (the sender's own event loop ran late by ${ms(times.senderDelayP99)} at p99)`,
    `slowest acks: ${figures.slowest.map((answer) => `${ms(answer.latencyMs)} (${answer.kind}, due at ${answer.dueSeconds.toFixed(2)} s)`).join(", ")}`,
    `goal 0 lost / 0 non-2xx / 0 duplicates, p99 ≤ ${GOAL_P99_MS} ms: ${met(ok)}`,
    ...listed("not done, by status", figures.unfinishedByStatus),
    ...listed("their last errors", figures.errors),
    ...(figures.duplicated.length > 0 ? ["duplicated:", ...figures.duplicated.slice(0, 10).map((line) => `  ${line}`)] : []),
    ...(figures.unknownRequests.length > 0 ? [`requests the fake GitHub does not know: ${figures.unknownRequests.slice(0, 5).join(", ")}`] : []),
  ].join("\n");
}

function listed(title: string, counts: Map<string, number>): string[] {
  return counts.size === 0 ? [] : [`${title}:`, ...[...counts].slice(0, 8).map(([what, times]) => `  ${times} × ${what}`)];
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

/** Each delivery leaves at its due time whatever the answers do; its latency counts from then. */
async function sendSteadily(planned: readonly PlannedDelivery[], perSecond: number): Promise<Answer[]> {
  const interval = 1000 / perSecond;
  const started = performance.now();
  const answers: Promise<Answer>[] = [];
  for (const [index, delivery] of planned.entries()) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(send(delivery).then((status) => ({ status, latencyMs: performance.now() - due, dueSeconds: (due - started) / 1000 })));
  }
  return Promise.all(answers);
}

async function send(delivery: PlannedDelivery): Promise<number> {
  try {
    const response = await fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": delivery.event,
        "x-github-delivery": delivery.id,
        "x-hub-signature-256": delivery.signature,
      },
      body: delivery.body,
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    // No answer at all: counted with the non-2xx.
    return 0;
  }
}

/** The planned deliveries the server has not finished with (not stored yet, queued or running). */
function unfinished(file: string, planned: readonly PlannedDelivery[]): string[] {
  const rows = storedDeliveries(file);
  return planned.map((delivery) => delivery.id).filter((id) => !["done", "failed"].includes(rows.get(id)?.status ?? ""));
}

interface StoredDelivery {
  status: string;
  last_error: string | null;
  attempts: number;
}

/** The server's own record of every delivery it stored, read from its SQLite file. */
function storedDeliveries(file: string): Map<string, StoredDelivery> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT id, status, last_error, attempts FROM deliveries").all() as (StoredDelivery & { id: string })[];
    return new Map(rows.map(({ id, ...row }) => [id, row]));
  } finally {
    db.close();
  }
}

/** What GitHub saw, once it has had no request for QUIET_MS. */
async function githubQuiet(): Promise<SideEffects> {
  let before = await github.effects();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const now = await github.effects();
    if (now.requests === before.requests) return now;
    before = now;
  }
}

/** The fake GitHub (loadtest-github-child.ts) in its own process. */
async function startGitHub() {
  const child = fork(path.join(import.meta.dirname, "loadtest-github-child.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () => new Promise<GitHubChildReport>((resolve) => child.once("message", resolve));
  const send = (command: GitHubChildCommand) => child.send(command);
  const up = await next();
  if (up.type !== "up") throw new Error("the fake GitHub did not start");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    host: up.host,
    async effects(): Promise<SideEffects> {
      const answer = next();
      send({ type: "effects" });
      const report = await answer;
      if (report.type !== "effects") throw new Error("the fake GitHub answered out of turn");
      return deserializeEffects(report.effects);
    },
    async close(): Promise<void> {
      send({ type: "exit" });
      await exited;
    },
  };
}

/** src/ as `npm run build` compiles it, into `outDir` (without the type check: that is `npm run typecheck`'s job). */
async function compile(outDir: string): Promise<void> {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  await promisify(execFile)(process.execPath, [tsc, "-p", "tsconfig.build.json", "--noCheck", "--outDir", outDir], { cwd: root }).catch((error: unknown) => {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`compiling the server failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
  });
}

/** The real server as `npm start` runs it (compiled), in its own process group, with only the environment it needs. */
function startServer() {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  const child = spawn(process.execPath, [path.join(build, "main.js")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APP_ID: "123",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      CONCORD_DB: database,
      CONCORD_ENV_FILE: path.join(dir, ".env"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
  };
}

async function waitUntil(probe: () => boolean | Promise<boolean>, timeoutMs: number, failure = "timed out"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await Promise.resolve(probe()).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${failure} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at === -1 ? undefined : Number(process.argv[at + 1]);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} takes a whole number above 0`);
  return value;
}
