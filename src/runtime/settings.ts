import { readFileSync } from "node:fs";
import path from "node:path";

/** Process settings, read once from the environment at start (the only place that reads it). */
export interface Settings {
  port: number;
  host: string;
  webhookPath: string;
  webhookSecret: string;
  appId?: number;
  privateKey?: string;
  baseUrl?: string;
  sqliteFile: string;
  databaseUrl?: string;
  logLevel: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
  /** GitHub caps payloads at 25 MB; anything larger is refused before it is buffered. */
  maxBodyBytes: number;
  workerConcurrency: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const privateKey = readPrivateKey(env);
  const appId = Number(env.APP_ID);
  const logLevel = env.LOG_LEVEL;
  return {
    port: Number(env.PORT) || 3000,
    host: env.HOST || "0.0.0.0",
    webhookPath: env.WEBHOOK_PATH || "/api/github/webhooks",
    webhookSecret: env.WEBHOOK_SECRET || "development",
    ...(Number.isInteger(appId) && appId > 0 ? { appId } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(env.GHE_HOST ? { baseUrl: `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3` } : {}),
    sqliteFile: path.resolve(cwd, env.CONCORD_DB || "./data/concord.db"),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    logLevel: isLogLevel(logLevel) ? logLevel : "info",
    maxBodyBytes: Number(env.CONCORD_MAX_BODY_BYTES) || 25 * 1024 * 1024,
    workerConcurrency: Number(env.CONCORD_WORKERS) || 2,
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
