import type { JobHandler, JobQueue } from "../../ports/queue.js";

/**
 * A queue inside the process. Durability comes from the deliveries table: after a restart the
 * runtime re-enqueues every delivery still queued or processing.
 */
export class InProcessQueue implements JobQueue {
  readonly #waiting: string[] = [];
  readonly #delayed = new Map<NodeJS.Timeout, string>();
  readonly #running = new Set<Promise<void>>();
  readonly #concurrency: number;
  #handler: JobHandler | undefined;
  #stopped = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: { concurrency?: number } = {}) {
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
  }

  enqueue(jobId: string, delayMs = 0): Promise<void> {
    if (this.#stopped) return Promise.reject(new Error("queue is stopped"));
    if (delayMs > 0) {
      const timer = setTimeout(() => {
        this.#delayed.delete(timer);
        this.#push(jobId);
      }, delayMs);
      timer.unref?.();
      this.#delayed.set(timer, jobId);
    } else {
      this.#push(jobId);
    }
    return Promise.resolve();
  }

  start(handler: JobHandler): void {
    this.#handler = handler;
    this.#pump();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#delayed.keys()) clearTimeout(timer);
    this.#delayed.clear();
    this.#waiting.length = 0;
    await Promise.allSettled([...this.#running]);
    this.#notifyIdle();
  }

  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  depth(): number {
    return this.#waiting.length + this.#delayed.size + this.#running.size;
  }

  #push(jobId: string): void {
    if (this.#stopped) return;
    this.#waiting.push(jobId);
    this.#pump();
  }

  #pump(): void {
    const handler = this.#handler;
    if (!handler) return;
    while (!this.#stopped && this.#running.size < this.#concurrency && this.#waiting.length > 0) {
      const jobId = this.#waiting.shift() as string;
      const run: Promise<void> = handler(jobId)
        .catch(() => {
          // The handler owns error handling; a throw here must not kill the loop.
        })
        .finally(() => {
          this.#running.delete(run);
          this.#pump();
          this.#notifyIdle();
        });
      this.#running.add(run);
    }
  }

  #isIdle(): boolean {
    return this.#waiting.length === 0 && this.#delayed.size === 0 && this.#running.size === 0;
  }

  #notifyIdle(): void {
    if (!this.#isIdle()) return;
    const waiters = this.#idleWaiters.splice(0);
    for (const resolve of waiters) resolve();
  }
}
