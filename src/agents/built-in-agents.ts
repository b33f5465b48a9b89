import type { AgentRegistryPort } from "../registry/agent-registry-port.js";
import { HelpAgent } from "./help/help-agent.js";
import { TechDebtAgent } from "./specialized/tech-debt/tech-debt-agent.js";

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
  await registry.register({
    agentId: "tech-debt",
    factory: () => new TechDebtAgent(),
    taskTypes: ["analysis", "refactoring"],
    description: "Measures complexity, smells, duplication and TODOs; rates debt A–E; compares a PR with its base.",
    capabilities: ["tech_debt_analysis", "refactoring"],
    maxConcurrentTasks: 2,
  });
}
