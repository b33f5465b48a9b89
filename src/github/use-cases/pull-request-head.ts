import { z } from "zod";
import { defineKey, type KeyedState } from "../../state/keyed-state.js";

const HeadRecord = z.object({
  sha: z.string(),
  /** The PR's updated_at when this head was seen; GitHub may deliver events out of order. */
  updatedAt: z.string(),
});
type HeadRecord = z.infer<typeof HeadRecord>;

const PR_HEAD = defineKey<{ repo: string; number: number }, HeadRecord>("pr-head", HeadRecord, (pr) => `${pr.repo}#${pr.number}`);

/**
 * Records the head SHA an event describes unless a newer one is already known. Returns false for
 * a stale event (an older synchronize arriving late), whose results must not replace newer ones.
 * Events are ordered by the PR's updated_at; two heads with the same updated_at cannot be ordered
 * that way, so then the PR itself settles it: `currentHead` reads its head SHA from GitHub.
 */
export async function recordPullRequestHead(state: KeyedState, repo: string, number: number, head: HeadRecord, currentHead: () => Promise<string>): Promise<boolean> {
  let settled: string | undefined;
  for (;;) {
    let tied = false;
    const { value } = await state.update(PR_HEAD, { repo, number }, (known) => {
      if (known === undefined || known.updatedAt < head.updatedAt) return head;
      if (known.sha === head.sha || known.updatedAt > head.updatedAt) return undefined;
      if (settled === undefined) {
        tied = true;
        return undefined;
      }
      return settled === known.sha ? undefined : { sha: settled, updatedAt: head.updatedAt };
    });
    if (!tied) return value?.sha === head.sha;
    settled = await currentHead();
  }
}

/** Whether `sha` is still the newest head known for the PR; checked again before results are written. */
export async function isCurrentHead(state: KeyedState, repo: string, number: number, sha: string): Promise<boolean> {
  const current = await state.get(PR_HEAD, { repo, number });
  return current === undefined || current.sha === sha;
}
