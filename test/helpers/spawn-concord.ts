import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { privateKey, WEBHOOK_SECRET } from "./test-probot.js";
import { waitFor } from "./wait-for.js";

export interface ConcordProcess {
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
  /** SIGKILL to the whole process group, for a process that may not end on SIGTERM. */
  kill(): Promise<void>;
}

/**
 * `npm start` in its own process group, as the README says, with exactly `env` as its environment;
 * `as` runs it as another user (a root test run needs one for file permissions to apply).
 */
export function spawnConcord(env: NodeJS.ProcessEnv, as: { uid: number; gid: number } | undefined = undefined): ConcordProcess {
  const child = spawn("npm", ["start"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    detached: true,
    ...as,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
      await exited;
    },
    async kill() {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // The group has ended already.
      }
      await exited;
    },
  };
}

/** The environment of an installed app on loopback `port`, talking to a fake GitHub at `githubHost`, its SQLite file in `dir`. */
export function installedAppEnv(options: { port: number; githubHost: string; dir: string }): NodeJS.ProcessEnv {
  return {
    APP_ID: "123",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    PORT: String(options.port),
    HOST: "127.0.0.1",
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: "http",
    CONCORD_DB: join(options.dir, "concord.db"),
    LOG_LEVEL: "warn",
    // Off unless a test asks: a pass at start would read the fake's delivery log.
    CONCORD_REDELIVER_MINUTES: "0",
  };
}

export type InstalledConcord = ConcordProcess & { url: string };

export interface InstalledConcordOptions {
  githubHost: string;
  dir: string;
  /** Added to installedAppEnv's environment, or overriding it. */
  env?: NodeJS.ProcessEnv;
  as?: { uid: number; gid: number };
  /** Which /healthz answer means the server is up; any 2xx unless told. */
  ready?: (health: Response) => boolean;
}

/**
 * `npm start` as an installed app on a free loopback port, resolved once /healthz answers. A server
 * that is not up within 30 s is killed, and the error carries its output.
 */
export async function startInstalledConcord(options: InstalledConcordOptions): Promise<InstalledConcord> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ready = options.ready ?? ((health: Response) => health.ok);
  const concord = spawnConcord({ ...installedAppEnv({ port, githubHost: options.githubHost, dir: options.dir }), ...options.env }, options.as);
  try {
    await waitFor(async () => (ready(await fetch(`${url}/healthz`)) ? true : undefined), 30_000);
  } catch (error) {
    await concord.kill();
    throw new Error(`the server did not come up: ${String(error)}\n${concord.output()}`, { cause: error });
  }
  return { ...concord, url };
}
