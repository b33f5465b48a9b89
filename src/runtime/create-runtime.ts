import { AgentClient } from "../agent-runtime/agent-client.js";
import { AgentHost } from "../agent-runtime/agent-host.js";
import { AgentThreads, type AgentThreadsOptions } from "../agent-runtime/worker/agent-threads.js";
import { AGENT_CATALOG } from "../agents/catalog.js";
import type { DebtScanRepository } from "../agents/specialized/tech-debt/history/debt-scan-repository.js";
import { InProcessQueue } from "../adapters/queue/in-process-queue.js";
import { LocalSourceResolver } from "../adapters/repo-source/local-source-resolver.js";
import { KyselyDebtScanRepository } from "../adapters/store/debt-scans/kysely-debt-scan-repository.js";
import { openStore } from "../adapters/store/open-store.js";
import { InProcessBus } from "../bus/in-process-bus.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { JobQueue } from "../ports/queue.js";
import type { SourceResolver } from "../ports/source-resolver.js";
import type { Store } from "../ports/store.js";
import { AgentRegistry } from "../registry/agent-registry.js";
import { KeyedState } from "../state/keyed-state.js";

export interface RuntimeOptions {
  sqliteFile: string;
  databaseUrl?: string | undefined;
  /** Workers of the heavy lane (pull-request checks, re-runs, pushes, reports); default 2. */
  workerConcurrency?: number;
  /** Workers of the interactive lane (comments, commands, labels, installs); default 4. */
  interactiveConcurrency?: number | undefined;
  clock?: Clock;
  logger: Logger;
  /** Opens the source references of agent tasks; the app's can read from GitHub. */
  resolver?: SourceResolver;
  /** Worker threads for CPU-heavy agents (sized from the CPUs by default); false runs every agent on the event loop. */
  agentThreads?: Omit<AgentThreadsOptions, "logger"> | false;
}

/** Everything below the GitHub layer, wired once per process: store, bus, registry, agents, queue. */
export async function createRuntime(options: RuntimeOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const database = await openStore({ sqliteFile: options.sqliteFile, databaseUrl: options.databaseUrl });
  const store: Store = database;
  const debtScans: DebtScanRepository = new KyselyDebtScanRepository(database);
  const state = new KeyedState(store, clock);
  const bus = new InProcessBus(store, { clock, logger });
  const registry = new AgentRegistry(clock, { logger, state });
  const threads = options.agentThreads === false ? undefined : new AgentThreads({ ...options.agentThreads, logger });
  const host = new AgentHost({ catalog: AGENT_CATALOG, registry, bus, resolver: options.resolver ?? new LocalSourceResolver(), state, clock, logger, ...(threads ? { threads } : {}) });
  await host.start();
  const agents = new AgentClient({ registry, bus, state, clock, logger, localHost: host });
  const queue: JobQueue = new InProcessQueue({ concurrency: { heavy: options.workerConcurrency ?? 2, interactive: options.interactiveConcurrency ?? 4 } });
  return {
    clock,
    logger,
    store,
    debtScans,
    state,
    bus,
    registry,
    host,
    agents,
    queue,
    /**
     * Stops taking jobs and lets the running ones finish for up to `deadlineMs` (no limit when
     * omitted): one cut off then is still "processing" in the store, so it runs again on the next start.
     */
    async close(options: { deadlineMs?: number } = {}): Promise<void> {
      const unfinished = await queue.stop(options.deadlineMs);
      if (unfinished.length > 0) logger.warn({ deliveries: unfinished }, "stopped before these deliveries finished; they run again on the next start");
      host.close();
      await threads?.close();
      await agents.close();
      await store.close();
    },
  };
}
export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
