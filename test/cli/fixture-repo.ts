import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/repos/small-ts");

/**
 * A copy of test/fixtures/repos/small-ts in a temporary folder, with the `.txt` suffix dropped
 * from the TypeScript sources (kept in the repo so the project's type-check skips them).
 */
export async function copyFixtureRepo(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "concord-small-ts-"));
  await cp(FIXTURE, dir, { recursive: true });
  for (const entry of await readdir(dir, { recursive: true })) {
    if (entry.endsWith(".ts.txt")) await rename(path.join(dir, entry), path.join(dir, entry.slice(0, -4)));
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs git in `dir` with a fixed identity and no user or system config. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Fixture Author", "-c", "user.email=fixture@example.com", "-c", "commit.gpgsign=false", ...args], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z", GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z" },
  });
}

/** Captures what the CLI writes. */
export function memoryIO(now = new Date("2026-03-01T00:00:00Z"), tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (text: string) => out.push(text) },
      stderr: { write: (text: string) => err.push(text), isTTY: tty },
      cwd: process.cwd(),
      now: () => now,
    },
    stdout: () => out.join(""),
    stderr: () => err.join(""),
  };
}
