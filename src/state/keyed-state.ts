import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";
import { TransientError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { KeyValueStore } from "../ports/store.js";

/**
 * A kind of small keyed state (a pause flag per thread, a PR's head, a repository's extra ignore
 * globs): its name, the schema of its value and how its key is built. Declared once with
 * defineKey; stored as JSON under "<name>:<key>" in the KeyValueStore, and read back through the
 * schema, so no caller sees raw prefix strings or casts.
 */
export interface StateKey<K, V> {
  readonly name: string;
  readonly schema: z.ZodType<V>;
  readonly keyOf: (key: K) => string;
}

export function defineKey<K, V>(name: string, schema: z.ZodType<V>, keyOf: (key: K) => string): StateKey<K, V> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new RangeError(`state key names are lower-case words with dashes, not "${name}"`);
  return { name, schema, keyOf };
}

const MAX_ATTEMPTS = 20;
/** Upper bound of the random pause before another attempt, in ms. */
const MAX_PAUSE_MS = 100;

export class KeyedState {
  constructor(
    private readonly store: KeyValueStore,
    private readonly clock: Clock,
  ) {}

  async get<K, V>(kind: StateKey<K, V>, key: K): Promise<V | undefined> {
    const raw = await this.store.getValue(storageKey(kind, key));
    return raw === undefined ? undefined : decode(kind, raw);
  }

  async set<K, V>(kind: StateKey<K, V>, key: K, value: V): Promise<void> {
    await this.store.setValue(storageKey(kind, key), encode(kind, value), this.#now());
  }

  async delete<K, V>(kind: StateKey<K, V>, key: K): Promise<void> {
    await this.store.deleteValue(storageKey(kind, key));
  }

  /**
   * Read-modify-write with compare-and-set, retried when another writer got there first
   * (replicas, concurrent deliveries). `change` returns the new value, or undefined to leave the
   * current one. Resolves to the value that stands afterwards and whether this call wrote it.
   */
  async update<K, V>(kind: StateKey<K, V>, key: K, change: (current: V | undefined) => V | undefined): Promise<{ value: V | undefined; written: boolean }> {
    const name = storageKey(kind, key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const raw = await this.store.getValue(name);
      const current = raw === undefined ? undefined : decode(kind, raw);
      const next = change(current);
      if (next === undefined) return { value: current, written: false };
      if (await this.store.compareAndSet(name, raw, encode(kind, next), this.#now())) return { value: next, written: true };
      // Writers that lost together would meet again at once: a random, growing pause spreads them out.
      await sleep(Math.random() * Math.min(MAX_PAUSE_MS, 2 ** attempt));
    }
    throw new TransientError(`too much contention on ${name}`);
  }

  /** Replaces `expected` by `value` (or removes the entry when value is undefined), only if `expected` still stands. */
  async restore<K, V>(kind: StateKey<K, V>, key: K, expected: V, value: V | undefined): Promise<void> {
    const name = storageKey(kind, key);
    const raw = await this.store.getValue(name);
    if (raw !== encode(kind, expected)) return;
    if (value === undefined) await this.store.deleteValue(name);
    else await this.store.compareAndSet(name, raw, encode(kind, value), this.#now());
  }

  #now(): string {
    return this.clock.now().toISOString();
  }
}

function storageKey<K, V>(kind: StateKey<K, V>, key: K): string {
  return `${kind.name}:${kind.keyOf(key)}`;
}

function encode<K, V>(kind: StateKey<K, V>, value: V): string {
  return JSON.stringify(kind.schema.parse(value));
}

/** A value that no longer reads (an older format, a hand edit) counts as absent, and the next write replaces it. */
function decode<K, V>(kind: StateKey<K, V>, raw: string): V | undefined {
  try {
    const parsed = kind.schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
