/** The seed's fifteen capabilities; string values are the wire format. */
export const AGENT_CAPABILITIES = [
  "code_generation",
  "code_review",
  "testing",
  "security_audit",
  "deployment",
  "planning",
  "architecture",
  "refactoring",
  "migration",
  "incident_response",
  "tech_debt_analysis",
  "performance_optimization",
  "documentation",
  "coordination",
  "conflict_resolution",
] as const;
export type AgentCapability = (typeof AGENT_CAPABILITIES)[number];
