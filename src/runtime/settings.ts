import { readFileSync } from "node:fs";
import path from "node:path";
import { StartupError } from "../startup-error.js";
import { envFilePath } from "./env-file.js";

/** Process settings, read once at start from the environment (the env file already merged in). */
export interface Settings {
  port: number;
  host: string;
  webhookPath: string;
  webhookSecret: string;
  /** WEBHOOK_SECRETS_PREVIOUS (comma-separated): secrets still accepted while a new WEBHOOK_SECRET is rolled out. */
  previousWebhookSecrets: string[];
  appId?: number;
  privateKey?: string;
  /** GitHub's REST API; unset means api.github.com. */
  baseUrl?: string;
  /** GitHub's web host, where apps are registered: https://github.com or the GHE host. */
  githubUrl: string;
  /** GH_ORG: register the app for this organisation instead of the user. */
  githubOrg?: string;
  /** NODE_ENV=production: no setup page and no webhook proxy. */
  production: boolean;
  envFile: string;
  /** WEBHOOK_URL: the webhook URL the setup page registers (raw; the setup page validates it). */
  webhookUrl?: string;
  /** WEBHOOK_PROXY_URL: a smee.io channel that forwards GitHub's webhooks to this process. */
  webhookProxyUrl?: string;
  sqliteFile: string;
  databaseUrl?: string;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** GitHub caps payloads at 25 MB; anything larger is refused before it is buffered. */
  maxBodyBytes: number;
  /** CONCORD_HEADERS_TIMEOUT_SECONDS (5) / CONCORD_BODY_TIMEOUT_SECONDS (8): a request's headers, then a webhook's body, must arrive within these times. */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  workerConcurrency: number;
  /** CONCORD_INTERACTIVE_WORKERS: workers for comments and commands, apart from the analysis workers (CONCORD_WORKERS); default 4. */
  interactiveConcurrency?: number;
  /** CONCORD_JOB_BUDGET_SECONDS: time one attempt at a delivery may take (default 600). */
  jobBudgetMs?: number;
  /** CONCORD_SHUTDOWN_SECONDS: on SIGTERM, how long running deliveries may still finish before the process exits (default 10). */
  shutdownMs?: number;
  /** CONCORD_RETENTION_DAYS: finished deliveries, handled messages and dead letters older than this are pruned. */
  retentionDays: number;
  /** CONCORD_STUCK_QUEUE_SECONDS: /healthz fails once running jobs go this long with none starting or finishing (default 900). */
  stuckQueueMs?: number;
  /** CONCORD_REDELIVER_MINUTES: how often GitHub is asked to redeliver deliveries that never reached Concord (default 10; 0: never). */
  redeliverIntervalMs?: number;
  /** CONCORD_AGENT_THREADS: worker threads for CPU-heavy agents (unset: CPUs − 1; 0: on the event loop). */
  agentThreads?: number;
  /** CONCORD_AGENT_MEMORY_MB: heap limit of one analysis job on a worker thread (default 1024). */
  agentMemoryMb?: number;
  /** CONCORD_GITHUB_TIMEOUT_SECONDS (30): longest wait for one GitHub request; CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS (600) for a repository's tarball. */
  githubTimeoutMs?: number;
  githubDownloadTimeoutMs?: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const privateKey = readPrivateKey(env);
  const appId = Number(env.APP_ID);
  const logLevel = env.LOG_LEVEL;
  const gheProtocol = env.GHE_PROTOCOL || "https";
  return {
    port: Number(env.PORT) || 3000,
    host: env.HOST || "0.0.0.0",
    webhookPath: env.WEBHOOK_PATH || "/api/github/webhooks",
    webhookSecret: env.WEBHOOK_SECRET || "development",
    previousWebhookSecrets: (env.WEBHOOK_SECRETS_PREVIOUS ?? "").split(",").map((secret) => secret.trim()).filter(Boolean),
    ...(Number.isInteger(appId) && appId > 0 ? { appId } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(env.GHE_HOST ? { baseUrl: `${gheProtocol}://${env.GHE_HOST}/api/v3` } : {}),
    githubUrl: env.GHE_HOST ? `${gheProtocol}://${env.GHE_HOST}` : "https://github.com",
    ...(env.GH_ORG ? { githubOrg: env.GH_ORG } : {}),
    production: env.NODE_ENV === "production",
    envFile: envFilePath(env, cwd),
    ...(env.WEBHOOK_URL ? { webhookUrl: env.WEBHOOK_URL } : {}),
    ...(env.WEBHOOK_PROXY_URL ? { webhookProxyUrl: env.WEBHOOK_PROXY_URL } : {}),
    sqliteFile: path.resolve(cwd, env.CONCORD_DB || "./data/concord.db"),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    logLevel: isLogLevel(logLevel) ? logLevel : "info",
    maxBodyBytes: Number(env.CONCORD_MAX_BODY_BYTES) || 25 * 1024 * 1024,
    ...optional("headersTimeoutMs", milliseconds(positiveNumber(env.CONCORD_HEADERS_TIMEOUT_SECONDS, "CONCORD_HEADERS_TIMEOUT_SECONDS", "seconds"))),
    ...optional("bodyTimeoutMs", milliseconds(positiveNumber(env.CONCORD_BODY_TIMEOUT_SECONDS, "CONCORD_BODY_TIMEOUT_SECONDS", "seconds"))),
    workerConcurrency: Number(env.CONCORD_WORKERS) || 2,
    ...optional("interactiveConcurrency", workers(env.CONCORD_INTERACTIVE_WORKERS, "CONCORD_INTERACTIVE_WORKERS")),
    ...optional("jobBudgetMs", milliseconds(positiveNumber(env.CONCORD_JOB_BUDGET_SECONDS, "CONCORD_JOB_BUDGET_SECONDS", "seconds"))),
    ...optional("shutdownMs", milliseconds(positiveNumber(env.CONCORD_SHUTDOWN_SECONDS, "CONCORD_SHUTDOWN_SECONDS", "seconds"))),
    retentionDays: positiveNumber(env.CONCORD_RETENTION_DAYS, "CONCORD_RETENTION_DAYS", "days") ?? 14,
    ...optional("stuckQueueMs", milliseconds(positiveNumber(env.CONCORD_STUCK_QUEUE_SECONDS, "CONCORD_STUCK_QUEUE_SECONDS", "seconds"))),
    ...optional("redeliverIntervalMs", redeliveryInterval(env.CONCORD_REDELIVER_MINUTES)),
    ...optional("agentThreads", count(env.CONCORD_AGENT_THREADS, "CONCORD_AGENT_THREADS")),
    ...optional("agentMemoryMb", positiveNumber(env.CONCORD_AGENT_MEMORY_MB, "CONCORD_AGENT_MEMORY_MB", "MB")),
    ...optional("githubTimeoutMs", milliseconds(positiveNumber(env.CONCORD_GITHUB_TIMEOUT_SECONDS, "CONCORD_GITHUB_TIMEOUT_SECONDS", "seconds"))),
    ...optional("githubDownloadTimeoutMs", milliseconds(positiveNumber(env.CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS, "CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS", "seconds"))),
  };
}

function readPrivateKey(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.PRIVATE_KEY;
  if (raw) {
    if (raw.includes("-----BEGIN")) return raw.replace(/\\n/g, "\n");
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    if (decoded.includes("-----BEGIN")) return decoded;
  }
  if (env.PRIVATE_KEY_PATH) return readFileSync(env.PRIVATE_KEY_PATH, "utf8");
  return undefined;
}

function isLogLevel(value: string | undefined): value is Settings["logLevel"] {
  return value !== undefined && ["trace", "debug", "info", "warn", "error", "fatal"].includes(value);
}

/** Unset is undefined; anything but a positive number is a configuration mistake, refused at start. */
function positiveNumber(raw: string | undefined, name: string, unit: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new StartupError(`${name} must be a positive number of ${unit}, not "${raw}".`);
  return value;
}

function workers(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of workers (1 or more), not "${raw}"`);
  return value;
}

function milliseconds(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : seconds * 1000;
}

function redeliveryInterval(raw: string | undefined): number | undefined {
  const minutes = count(raw, "CONCORD_REDELIVER_MINUTES") ?? 10;
  return minutes > 0 ? minutes * 60_000 : undefined;
}

function count(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new StartupError(`${name} must be a whole number (0 or more), not "${raw}".`);
  return value;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
