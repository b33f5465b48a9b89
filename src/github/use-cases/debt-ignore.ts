import { z } from "zod";
import { findGlobProblem, MAX_GLOBS } from "../../config/safe-glob.js";
import type { Logger } from "../../ports/logger.js";
import { defineKey, type KeyedState } from "../../state/keyed-state.js";

// Read leniently: a list stored under older rules (more globs, globs refused today) must still load,
// so the merge below can leave its bad parts out instead of failing every check.
const IGNORED = defineKey<string, string[]>("debt-ignore", z.array(z.string()), (repo) => repo);

export type AddIgnoredGlobResult =
  | { readonly added: true; readonly count: number }
  | { readonly added: false; readonly reason: "already-ignored" | "list-full"; readonly count: number };

/** Globs added with `/debt ignore`, on top of the config's techDebt.ignore. */
export async function ignoredGlobs(state: KeyedState, repo: string): Promise<string[]> {
  return (await state.get(IGNORED, repo)) ?? [];
}

/**
 * Adds a glob while the repository's whole ignore list — the config's globs (`inConfig`) and the
 * command's — stays within MAX_GLOBS, the limit techDebt.ignore has in the config. Compare-and-set,
 * so concurrent commands all land, or are refused, each once. `count` is the whole list afterwards.
 */
export async function addIgnoredGlob(state: KeyedState, repo: string, glob: string, inConfig: readonly string[] = []): Promise<AddIgnoredGlobResult> {
  let reason: "already-ignored" | "list-full" | undefined;
  const { value = [] } = await state.update(IGNORED, repo, (globs = []) => {
    reason = undefined;
    if (globs.includes(glob) || inConfig.includes(glob)) reason = "already-ignored";
    // The merge is the exact count; the sum bounds it and keeps this compare-and-set step short.
    else if (globs.length + inConfig.length >= MAX_GLOBS && mergeIgnoreGlobs(inConfig, globs).globs.length >= MAX_GLOBS) reason = "list-full";
    return reason === undefined ? [...globs, glob] : undefined;
  });
  const count = mergeIgnoreGlobs(inConfig, value).globs.length;
  return reason === undefined ? { added: true, count } : { added: false, reason, count };
}

/**
 * The ignore list a check runs with: the config's globs, then the command's, each once. Stored globs
 * that today's rules refuse, and any past MAX_GLOBS, are left out, so a list saved before a limit
 * existed can never fail every check.
 */
export function mergeIgnoreGlobs(inConfig: readonly string[], added: readonly string[]): { globs: string[]; dropped: string[] } {
  const globs = [...new Set(inConfig)].slice(0, MAX_GLOBS);
  const dropped: string[] = [];
  for (const glob of added) {
    if (globs.includes(glob)) continue;
    if (globs.length >= MAX_GLOBS || findGlobProblem(glob) !== undefined) dropped.push(glob);
    else globs.push(glob);
  }
  return { globs, dropped };
}

/** The merged list for a repository, logging what was left out. */
export async function repositoryIgnoreGlobs(state: KeyedState, repo: string, inConfig: readonly string[], log: Logger): Promise<string[]> {
  const { globs, dropped } = mergeIgnoreGlobs(inConfig, await ignoredGlobs(state, repo));
  if (dropped.length > 0) log.warn({ repo, dropped: dropped.map((glob) => glob.slice(0, 100)) }, "ignore globs added by /debt ignore left out: invalid or over the limit");
  return globs;
}
