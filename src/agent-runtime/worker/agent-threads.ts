import type { SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef, TaskSources } from "../../protocol/sources.js";
import type { Task, TaskResult } from "../../protocol/task.js";
import { handOverSource, type HandedOverSource } from "./hand-over-source.js";
import { runWithholding } from "./run-withholding.js";
import { WorkerPool, type WorkerPoolOptions } from "./worker-pool.js";
import type { WorkerJob } from "./worker-messages.js";

export type AgentThreadsOptions = WorkerPoolOptions;

/**
 * Runs catalog agents on a pool of worker threads, off the event loop that answers webhooks. The
 * sources that need this thread (GitHub access) are opened here and handed over as references a
 * worker can open; the agent's result comes back as it would from a call in this thread. A job
 * whose thread runs out of memory on a file runs again without that file (see runWithholding).
 */
export class AgentThreads {
  readonly #pool: WorkerPool;
  readonly #logger: AgentThreadsOptions["logger"];

  constructor(options: AgentThreadsOptions) {
    this.#pool = new WorkerPool(options);
    this.#logger = options.logger;
  }

  async run(agentId: string, task: Task, sources: TaskSources, resolver: SourceResolver, now: Date): Promise<TaskResult> {
    const handed: { repo?: HandedOverSource; base?: HandedOverSource } = {};
    const handOver = async (key: "repo" | "base", ref: SourceRef) => {
      handed[key] = await handOverSource(ref, resolver);
    };
    try {
      if (sources.repo) await handOver("repo", sources.repo);
      if (sources.base) await handOver("base", sources.base);
      return await runWithholding(this.#pool, this.#logger, { agentId, taskId: task.id }, (withheld, runOptions) => {
        const repo = handed.repo?.attach();
        const base = handed.base?.attach();
        const job: WorkerJob = { agentId, task, sources: {}, now: now.getTime(), ...(withheld.size > 0 ? { withheld } : {}) };
        if (repo) job.sources.repo = repo.source;
        if (base) job.sources.base = base.source;
        return this.#pool.run(job, { ...runOptions, transfer: [...(repo?.transfer ?? []), ...(base?.transfer ?? [])] });
      });
    } finally {
      await Promise.all(Object.values(handed).map((source) => source.close().catch(() => undefined)));
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
