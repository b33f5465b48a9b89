import { chmodSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Root ignores file permissions, so a test about them runs the server as `nobody` when the tests run
 * as root (as in CI); any other user is bound by them already and runs it as itself.
 */
export function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  letOthersReach(process.cwd());
  return { uid: 65534, gid: 65534 };
}

/**
 * `nobody` must reach the checkout to run `npm start` from it, and a clone made by `mktemp -d` is a
 * 0700 folder: each folder on the way gets the search bit for others (never read or write), once.
 */
function letOthersReach(folder: string): void {
  for (let current = folder; ; current = path.dirname(current)) {
    const { mode } = statSync(current);
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    if (path.dirname(current) === current) return;
  }
}
