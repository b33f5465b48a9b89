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
  workerConcurrency?: number;
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
  const queue: JobQueue = new InProcessQueue({ concurrency: options.workerConcurrency ?? 2 });
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
    async close(): Promise<void> {
      await queue.stop();
      host.close();
      await threads?.close();
      await agents.close();
      await store.close();
    },
  };
}
export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
