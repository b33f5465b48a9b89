import type { CapabilityInput, CapabilityOutput } from "../../protocol/capability.js";
import type { TaskSources } from "../../protocol/sources.js";
import type { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "../../agents/specialized/tech-debt/tech-debt-capability.js";
import type { ConcordConfig } from "../../config/schema.js";
import type { GitHubRepo } from "../../ports/github.js";
import type { HandlerContext } from "../handler-context.js";
import { repositoryIgnoreGlobs } from "./debt-ignore.js";

type TechDebtCapability = typeof SCAN_TECH_DEBT | typeof COMPARE_PULL_REQUEST_DEBT;

/**
 * Asks the tech-debt agent (through the bus and the registry) with the repository's effective
 * settings: the config's techDebt section plus the globs added with `/debt ignore`. Resolves to
 * the agent's typed output; a failed result is thrown.
 */
export async function askTechDebt<C extends TechDebtCapability>(
  ctx: HandlerContext,
  repo: Pick<GitHubRepo, "fullName">,
  config: ConcordConfig,
  capability: C,
  request: { id: string; description: string; input: Omit<CapabilityInput<C>, "config">; sources: TaskSources },
): Promise<CapabilityOutput<C>> {
  const ignore = await repositoryIgnoreGlobs(ctx.runtime.state, repo.fullName, config.techDebt.ignore, ctx.log);
  return ctx.runtime.agents.ask(capability, { ...request.input, config: { ...config.techDebt, ignore } } as CapabilityInput<C>, {
    from: "github",
    taskId: request.id,
    description: request.description,
    sources: request.sources,
  });
}
