import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { addedPatch, fileContents } from "../helpers/github-files.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord } from "../helpers/spawn-concord.js";
import { waitFor } from "../helpers/wait-for.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

describe("npm start against a GitHub that never answers the completing PATCH of a check", () => {
  it("gives up after CONCORD_GITHUB_TIMEOUT_SECONDS and ends the check neutral with the reason", async () => {
    const neutral: { summary: string }[] = [];
    const github = await startFakeGitHub((req) => {
      if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
      if (req.method === "GET" && req.path.includes("/pulls/2/files")) return { status: 200, body: [{ filename: "src/add.ts", status: "added", patch: addedPatch(CLEAN) }] };
      if (req.method === "GET" && req.path.includes("/contents/src%2Fadd.ts")) return { status: 200, body: fileContents(CLEAN) };
      if (req.method === "GET" && req.path.includes(`/commits/${HEAD}/check-runs`)) return { status: 200, body: { total_count: 0, check_runs: [] } };
      if (req.method === "POST" && req.path.endsWith("/check-runs")) return { status: 201, body: { id: 31 } };
      if (req.method === "PATCH" && req.path.endsWith("/check-runs/31")) {
        if (req.body.conclusion !== "neutral") return req.body.status === "completed" ? "hang" : { status: 200, body: {} };
        neutral.push(req.body.output);
        return { status: 200, body: {} };
      }
      return undefined;
    });
    onTestFinished(() => github.close());
    const dir = await mkdtemp(join(tmpdir(), "concord-deadline-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const concord = await startInstalledConcord({ githubHost: github.host, dir, env: { CONCORD_GITHUB_TIMEOUT_SECONDS: "1" } });
    onTestFinished(() => concord.kill());
    const delivered = Date.now();

    expect((await deliver(concord.url, "pull_request", examplePayload("pull_request", "opened"))).status).toBe(200);
    const ended = await waitFor(() => neutral[0], 20_000).catch((error: unknown) => {
      throw new Error(`the check never ended: ${String(error)}\n${concord.output()}`);
    });

    expect(ended.summary).toContain("GitHub did not answer PATCH /api/v3/repos/Codertocat/Hello-World/check-runs/31 within 1 s");
    // One timeout plus the analysis, on a busy machine: far from the HTTP client's own 300 s.
    expect(Date.now() - delivered).toBeLessThan(15_000);
  }, 60_000);
});
