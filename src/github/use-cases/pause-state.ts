import type { Runtime } from "../../runtime/create-runtime.js";

export interface ThreadKey {
  repo: string;
  number: number;
}

const keyOf = (thread: ThreadKey) => `paused:${thread.repo}#${thread.number}`;

/** `/concord pause` silences automatic activity on one PR or issue until `/concord resume`. */
export async function setPaused(runtime: Pick<Runtime, "store" | "clock">, thread: ThreadKey, paused: boolean, by: string): Promise<void> {
  if (paused) await runtime.store.setValue(keyOf(thread), JSON.stringify({ by }), runtime.clock.now().toISOString());
  else await runtime.store.deleteValue(keyOf(thread));
}

export async function isPaused(runtime: Pick<Runtime, "store">, thread: ThreadKey): Promise<boolean> {
  return (await runtime.store.getValue(keyOf(thread))) !== undefined;
}
