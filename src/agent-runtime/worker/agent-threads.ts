import type { SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef, TaskSources } from "../../protocol/sources.js";
import type { Task, TaskResult } from "../../protocol/task.js";
import { handOverSource, type HandedOverSource } from "./hand-over-source.js";
import { WorkerPool, type WorkerPoolOptions } from "./worker-pool.js";
import type { WorkerJob } from "./worker-messages.js";

export type AgentThreadsOptions = WorkerPoolOptions;

/**
 * Runs catalog agents on a pool of worker threads, off the event loop that answers webhooks. The
 * sources that need this thread (GitHub access) are opened here and handed over as references a
 * worker can open; the agent's result comes back as it would from a call in this thread.
 */
export class AgentThreads {
  readonly #pool: WorkerPool;

  constructor(options: AgentThreadsOptions) {
    this.#pool = new WorkerPool(options);
  }

  async run(agentId: string, task: Task, sources: TaskSources, resolver: SourceResolver, now: Date): Promise<TaskResult> {
    const handed: HandedOverSource[] = [];
    const handOver = async (ref: SourceRef) => {
      const source = await handOverSource(ref, resolver);
      handed.push(source);
      return source.source;
    };
    try {
      const job: WorkerJob = { agentId, task, sources: {}, now: now.getTime() };
      if (sources.repo) job.sources.repo = await handOver(sources.repo);
      if (sources.base) job.sources.base = await handOver(sources.base);
      return await this.#pool.run(
        job,
        handed.flatMap((source) => source.transfer),
      );
    } finally {
      await Promise.all(handed.map((source) => source.close().catch(() => undefined)));
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
