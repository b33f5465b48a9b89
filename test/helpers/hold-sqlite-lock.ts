import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const betterSqlite3 = createRequire(import.meta.url).resolve("better-sqlite3");

export interface HeldLock {
  /** Commits and ends the other process; resolves once it has exited. */
  release(): Promise<void>;
}

/**
 * Another process opens the SQLite file and holds its write lock (BEGIN IMMEDIATE) until released:
 * what a backup tool, a second Concord or a stray sqlite3 shell does to the server.
 */
export async function holdSqliteWriteLock(file: string): Promise<HeldLock> {
  const script = `
    const Database = require(${JSON.stringify(betterSqlite3)});
    const db = new Database(${JSON.stringify(file)});
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("locked\\n");
    process.stdin.resume();
    process.stdin.on("end", () => { db.exec("COMMIT"); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ["-e", script], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the lock holder exited early (${code})`)));
    child.stdout.once("data", () => resolve());
  });
  return {
    async release() {
      child.stdin.end();
      await exited;
    },
  };
}
