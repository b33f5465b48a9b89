import type { Runtime } from "../../runtime/create-runtime.js";
import { updateValue } from "./update-value.js";

const keyOf = (repo: string) => `debt-ignore:${repo}`;
const parseGlobs = (value: string | undefined): string[] => (value ? (JSON.parse(value) as string[]) : []);

/** Globs added with `/debt ignore`, on top of the config's techDebt.ignore. */
export async function ignoredGlobs(runtime: Pick<Runtime, "store">, repo: string): Promise<string[]> {
  return parseGlobs(await runtime.store.getValue(keyOf(repo)));
}

/** Adds a glob (compare-and-set, so two concurrent commands both land). Returns the list now stored. */
export async function addIgnoredGlob(runtime: Pick<Runtime, "store" | "clock">, repo: string, glob: string): Promise<string[]> {
  const { value } = await updateValue(runtime.store, keyOf(repo), runtime.clock.now().toISOString(), (current) => {
    const globs = parseGlobs(current);
    return globs.includes(glob) ? undefined : JSON.stringify([...globs, glob]);
  });
  return parseGlobs(value);
}
