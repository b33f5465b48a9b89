import { JOB_LANES, type EnqueueOptions, type JobHandler, type JobLane, type JobQueue } from "../../ports/queue.js";

interface Lane {
  concurrency: number;
  waiting: string[];
  delayed: Map<NodeJS.Timeout, string>;
  running: Map<Promise<void>, string>;
}

/**
 * A queue inside the process, with separate workers per lane. Durability comes from the deliveries
 * table: after a restart the runtime re-enqueues every delivery still queued or processing.
 */
export class InProcessQueue implements JobQueue {
  readonly #lanes: Record<JobLane, Lane>;
  #handler: JobHandler | undefined;
  #stopped = false;
  #idleWaiters: (() => void)[] = [];

  /** Workers per lane (at least 1 each): 4 interactive and 2 heavy by default. */
  constructor(options: { concurrency?: Partial<Record<JobLane, number>> } = {}) {
    const lane = (concurrency: number | undefined, fallback: number): Lane => ({
      concurrency: Math.max(1, concurrency ?? fallback),
      waiting: [],
      delayed: new Map(),
      running: new Map(),
    });
    this.#lanes = { interactive: lane(options.concurrency?.interactive, 4), heavy: lane(options.concurrency?.heavy, 2) };
  }

  enqueue(jobId: string, options: EnqueueOptions): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error("queue is stopped"));
    const lane = this.#lanes[options.lane];
    const delayMs = options.delayMs ?? 0;
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        lane.delayed.delete(timer);
        this.#push(lane, jobId);
      }, delayMs);
      timer.unref?.();
      lane.delayed.set(timer, jobId);
    } else {
      this.#push(lane, jobId);
    }
    return Promise.resolve();
  }

  start(handler: JobHandler): void {
    this.#handler = handler;
    for (const name of JOB_LANES) this.#pump(this.#lanes[name]);
  }

  async stop(deadlineMs = Number.POSITIVE_INFINITY): Promise<string[]> {
    this.#stopped = true;
    const running: Promise<void>[] = [];
    for (const lane of Object.values(this.#lanes)) {
      for (const timer of lane.delayed.keys()) clearTimeout(timer);
      lane.delayed.clear();
      lane.waiting.length = 0;
      running.push(...lane.running.keys());
    }
    const settled = Promise.allSettled(running);
    if (Number.isFinite(deadlineMs)) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
      clearTimeout(timer);
    } else {
      await settled;
    }
    this.#notifyIdle();
    return Object.values(this.#lanes).flatMap((lane) => [...lane.running.values()]);
  }

  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  depth(): number {
    return JOB_LANES.reduce((total, name) => total + this.#laneDepth(this.#lanes[name]), 0);
  }

  depthByLane(): Record<JobLane, number> {
    return { interactive: this.#laneDepth(this.#lanes.interactive), heavy: this.#laneDepth(this.#lanes.heavy) };
  }

  #laneDepth(lane: Lane): number {
    return lane.waiting.length + lane.delayed.size + lane.running.size;
  }

  #push(lane: Lane, jobId: string): void {
    if (this.#stopped) return;
    lane.waiting.push(jobId);
    this.#pump(lane);
  }

  #pump(lane: Lane): void {
    const handler = this.#handler;
    if (!handler) return;
    while (!this.#stopped && lane.running.size < lane.concurrency && lane.waiting.length > 0) {
      const jobId = lane.waiting.shift() as string;
      const run: Promise<void> = handler(jobId)
        .catch(() => {
          // The handler owns error handling; a throw here must not kill the loop.
        })
        .finally(() => {
          lane.running.delete(run);
          this.#pump(lane);
          this.#notifyIdle();
        });
      lane.running.set(run, jobId);
    }
  }

  #isIdle(): boolean {
    return this.depth() === 0;
  }

  #notifyIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
