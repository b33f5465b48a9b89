import { registerBuiltInAgents } from "../agents/built-in-agents.js";
import { InProcessQueue } from "../adapters/queue/in-process-queue.js";
import { openStore } from "../adapters/store/open-store.js";
import { InProcessBus } from "../bus/in-process-bus.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { JobQueue } from "../ports/queue.js";
import type { Store } from "../ports/store.js";
import { AgentRegistry } from "../registry/agent-registry.js";
import { AgentRuntime } from "./agent-runtime.js";

export interface RuntimeOptions {
  sqliteFile: string;
  databaseUrl?: string | undefined;
  workerConcurrency?: number;
  clock?: Clock;
  logger: Logger;
}

/** Everything below the GitHub layer, wired once per process: store, bus, registry, agents, queue. */
export async function createRuntime(options: RuntimeOptions) {
  const clock = options.clock ?? systemClock;
  const logger = options.logger;
  const store: Store = await openStore({ sqliteFile: options.sqliteFile, databaseUrl: options.databaseUrl });
  const bus = new InProcessBus(store, { clock, logger });
  const registry = new AgentRegistry(clock, { logger });
  const localAgentIds = await registerBuiltInAgents(registry);
  // In-process agents live as long as the process: the beat keeps them online between tasks (so
  // /agents status shows them available), and checkHeartbeats reports any other agent gone silent.
  const beat = setInterval(() => {
    void (async () => {
      for (const id of localAgentIds) await registry.heartbeat(id);
      await registry.checkHeartbeats();
    })();
  }, 60_000);
  beat.unref();
  const agents = new AgentRuntime({ registry, bus, store, clock, logger, localAgentIds });
  const queue: JobQueue = new InProcessQueue({ concurrency: options.workerConcurrency ?? 2 });
  return {
    clock,
    logger,
    store,
    bus,
    registry,
    agents,
    queue,
    async close(): Promise<void> {
      clearInterval(beat);
      await queue.stop();
      agents.close();
      await store.close();
    },
  };
}
export type Runtime = Awaited<ReturnType<typeof createRuntime>>;
