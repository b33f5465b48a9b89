import { availableParallelism } from "node:os";
import type { TransferListItem, Worker } from "node:worker_threads";
import { TransientError } from "../../errors.js";
import type { Logger } from "../../ports/logger.js";
import type { TaskResult } from "../../protocol/task.js";
import { OutOfMemoryError } from "./out-of-memory-error.js";
import { spawnAgentWorker } from "./spawn-agent-worker.js";
import type { WorkerJob, WorkerReply } from "./worker-messages.js";

export interface WorkerPoolOptions {
  /** Worker threads; default one fewer than the CPUs this process may use (the event loop keeps one), at least 1. */
  threads?: number;
  /** Heap (old generation) of each thread in MB, so of each job, since a thread runs one job at a time; default 1024. */
  maxMemoryMb?: number;
  /** A job still running after this long is stopped with its thread, which is replaced; default 10 minutes (as long as an asker waits). */
  maxJobMs?: number;
  /** Receives the agents' log lines. */
  logger: Logger;
}

export interface RunOptions {
  /** What must move to the thread with the job (the ports of served sources). */
  transfer?: readonly TransferListItem[];
  /** The time this run may take, when less than the pool's limit (a rerun gets what the earlier runs left). */
  timeLimitMs?: number;
  /** Runs before the jobs that have not started yet (a rerun keeps its place). */
  first?: boolean;
}

interface Waiting {
  job: WorkerJob;
  options: RunOptions;
  resolve(result: TaskResult): void;
  reject(error: Error): void;
}

interface Running extends Waiting {
  timer: NodeJS.Timeout;
  started: number;
  /** The file the agent said it is analysing, if any. */
  measuring?: string;
}

const DEFAULT_MAX_MEMORY_MB = 1024;
const DEFAULT_MAX_JOB_MS = 10 * 60_000;

/**
 * A fixed set of worker threads, started when first needed, each running one agent job at a time;
 * jobs beyond that wait in order. A thread that dies (out of memory under its heap limit, or any
 * other way) or overruns the time limit fails its job with the reason and is replaced on the next
 * job, so one huge job can neither take the process down nor hold a thread for good. Idle threads
 * never keep the process alive.
 */
export class WorkerPool {
  readonly #threads: number;
  readonly #maxMemoryMb: number;
  readonly #maxJobMs: number;
  readonly #logger: Logger;
  readonly #workers = new Set<Worker>();
  readonly #idle: Worker[] = [];
  readonly #running = new Map<Worker, Running>();
  readonly #queue: Waiting[] = [];
  #closed = false;

  constructor(options: WorkerPoolOptions) {
    this.#threads = Math.max(1, Math.floor(options.threads ?? availableParallelism() - 1));
    this.#maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
    this.#maxJobMs = options.maxJobMs ?? DEFAULT_MAX_JOB_MS;
    this.#logger = options.logger;
  }

  /** The time limit of each job, in ms. */
  get maxJobMs(): number {
    return this.#maxJobMs;
  }

  /**
   * Runs the job on a thread. A job whose thread runs out of memory fails with an OutOfMemoryError
   * that names the file it was analysing, so the caller may run it again without that file.
   */
  run(job: WorkerJob, options: RunOptions = {}): Promise<TaskResult> {
    if (this.#closed) return Promise.reject(new TransientError("the agent worker threads are stopped"));
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { job, options, resolve, reject };
      if (options.first === true) this.#queue.unshift(waiting);
      else this.#queue.push(waiting);
      this.#dispatch();
    });
  }

  /** Fails waiting and running jobs with a transient error and stops every thread. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const waiting of this.#queue.splice(0)) waiting.reject(new TransientError("the agent worker threads stopped"));
    await Promise.all([...this.#workers].map((worker) => worker.terminate()));
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop() ?? (this.#workers.size < this.#threads ? this.#spawn() : undefined);
      if (worker === undefined) return;
      const next = this.#queue.shift()!;
      const limit = Math.min(this.#maxJobMs, next.options.timeLimitMs ?? Infinity);
      const timer = setTimeout(() => this.#lose(worker, new Error(`the agent did not finish within ${this.#maxJobMs} ms, and its worker thread was stopped`)), limit);
      this.#running.set(worker, { ...next, timer, started: Date.now() });
      worker.ref();
      worker.postMessage(next.job, [...(next.options.transfer ?? [])]);
    }
  }

  #spawn(): Worker {
    const worker = spawnAgentWorker({ maxOldGenerationSizeMb: this.#maxMemoryMb });
    this.#workers.add(worker);
    worker.on("message", (reply: WorkerReply) => this.#answer(worker, reply));
    worker.on("error", (error) => this.#lose(worker, this.#describeCrash(worker, error)));
    worker.on("exit", (code) => this.#lose(worker, new Error(`the agent's worker thread exited with code ${code}`)));
    return worker;
  }

  #answer(worker: Worker, reply: WorkerReply): void {
    if (reply.type === "log") {
      this.#logger[reply.level](reply.obj, reply.msg);
      return;
    }
    if (reply.type === "measuring") {
      // Node delivers a thread's messages before its out-of-memory error, so this is current when it dies.
      const running = this.#running.get(worker);
      if (running !== undefined) running.measuring = reply.path;
      return;
    }
    const job = this.#finish(worker);
    worker.unref();
    this.#idle.push(worker);
    if (reply.type === "done") job?.resolve(reply.result);
    else job?.reject(new Error(reply.error));
    this.#dispatch();
  }

  /** A thread that errored, exited or overran: its job fails, and the next job gets a new thread. */
  #lose(worker: Worker, reason: Error): void {
    if (!this.#workers.delete(worker)) return;
    const idle = this.#idle.indexOf(worker);
    if (idle !== -1) this.#idle.splice(idle, 1);
    this.#finish(worker)?.reject(this.#closed ? new TransientError("the agent worker threads stopped") : reason);
    void worker.terminate();
    this.#dispatch();
  }

  #finish(worker: Worker): Running | undefined {
    const job = this.#running.get(worker);
    this.#running.delete(worker);
    clearTimeout(job?.timer);
    return job;
  }

  #describeCrash(worker: Worker, error: Error): Error {
    if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
      const running = this.#running.get(worker);
      const message = `the agent ran out of memory: a job may use ${this.#maxMemoryMb} MB, and its worker thread was stopped`;
      return new OutOfMemoryError(message, this.#maxMemoryMb, running?.measuring, running === undefined ? 0 : Date.now() - running.started);
    }
    return new Error(`the agent's worker thread failed: ${error.message}`);
  }
}
