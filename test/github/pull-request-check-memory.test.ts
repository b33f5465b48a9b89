import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { freePort } from "../helpers/free-port.js";
import { generatedJavaScript } from "../helpers/generated-javascript.js";
import { examplePayload } from "../helpers/payloads.js";
import { canReadProcessMemory, peakRssMb, watchTreeRss } from "../helpers/process-memory.js";
import { startPullRequestGitHub, type PullRequestGitHub } from "../helpers/pull-request-github.js";
import { installedAppEnv } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
/** Each changed file: generated application code just under the scanner's 1 MB limit, changed in every eighth function. */
const FILE_BYTES = 1_000_000;
/**
 * The PR has 300 such files, and its check must stay within 1 GB; that run takes minutes, so
 * this one has 12 (12 MB a side: like the 300, more than one run of duplicate detection may read).
 * What the fixed check holds grows by about 0.8 MB per file (the findings of both sides: 442 MB with
 * 12 files, 671 MB with 300), so the bound scales to 1024 − 288 × 0.8 ≈ 790 MB. Before the fix the
 * same 12 files took 965 MB (jscpd alone 460 MB); the 300 took more than 1 GB in the server and
 * about 11 GB in jscpd. The figures are in the README.
 */
const FILES = 12;
const BOUND_MB = 790;

describe.skipIf(!canReadProcessMemory)("a pull request check on a PR of many large files", () => {
  let github: PullRequestGitHub;
  let server: ChildProcess;
  let dir: string;
  let url: string;
  let output = "";

  beforeAll(async () => {
    const files = Array.from({ length: FILES }, (_, index) => `src/module-${String(index).padStart(3, "0")}.js`);
    github = await startPullRequestGitHub({ files, headSha: HEAD, baseSha: BASE, text: (path, sha) => generatedJavaScript(path, FILE_BYTES, sha === HEAD ? 1 : 0) });
    dir = await mkdtemp(join(tmpdir(), "concord-big-pr-"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    // `npm start` is `node dist/main.js`; started without npm, so the process measured is the server itself.
    server = spawn(process.execPath, ["dist/main.js"], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...installedAppEnv({ port, githubHost: github.host, dir }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 30_000).catch((error: unknown) => {
      throw new Error(`server did not come up: ${String(error)}\n${output}`);
    });
  }, 60_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`completes with the server's memory (jscpd included) under ${BOUND_MB} MB`, async () => {
    const tree = watchTreeRss(server.pid!);

    expect((await deliver(url, "pull_request", examplePayload("pull_request", "opened"))).status).toBe(200);
    const check = await waitFor(() => github.checkRuns.find((run) => run.status === "completed"), 150_000).catch((error: unknown) => {
      throw new Error(`the check never completed: ${String(error)}\n${output}\nunknown requests: ${github.unknown.join(", ")}`);
    });
    tree.stop();

    // A verdict on both sides read in full ("… new debt items, … worsened"), not "Analysis did not finish".
    expect(check.output?.title).toMatch(/^\d+ new debt items, \d+ worsened/);
    expect(peakRssMb(server.pid!)).toBeLessThan(BOUND_MB);
    expect(tree.peakMb()).toBeLessThan(BOUND_MB);
  }, 180_000);
});
