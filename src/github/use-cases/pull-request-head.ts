import type { Runtime } from "../../runtime/create-runtime.js";

interface HeadRecord {
  sha: string;
  /** The PR's updated_at when this head was seen; GitHub may deliver events out of order. */
  updatedAt: string;
}

const keyOf = (repo: string, number: number) => `pr-head:${repo}#${number}`;

/**
 * Records the head SHA an event describes unless a newer one is already known. Returns false for
 * a stale event (an older synchronize arriving late), whose results must not replace newer ones.
 */
export async function recordPullRequestHead(runtime: Pick<Runtime, "store" | "clock">, repo: string, number: number, head: HeadRecord): Promise<boolean> {
  const key = keyOf(repo, number);
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await runtime.store.getValue(key);
    if (current !== undefined) {
      const known = JSON.parse(current) as HeadRecord;
      if (known.sha === head.sha) return true;
      if (known.updatedAt > head.updatedAt) return false;
    }
    if (await runtime.store.compareAndSet(key, current, JSON.stringify(head), runtime.clock.now().toISOString())) return true;
  }
  return false;
}

/** Whether `sha` is still the newest head known for the PR; checked again before results are written. */
export async function isCurrentHead(runtime: Pick<Runtime, "store">, repo: string, number: number, sha: string): Promise<boolean> {
  const current = await runtime.store.getValue(keyOf(repo, number));
  return current === undefined || (JSON.parse(current) as HeadRecord).sha === sha;
}
