import { z } from "zod";
import { CommandsConfig } from "./command-roles-schema.js";
import { fraction, GitHubLogin, LabelName, list, wholeNumber } from "./fields.js";
import { TechDebtConfig } from "./tech-debt-schema.js";

// `.github/concord.yml`. Strict at every level so a misspelt key is named instead of ignored, and
// defaulted at every level so a missing file behaves like an empty one.

const IncidentConfig = z
  .object({
    labels: list(LabelName, 20).default(["incident"]).describe("Issue labels that declare an incident when an issue is opened with or given one."),
    onCall: list(GitHubLogin, 20).default([]).describe("GitHub logins of the on-call rota; the first becomes incident commander."),
    autoDeploySev1: z
      .literal(false, { error: "must be false: Concord never deploys or merges a fix by itself; hotfix pull requests stay drafts" })
      .default(false)
      .describe("Always false. Present so that a config asking for automatic SEV1 deploys is refused loudly."),
    failuresBeforeIncident: wholeNumber(1, 20, 2).describe("Consecutive failed check suites on the default branch that open an incident."),
  })
  .strict()
  .prefault({})
  .describe("The incident responder.");

const MigrationConfig = z
  .object({
    maxParallelSteps: wholeNumber(1, 10, 3).describe("Migration steps whose pull requests may be open at the same time."),
  })
  .strict()
  .prefault({})
  .describe("The migration planner.");

const ConflictsConfig = z
  .object({
    escalationThreshold: fraction(0.7).describe("Resolution confidence below which a disagreement goes to a human."),
    autoResolve: z.boolean().default(true).describe("Apply resolutions above the threshold; when false every disagreement is escalated."),
  })
  .strict()
  .prefault({})
  .describe("The resolver of disagreements between agents and people.");

const NoiseConfig = z
  .object({
    skipDrafts: z.boolean().default(true).describe("Leave draft pull requests alone until they are marked ready."),
    skipBotPullRequests: z.boolean().default(true).describe("Leave pull requests opened by bots alone."),
    skipLabel: LabelName.default("concord:skip").describe("A label that makes Concord leave an issue or pull request alone."),
  })
  .strict()
  .prefault({})
  .describe("What Concord stays quiet about.");

export const ConcordConfig = z
  .object({
    techDebt: TechDebtConfig,
    commands: CommandsConfig,
    incident: IncidentConfig,
    migration: MigrationConfig,
    conflicts: ConflictsConfig,
    noise: NoiseConfig,
  })
  .strict()
  .meta({
    title: "Concord configuration",
    description: "Settings for the Concord GitHub App, read from .github/concord.yml on the default branch. Every key is optional.",
  });
export type ConcordConfig = z.infer<typeof ConcordConfig>;
/** What a maintainer may write: every key optional. */
export type ConcordConfigInput = z.input<typeof ConcordConfig>;
