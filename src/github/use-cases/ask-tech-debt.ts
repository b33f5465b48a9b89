import type { TechDebtInput } from "../../agents/specialized/tech-debt/tech-debt-agent.js";
import type { ConcordConfig } from "../../config/schema.js";
import type { RepoSource } from "../../ports/repo-source.js";
import type { GitHubGateway } from "../gateway.js";
import type { HandlerContext } from "../handler-context.js";
import { ignoredGlobs } from "./debt-ignore.js";

/**
 * Asks the tech-debt agent (through the bus and the registry) with the repository's effective
 * settings: the config's techDebt section plus the globs added with `/debt ignore`.
 * Resolves to the agent's output; a failed result is thrown.
 */
export async function askTechDebt<Output>(
  ctx: HandlerContext,
  gateway: GitHubGateway,
  config: ConcordConfig,
  request: { id: string; description: string; input: Omit<TechDebtInput, "config">; repo: RepoSource; baseRepo?: RepoSource },
): Promise<Output> {
  const ignore = [...config.techDebt.ignore, ...(await ignoredGlobs(ctx.runtime, gateway.fullName))];
  const result = await ctx.runtime.agents.ask({
    from: "github",
    capability: "tech_debt_analysis",
    task: { id: request.id, type: "analysis", description: request.description, inputData: { ...request.input, config: { ...config.techDebt, ignore } } },
    repo: request.repo,
    ...(request.baseRepo ? { baseRepo: request.baseRepo } : {}),
  });
  if (!result.success) throw new Error(result.error ?? "the tech-debt agent failed");
  return result.output as unknown as Output;
}
