import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { freePort } from "../helpers/free-port.js";

it("npm start without credentials serves Probot's setup page, which registers the app from app.yml", async () => {
  const dir = await mkdtemp(join(tmpdir(), "concord-setup-"));
  const port = await freePort();
  const child = spawn("npm", ["start"], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), CONCORD_DB: join(dir, "c.db"), LOG_LEVEL: "warn" },
    detached: true,
    stdio: "ignore",
  });
  try {
    let page: Response | undefined;
    for (let i = 0; i < 150 && !page; i++) {
      page = await fetch(`http://localhost:${port}/probot`).catch(() => undefined);
      if (!page) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const html = await page!.text();
    const root = await fetch(`http://localhost:${port}/`, { redirect: "manual" });

    expect(page!.status).toBe(200);
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/probot");
    // The manifest posted to GitHub carries app.yml's permissions and events.
    expect(html).toContain("pull_request_review");
    expect(html).toContain("checks");
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);
