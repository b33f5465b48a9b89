import type { Runtime } from "../../runtime/create-runtime.js";
import { updateValue } from "./update-value.js";

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
  const { value } = await updateValue(runtime.store, keyOf(repo, number), runtime.clock.now().toISOString(), (current) => {
    if (current === undefined) return JSON.stringify(head);
    const known = JSON.parse(current) as HeadRecord;
    return known.sha === head.sha || known.updatedAt > head.updatedAt ? undefined : JSON.stringify(head);
  });
  return value !== undefined && (JSON.parse(value) as HeadRecord).sha === head.sha;
}

/** Whether `sha` is still the newest head known for the PR; checked again before results are written. */
export async function isCurrentHead(runtime: Pick<Runtime, "store">, repo: string, number: number, sha: string): Promise<boolean> {
  const current = await runtime.store.getValue(keyOf(repo, number));
  return current === undefined || (JSON.parse(current) as HeadRecord).sha === sha;
}
