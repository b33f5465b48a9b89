import type { AgentRegistrationInput, AgentRegistryPort } from "../registry/agent-registry-port.js";
import { HelpAgent } from "./help/help-agent.js";
import { TechDebtAgent } from "./specialized/tech-debt/tech-debt-agent.js";

/** Every agent that ships with Concord: a static list (no discovery by scanning files). */
const BUILT_IN_AGENTS: readonly AgentRegistrationInput[] = [
  {
    agentId: "help",
    factory: () => new HelpAgent(),
    taskTypes: ["documentation"],
    description: "Answers /help with the command catalog and the roles each command needs.",
    capabilities: ["documentation"],
    maxConcurrentTasks: 10,
  },
  {
    agentId: "tech-debt",
    factory: () => new TechDebtAgent(),
    taskTypes: ["analysis", "refactoring"],
    description: "Measures complexity, smells, duplication and TODOs; rates debt A–E; compares a PR with its base.",
    capabilities: ["tech_debt_analysis", "refactoring"],
    maxConcurrentTasks: 2,
  },
];

/** Registers the built-in agents with the capabilities the registry routes on; returns their ids (all in-process). */
export async function registerBuiltInAgents(registry: AgentRegistryPort): Promise<string[]> {
  for (const registration of BUILT_IN_AGENTS) await registry.register(registration);
  return BUILT_IN_AGENTS.map((registration) => registration.agentId);
}
