import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { fakeCheckRuns } from "../helpers/fake-check-runs.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { fileContents } from "../helpers/github-files.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

const COMPLEX = readFileSync(new URL("../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

describe("kill -9 in the middle of an agent task", () => {
  it("after a restart the task runs to the end once, and its check run is one run, completed", async () => {
    // The process to kill, known once it is up (the fake GitHub is started first).
    const target: { pid?: number } = {};
    let killed = false;
    const checks = fakeCheckRuns(HEAD);
    const github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "GET" && req.path.includes("/pulls/2/files")) {
        return { status: 200, body: [{ filename: "src/route.ts", status: "added", patch: `@@ -0,0 +1,3 @@\n+a\n+b\n+c` }] };
      }
      if (req.method === "GET" && req.path.includes("/contents/src%2Froute.ts")) {
        if (!killed && target.pid !== undefined) {
          // The agent is reading the PR's files on its worker thread: the whole process dies now.
          killed = true;
          process.kill(-target.pid, "SIGKILL");
          return { status: 500 };
        }
        return { status: 200, body: fileContents(COMPLEX) };
      }
      return checks.respond(req);
    });
    onTestFinished(() => github.close());
    const dir = await mkdtemp(join(tmpdir(), "concord-kill-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));

    const concord = await startInstalledConcord({ githubHost: github.host, dir });
    onTestFinished(() => concord.stop());
    target.pid = concord.child.pid;
    expect((await deliver(concord.url, "pull_request", examplePayload("pull_request", "opened"), { id: "pr-kill" })).status).toBe(200);
    await concord.exited;
    expect(killed).toBe(true);
    expect(checks.runs).toEqual([expect.objectContaining({ status: "in_progress" })]);

    const restarted = await startInstalledConcord({ githubHost: github.host, dir });
    onTestFinished(() => restarted.stop());
    const completed = await waitFor(() => checks.runs.find((run) => run.status === "completed"), 60_000).catch((error: unknown) => {
      throw new Error(`the check never completed: ${String(error)}\n${restarted.output()}`);
    });

    expect(completed).toMatchObject({ name: "Concord / tech debt", head_sha: HEAD, conclusion: "failure" });
    expect(checks.runs).toHaveLength(1);
    expect(github.requests.filter((req) => req.method === "POST" && req.path.endsWith("/check-runs"))).toHaveLength(1);
    // Once completed, nothing moves it again (no second run of the task reaching GitHub).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(github.requests.filter((req) => req.method === "PATCH" && req.body?.status === "completed")).toHaveLength(1);
  }, 120_000);
});
