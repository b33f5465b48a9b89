import { z } from "zod";
import { defineKey, type KeyedState } from "../../state/keyed-state.js";

export interface ThreadKey {
  repo: string;
  number: number;
}

const PAUSED = defineKey<ThreadKey, { by: string }>("paused", z.object({ by: z.string() }), (thread) => `${thread.repo}#${thread.number}`);

/** `/concord pause` silences automatic activity on one PR or issue until `/concord resume`. */
export async function setPaused(state: KeyedState, thread: ThreadKey, paused: boolean, by: string): Promise<void> {
  if (paused) await state.set(PAUSED, thread, { by });
  else await state.delete(PAUSED, thread);
}

export async function isPaused(state: KeyedState, thread: ThreadKey): Promise<boolean> {
  return (await state.get(PAUSED, thread)) !== undefined;
}
