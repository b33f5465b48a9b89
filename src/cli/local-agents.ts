import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AgentClient } from "../agent-runtime/agent-client.js";
import { silentLogger } from "../ports/logger.js";
import { createRuntime } from "../runtime/create-runtime.js";

export interface LocalAgents {
  agents: AgentClient;
  close(): Promise<void>;
}

/**
 * The app's runtime for one CLI run: the same catalog, host, bus, registry and client, on a
 * throwaway SQLite file and local sources only. Agents run on this thread (there are no webhooks
 * to keep answering), which also lets the host report progress for the progress bar.
 */
export async function openLocalAgents(now: () => Date): Promise<LocalAgents> {
  const dir = await mkdtemp(path.join(tmpdir(), "concord-cli-"));
  try {
    const runtime = await createRuntime({ sqliteFile: path.join(dir, "concord.db"), logger: silentLogger, clock: { now }, agentThreads: false });
    return {
      agents: runtime.agents,
      async close() {
        await runtime.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
