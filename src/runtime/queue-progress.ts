import type { Clock } from "../ports/clock.js";
import type { JobHandler } from "../ports/queue.js";

export interface QueueProgress {
  /** The queue's job handler, with each job's start and end counted as progress. */
  track(handler: JobHandler): JobHandler;
  /** How long jobs have been running with none starting or ending; undefined while none runs. */
  stalledMs: () => number | undefined;
}

/**
 * Watches whether the queue moves, for /healthz. Jobs that hang (a call that never answers) hold
 * their workers, so nothing starts or ends while they run: that silence, not a long queue, is what
 * "stuck" means. Retries waiting on a timer run nothing, so they never count as stuck.
 */
export function watchQueueProgress(clock: Clock): QueueProgress {
  let running = 0;
  let lastMovedAt = clock.now().getTime();
  const moved = () => {
    lastMovedAt = clock.now().getTime();
  };
  return {
    track(handler) {
      return async (jobId) => {
        running++;
        moved();
        try {
          await handler(jobId);
        } finally {
          running--;
          moved();
        }
      };
    },
    stalledMs: () => (running > 0 ? clock.now().getTime() - lastMovedAt : undefined),
  };
}
