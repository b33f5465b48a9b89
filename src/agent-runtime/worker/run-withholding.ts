import type { Logger } from "../../ports/logger.js";
import type { TaskResult } from "../../protocol/task.js";
import { OutOfMemoryError } from "./out-of-memory-error.js";
import type { RunOptions } from "./worker-pool.js";

/** Reruns of one job: each leaves out one more file, so a job costs at most this many runs plus one. */
export const MAX_WITHHELD_FILES = 3;

/** One run of the job, with the files to withhold and the pool options of a rerun. */
export type RunJob = (withheld: ReadonlyMap<string, string>, options: Pick<RunOptions, "timeLimitMs" | "first">) => Promise<TaskResult>;

/**
 * Runs a job; when its thread runs out of memory while the agent analyses a file, runs it again
 * with that file withheld (reported skipped for using too much memory), and so on for up to
 * MAX_WITHHELD_FILES files. A rerun goes before waiting jobs and gets only the time the earlier
 * runs left, so a job never holds a thread for longer than one job may. A thread that dies between
 * files, on a file already withheld, or once the reruns are spent fails the job as before.
 */
export async function runWithholding(limits: { maxJobMs: number }, logger: Logger, about: { agentId: string; taskId: string }, run: RunJob): Promise<TaskResult> {
  const withheld = new Map<string, string>();
  let spentMs = 0;
  for (;;) {
    try {
      return await run(withheld, withheld.size === 0 ? {} : { first: true, timeLimitMs: limits.maxJobMs - spentMs });
    } catch (error) {
      if (!(error instanceof OutOfMemoryError)) throw error;
      const path = error.inProgress;
      spentMs += error.ranMs;
      if (path === undefined || withheld.has(path) || withheld.size >= MAX_WITHHELD_FILES || spentMs >= limits.maxJobMs) throw giveUp(error, withheld);
      withheld.set(path, `too-much-memory (its analysis needs more than the ${error.limitMb} MB a job may use)`);
      logger.warn({ ...about, path, withheld: withheld.size }, "a file ran out of memory; running the job again without it");
    }
  }
}

/** The out-of-memory reason as before, saying which files were left out to no avail. */
function giveUp(error: OutOfMemoryError, withheld: ReadonlyMap<string, string>): Error {
  if (withheld.size === 0) return error;
  const where = error.inProgress === undefined ? "between files" : `on ${error.inProgress}`;
  return new Error(`${error.message} (${withheld.size + 1} runs, leaving out ${[...withheld.keys()].join(", ")}; it last ran out ${where})`);
}
