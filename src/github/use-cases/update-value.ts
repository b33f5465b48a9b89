import { TransientError } from "../../errors.js";
import type { KeyValueStore } from "../../ports/store.js";

const MAX_ATTEMPTS = 20;

/**
 * Read-modify-write of one stored value with compare-and-set, retried when another writer got
 * there first (replicas, concurrent deliveries). `change` returns the new value, or undefined to
 * leave the current one. Resolves to the value that stands afterwards and whether this call wrote it.
 */
export async function updateValue(
  store: KeyValueStore,
  key: string,
  at: string,
  change: (current: string | undefined) => string | undefined,
): Promise<{ value: string | undefined; written: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const current = await store.getValue(key);
    const next = change(current);
    if (next === undefined) return { value: current, written: false };
    if (await store.compareAndSet(key, current, next, at)) return { value: next, written: true };
  }
  throw new TransientError(`too much contention on ${key}`);
}
