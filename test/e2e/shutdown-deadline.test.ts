import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub, type RecordedRequest } from "../helpers/fake-github.js";
import { freePort } from "../helpers/free-port.js";
import { examplePayload } from "../helpers/payloads.js";
import { installedAppEnv, spawnConcord, type ConcordProcess } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const SHUTDOWN_SECONDS = 2;

/**
 * The server's own process: `npm start` leads the process group and runs `node dist/main.js` in it.
 * SIGTERM goes to that process alone, as Docker sends it to the container's node.
 */
function serverPid(group: number): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pgrp is the 5th field; the command name before it may hold spaces, so count from the closing parenthesis.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      // Not the `sh -c "node dist/main.js"` npm may start it through: node itself.
      const argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (pgrp === group && /(^|\/)node$/.test(argv[0] ?? "") && argv.includes("dist/main.js")) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** GitHub's check runs, kept as GitHub keeps them: created once, listed by SHA, updated in place. */
function checkRunsApi() {
  const runs: { id: number; name: string; head_sha: string; status: string; conclusion?: string }[] = [];
  return {
    runs,
    respond(req: RecordedRequest) {
      if (req.method === "GET" && req.path.includes(`/commits/${HEAD}/check-runs`)) return { status: 200, body: { total_count: runs.length, check_runs: runs } };
      if (req.method === "POST" && req.path.endsWith("/check-runs")) {
        const run = { id: runs.length + 1, name: req.body.name, head_sha: req.body.head_sha, status: req.body.status };
        runs.push(run);
        return { status: 201, body: run };
      }
      const patch = /\/check-runs\/(\d+)$/.exec(req.path);
      if (req.method === "PATCH" && patch) {
        const run = runs.find((candidate) => candidate.id === Number(patch[1]));
        if (!run) return { status: 404 };
        Object.assign(run, { status: req.body.status ?? run.status, conclusion: req.body.conclusion ?? run.conclusion });
        return { status: 200, body: run };
      }
      return undefined;
    },
  };
}

describe("SIGTERM while a job waits on GitHub", () => {
  let processes: ConcordProcess[] = [];
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const running of processes) {
      if (running.child.pid) {
        try {
          process.kill(-running.child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    for (const step of cleanup.reverse()) await step();
    processes = [];
    cleanup = [];
  });

  it(`exits within the deadline (${SHUTDOWN_SECONDS} s), and the unfinished delivery runs again on the next start`, async () => {
    let githubHangs = true;
    const checks = checkRunsApi();
    const github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "GET" && req.path.includes("/pulls/2/files")) return githubHangs ? "hang" : { status: 200, body: [] };
      return checks.respond(req);
    });
    cleanup.push(() => github.close());
    const dir = await mkdtemp(join(tmpdir(), "concord-shutdown-"));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    const port = await freePort();
    const env = { ...installedAppEnv({ port, githubHost: github.host, dir }), CONCORD_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS) };
    const url = `http://127.0.0.1:${port}`;
    const up = (concord: ConcordProcess) =>
      waitFor(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 30_000).catch((error: unknown) => {
        throw new Error(`the server did not come up: ${String(error)}\n${concord.output()}`);
      });
    const filesAsked = () => github.requests.filter((req) => req.path.includes("/pulls/2/files")).length;

    const first = spawnConcord(env);
    processes.push(first);
    await up(first);
    expect((await deliver(url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-at-shutdown" })).status).toBe(200);
    await waitFor(() => (filesAsked() === 1 ? true : undefined), 15_000);
    const pid = serverPid(first.child.pid!);
    expect(pid).toBeDefined();

    const signalled = Date.now();
    process.kill(pid!, "SIGTERM");
    const code = await Promise.race([first.exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 20_000))]);
    const tookMs = Date.now() - signalled;

    expect(code, first.output()).toBe(0);
    // The deadline, plus closing the store and the process's own exit, on a busy machine.
    expect(tookMs).toBeLessThan(SHUTDOWN_SECONDS * 1000 + 4_000);
    expect(tookMs).toBeGreaterThanOrEqual(SHUTDOWN_SECONDS * 1000 - 200);

    githubHangs = false;
    const second = spawnConcord(env);
    processes.push(second);
    await up(second);
    const completed = await waitFor(() => checks.runs.find((run) => run.status === "completed"), 30_000).catch((error: unknown) => {
      throw new Error(`the delivery never ran again: ${String(error)}\n${second.output()}`);
    });

    expect(filesAsked()).toBe(2);
    expect(completed).toMatchObject({ name: "Concord / tech debt", head_sha: HEAD });
    expect(checks.runs).toHaveLength(1);
  }, 120_000);
});
