import type { Runtime } from "../../runtime/create-runtime.js";

const keyOf = (repo: string) => `debt-ignore:${repo}`;

/** Globs added with `/debt ignore`, on top of the config's techDebt.ignore. */
export async function ignoredGlobs(runtime: Pick<Runtime, "store">, repo: string): Promise<string[]> {
  const stored = await runtime.store.getValue(keyOf(repo));
  return stored ? (JSON.parse(stored) as string[]) : [];
}

/** Adds a glob (compare-and-set, so two concurrent commands both land). Returns the new list. */
export async function addIgnoredGlob(runtime: Pick<Runtime, "store" | "clock">, repo: string, glob: string): Promise<string[]> {
  for (;;) {
    const current = await runtime.store.getValue(keyOf(repo));
    const globs = current ? (JSON.parse(current) as string[]) : [];
    if (globs.includes(glob)) return globs;
    const next = [...globs, glob];
    if (await runtime.store.compareAndSet(keyOf(repo), current, JSON.stringify(next), runtime.clock.now().toISOString())) return next;
  }
}
