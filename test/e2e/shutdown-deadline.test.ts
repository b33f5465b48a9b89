import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { fakeCheckRuns } from "../helpers/fake-check-runs.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord } from "../helpers/spawn-concord.js";
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

describe("SIGTERM while a job waits on GitHub", () => {
  it(`exits within the deadline (${SHUTDOWN_SECONDS} s), and the unfinished delivery runs again on the next start`, async () => {
    let githubHangs = true;
    const checks = fakeCheckRuns(HEAD);
    const github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "GET" && req.path.includes("/pulls/2/files")) return githubHangs ? "hang" : { status: 200, body: [] };
      return checks.respond(req);
    });
    onTestFinished(() => github.close());
    const dir = await mkdtemp(join(tmpdir(), "concord-shutdown-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const start = async () => {
      const concord = await startInstalledConcord({ githubHost: github.host, dir, env: { CONCORD_SHUTDOWN_SECONDS: String(SHUTDOWN_SECONDS) } });
      // SIGKILL: a server that misses its shutdown deadline would not end on SIGTERM either.
      onTestFinished(() => concord.kill());
      return concord;
    };
    const filesAsked = () => github.requests.filter((req) => req.path.includes("/pulls/2/files")).length;

    const first = await start();
    expect((await deliver(first.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-at-shutdown" })).status).toBe(200);
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
    const second = await start();
    const completed = await waitFor(() => checks.runs.find((run) => run.status === "completed"), 30_000).catch((error: unknown) => {
      throw new Error(`the delivery never ran again: ${String(error)}\n${second.output()}`);
    });

    expect(filesAsked()).toBe(2);
    expect(completed).toMatchObject({ name: "Concord / tech debt", head_sha: HEAD });
    expect(checks.runs).toHaveLength(1);
  }, 120_000);
});
