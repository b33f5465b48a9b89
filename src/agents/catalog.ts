import type { Capability } from "../protocol/capability.js";
import type { AgentRegistrationInput } from "../registry/agent-registry-port.js";
import type { Agent } from "./agent.js";
import { LIST_COMMANDS } from "./help/help-capability.js";
import { HelpAgent } from "./help/help-agent.js";
import { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "./specialized/tech-debt/tech-debt-capability.js";
import { TechDebtAgent } from "./specialized/tech-debt/tech-debt-agent.js";

/** One agent as its host knows it: how to make it, what it offers, and its directory entry. */
export interface CatalogEntry {
  registration: AgentRegistrationInput;
  serves: readonly Capability[];
  create(): Agent;
  /** CPU-heavy (parses whole repositories): runs on the host's worker threads when it has them. */
  heavy?: boolean;
}

/**
 * Every agent that ships with Concord: a static list (no discovery by scanning files). Hosts run
 * agents from it; the registry only ever sees the registrations, which are data.
 */
export const AGENT_CATALOG: readonly CatalogEntry[] = [
  {
    registration: {
      agentId: "help",
      taskTypes: ["documentation"],
      description: "Answers /help with the command catalog and the roles each command needs.",
      capabilities: ["documentation"],
      maxConcurrentTasks: 10,
    },
    serves: [LIST_COMMANDS],
    create: () => new HelpAgent(),
  },
  {
    registration: {
      agentId: "tech-debt",
      taskTypes: ["analysis", "refactoring"],
      description: "Measures complexity, smells, duplication and TODOs; rates debt A–E; compares a PR with its base.",
      capabilities: ["tech_debt_analysis", "refactoring"],
      maxConcurrentTasks: 2,
    },
    serves: [SCAN_TECH_DEBT, COMPARE_PULL_REQUEST_DEBT],
    create: () => new TechDebtAgent(),
    heavy: true,
  },
];
