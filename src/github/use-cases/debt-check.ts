import type { ConcordConfig } from "../../config/schema.js";
import type { GitHubGateway } from "../gateway.js";
import type { HandlerContext } from "../handler-context.js";

export const DEBT_CHECK_NAME = "Concord / tech debt";

export interface PullRequestFiles {
  number: number;
  headSha: string;
  baseSha: string;
  files: { filename: string; status?: string; patch?: string; previous_filename?: string }[];
}

// Placeholder until the tech-debt engine lands (issue 4): the PR flow is wired, the check is not built yet.
export async function runDebtCheck(_ctx: HandlerContext, _gateway: GitHubGateway, _config: ConcordConfig, _pr: PullRequestFiles): Promise<void> {}

export async function rerunDebtCheck(_ctx: HandlerContext, _gateway: GitHubGateway, _pullNumber: number): Promise<void> {}
