import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, onTestFinished } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub, type RecordedRequest } from "../helpers/fake-github.js";
import { addedPatch } from "../helpers/github-files.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
/** More files than the scanner reads at once (8), so reading every one would take several rounds of the client's retries. */
const FILES = Array.from({ length: 24 }, (_, i) => `src/file-${String(i).padStart(2, "0")}.ts`);

/** Every check-run write GitHub receives, with when it came. */
function checkRunsApi() {
  const writes: { at: number; status: string | undefined; conclusion: string | undefined; title: string | undefined }[] = [];
  return {
    writes,
    respond(req: RecordedRequest) {
      if (req.method === "GET" && req.path.includes(`/commits/${HEAD}/check-runs`)) return { status: 200, body: { total_count: 0, check_runs: [] } };
      const write = req.method === "POST" ? /\/check-runs$/.test(req.path) : req.method === "PATCH" && /\/check-runs\/1$/.test(req.path);
      if (!write) return undefined;
      writes.push({ at: Date.now(), status: req.body?.status, conclusion: req.body?.conclusion, title: req.body?.output?.title });
      return { status: req.method === "POST" ? 201 : 200, body: { id: 1 } };
    },
  };
}

describe("contents always 500 on the head side, through the real server and its GitHub client (retries on)", () => {
  it("the check settles neutral after one file's retries, naming the files, and the delivery's retries never set it spinning again", async () => {
    const checks = checkRunsApi();
    const github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "GET" && req.path.includes("/pulls/2/files")) {
        return { status: 200, body: FILES.map((filename) => ({ filename, status: "added", patch: addedPatch("export const x = 1;\n") })) };
      }
      if (req.method === "GET" && req.path.includes("/contents/src%2F")) return { status: 500, body: { message: "Server Error" } };
      return checks.respond(req);
    });
    onTestFinished(() => github.close());
    const dir = await mkdtemp(join(tmpdir(), "concord-unserved-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const concord = await startInstalledConcord({ githubHost: github.host, dir });
    onTestFinished(() => concord.stop());

    const delivered = Date.now();
    expect((await deliver(concord.url, "pull_request", examplePayload("pull_request", "opened"))).status).toBe(200);
    const settled = await waitFor(() => checks.writes.find((write) => write.status === "completed"), 60_000).catch((error: unknown) => {
      throw new Error(`the check never completed: ${String(error)}\n${concord.output()}`);
    });
    // The delivery's first retry comes 2 s after the failure and used to set the check in progress at once.
    await sleep(5_000);

    // One file's retries take about 14 s (1 + 4 + 9 s between the client's attempts); all 24 files took three rounds of them.
    expect(settled.at - delivered).toBeLessThan(30_000);
    expect(settled).toMatchObject({ conclusion: "neutral", title: "Comparison unknown: 24 files not read at head" });
    expect(checks.writes.filter((write) => write.at > settled.at && write.status !== "completed")).toEqual([]);
    const contentReads = github.requests.filter((req) => req.path.includes("/contents/src%2F"));
    expect(new Set(contentReads.map((req) => req.path.split("?")[0])).size).toBeLessThanOrEqual(8);
  }, 120_000);
});
