/**
 * The job queue port. Jobs are delivery ids: the durable record lives in the Store, so the queue
 * itself may be volatile (in-process) or shared (BullMQ on Redis, later). A job handler that throws
 * is the processor's business (it decides retries); the queue only runs and schedules.
 */
export type JobHandler = (jobId: string) => Promise<void>;

/**
 * Each lane has its own workers, so quick interactive jobs (comments, commands, labels, installs)
 * never wait behind heavy ones (pull-request checks, re-runs, pushes, reports).
 */
export const JOB_LANES = ["interactive", "heavy"] as const;
export type JobLane = (typeof JOB_LANES)[number];

export interface EnqueueOptions {
  lane: JobLane;
  delayMs?: number;
}

export interface JobQueue {
  enqueue(jobId: string, options: EnqueueOptions): Promise<void>;
  start(handler: JobHandler): void;
  /**
   * Stops taking jobs and waits for the running ones, for at most `deadlineMs` (no limit when
   * omitted). Resolves with the jobs still running then: nobody waits for them any more.
   */
  stop(deadlineMs?: number): Promise<string[]>;
  /** Resolves once nothing is waiting, delayed or running. */
  idle(): Promise<void>;
  /** Jobs waiting, delayed or running, in every lane. */
  depth(): number;
  depthByLane(): Record<JobLane, number>;
}
