import { z } from "zod";
import { defineKey, type KeyedState } from "../../state/keyed-state.js";

const IGNORED = defineKey<string, string[]>("debt-ignore", z.array(z.string()), (repo) => repo);

/** Globs added with `/debt ignore`, on top of the config's techDebt.ignore. */
export async function ignoredGlobs(state: KeyedState, repo: string): Promise<string[]> {
  return (await state.get(IGNORED, repo)) ?? [];
}

/** Adds a glob (compare-and-set, so two concurrent commands both land). Returns the list now stored. */
export async function addIgnoredGlob(state: KeyedState, repo: string, glob: string): Promise<string[]> {
  const { value } = await state.update(IGNORED, repo, (globs = []) => (globs.includes(glob) ? undefined : [...globs, glob]));
  return value ?? [];
}
