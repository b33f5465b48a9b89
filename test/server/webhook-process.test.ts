import { createHmac } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { startFakeGitHub } from "../helpers/fake-github.js";
import { examplePayload } from "../helpers/payloads.js";
import { startInstalledConcord, type InstalledConcord } from "../helpers/spawn-concord.js";
import { WEBHOOK_SECRET } from "../helpers/test-probot.js";

const MB = 1024 * 1024;

/**
 * A real push payload grown to about `size` bytes the way big pushes are: 2,048 commits (GitHub's
 * most), each listing the files it touched. It is a push to a feature branch, so processing it is quick.
 */
function bigPush(size: number): Buffer {
  const payload = examplePayload("push", undefined, 4);
  payload.ref = "refs/heads/feature";
  const [commit] = payload.commits;
  const filesPerCommit = Math.ceil(size / 2048 / 64);
  payload.commits = Array.from({ length: 2048 }, (_, i) => ({
    ...commit,
    id: i.toString(16).padStart(40, "0"),
    modified: Array.from({ length: filesPerCommit }, (_, f) => `packages/module-${i}/src/some/deeper/folder/file-${f}.ts`.padEnd(60, "x")),
  }));
  return Buffer.from(JSON.stringify(payload));
}

/** The largest resident-memory high-water mark (VmHWM) of a node process in `npm start`'s tree, in MB. */
async function peakNodeRssMb(rootPid: number): Promise<number> {
  const status = await readFile(`/proc/${rootPid}/status`, "utf8").catch(() => "");
  const own = /Name:\s+node/.test(status) ? Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024 : 0;
  const children = (await readFile(`/proc/${rootPid}/task/${rootPid}/children`, "utf8").catch(() => "")).split(" ").filter(Boolean);
  const theirs = await Promise.all(children.map((child) => peakNodeRssMb(Number(child))));
  return Math.max(own, ...theirs);
}

describe("the webhook endpoint of the real server process (npm start)", () => {
  let concord: InstalledConcord;
  let github: Awaited<ReturnType<typeof startFakeGitHub>>;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    github = await startFakeGitHub(() => undefined);
    dir = await mkdtemp(join(tmpdir(), "concord-webhooks-"));
    concord = await startInstalledConcord({ githubHost: github.host, dir, env: { WEBHOOK_SECRETS_PREVIOUS: "last-year" } });
    url = concord.url;
  }, 60_000);

  afterAll(async () => {
    await concord.stop();
    await github.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("16 signed 24 MB deliveries at once: each is stored and acknowledged within GitHub's 10 s, in bounded memory", async () => {
    const body = bigPush(24 * MB);
    const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
    const started = performance.now();

    const acks = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const response = await fetch(`${url}/api/github/webhooks`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": `big-${i}`, "x-hub-signature-256": signature },
          body,
        });
        return { status: response.status, text: await response.text(), ms: Math.round(performance.now() - started) };
      }),
    );
    const peakMb = Math.round(await peakNodeRssMb(concord.child.pid!));

    const slowest = Math.max(...acks.map((ack) => ack.ms));
    expect(acks.map((ack) => ack.status)).toEqual(Array(16).fill(200));
    // Before: the slowest ack took 10.3 s (13–21 s on a busy 2-core machine) and the server peaked at 1.1–1.3 GB.
    expect(slowest, `slowest ack ${slowest} ms`).toBeLessThan(10_000);
    expect(peakMb, `peak RSS ${peakMb} MB`).toBeLessThan(900);
    expect(new Set(acks.map((ack) => ack.text))).toEqual(new Set(["inserted\n"]));
    expect(body.length).toBeGreaterThan(23 * MB);
  }, 60_000);

  it("accepts a delivery signed with a secret from WEBHOOK_SECRETS_PREVIOUS during a rotation, and refuses any other", async () => {
    const payload = examplePayload("issues", "pinned");

    const previous = await deliver(url, "issues", payload, { secret: "last-year" });
    const stranger = await deliver(url, "issues", payload, { secret: "guessed" });

    expect([previous.status, stranger.status]).toEqual([200, 400]);
  });
});
