import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord, type InstalledConcord } from "../helpers/spawn-concord.js";
import { unprivilegedUser } from "../helpers/unprivileged-user.js";
import { waitFor } from "../helpers/wait-for.js";

let dir: string;
let concord: InstalledConcord;
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
let url: string;

/** The database file and its WAL companions. */
async function chmodDatabase(mode: number): Promise<void> {
  for (const name of await readdir(dir)) if (name.startsWith("concord.db")) await chmod(join(dir, name), mode);
}

async function health(): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  github = await startFakeGitHub((req) => {
    if (req.method === "POST" && req.path.endsWith("/access_tokens")) return { status: 201, body: { token: "t", expires_at: "2099-01-01T00:00:00Z" } };
    if (req.method === "POST" && req.path.includes("/reactions")) return { status: 201, body: { id: 1 } };
    if (req.method === "GET" && req.path.includes("/issues/1/comments")) return { status: 200, body: [] };
    if (req.method === "POST" && req.path.endsWith("/issues/1/comments")) return { status: 201, body: { id: 10 } };
    return undefined;
  });
  dir = await mkdtemp(join(tmpdir(), "concord-readonly-"));
  await chmod(dir, 0o777);
  // A migrated database from an earlier run, then made read-only for the user the server runs as.
  await (await openSqliteStore(join(dir, "concord.db"))).close();
  await chmodDatabase(0o444);
  // Up means answering at all: a read-only store is what /healthz is to report (503).
  concord = await startInstalledConcord({ githubHost: github.host, dir, env: { HOME: dir }, as: unprivilegedUser(), ready: () => true });
  url = concord.url;
}, 60_000);

afterAll(async () => {
  await concord.stop();
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

it("a database file that is read-only at start: /healthz says so and webhooks get 5xx; once it is writable again both recover without a restart", async () => {
  const payload = examplePayload("issue_comment", "created");
  payload.comment.body = "/help";

  const readOnly = await health();
  const refused = await deliver(url, "issue_comment", payload, { id: "while-read-only" });
  await chmodDatabase(0o666);
  const writable = await health();
  const accepted = await deliver(url, "issue_comment", payload, { id: "after-the-fix" });
  await waitFor(() => github.requests.find((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments")), 15_000);

  expect(readOnly.status).toBe(503);
  expect(readOnly.body.problems).toEqual(["Deliveries cannot be stored: attempt to write a readonly database."]);
  expect(refused.status).toBeGreaterThanOrEqual(500);
  expect(writable).toMatchObject({ status: 200, body: { status: "ok" } });
  expect(accepted.status).toBe(200);
});
