/**
 * The job queue port. Jobs are delivery ids: the durable record lives in the Store, so the queue
 * itself may be volatile (in-process) or shared (BullMQ on Redis, later). A job handler that throws
 * is the processor's business (it decides retries); the queue only runs and schedules.
 */
export type JobHandler = (jobId: string) => Promise<void>;

export interface JobQueue {
  enqueue(jobId: string, delayMs?: number): Promise<void>;
  start(handler: JobHandler): void;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
  /** Resolves once nothing is waiting, delayed or running. */
  idle(): Promise<void>;
  depth(): number;
}
