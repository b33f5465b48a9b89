import type { AgentRegistryPort } from "../registry/agent-registry-port.js";
import { HelpAgent } from "./help/help-agent.js";

/**
 * Every agent that ships with Concord, registered explicitly (a static list, no discovery by
 * scanning files), with the capabilities the registry routes on.
 */
export async function registerBuiltInAgents(registry: AgentRegistryPort): Promise<void> {
  await registry.register({
    agentId: "help",
    factory: () => new HelpAgent(),
    taskTypes: ["documentation"],
    description: "Answers /help with the command catalog and the roles each command needs.",
    capabilities: ["documentation"],
    maxConcurrentTasks: 10,
  });
}
