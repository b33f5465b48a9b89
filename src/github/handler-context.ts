import type { ProbotOctokit } from "probot";
import type { ConcordConfig } from "../config/schema.js";
import type { Logger } from "../ports/logger.js";
import type { Runtime } from "../runtime/create-runtime.js";
import { GitHubGateway } from "./gateway.js";
import { loadRepoConfig } from "./load-config.js";

/** What an event handler gets: the delivery, the runtime, and lazily a gateway and the repo's config. */
export interface HandlerContext {
  deliveryId: string;
  event: string;
  /** The installation the event came through: agents read the repository as it. */
  installationId: number;
  runtime: Runtime;
  log: Logger;
  gateway(repo: { owner: string; repo: string }): GitHubGateway;
  /** `.github/concord.yml` from the default branch (never from a PR head), validated; defaults when absent. */
  config(gateway: GitHubGateway): Promise<ConcordConfig>;
}

export function createHandlerContext(input: { deliveryId: string; event: string; installationId: number; runtime: Runtime; octokit: ProbotOctokit }): HandlerContext {
  const configs = new Map<string, Promise<ConcordConfig>>();
  const log = input.runtime.logger.child?.({ deliveryId: input.deliveryId, event: input.event }) ?? input.runtime.logger;
  return {
    deliveryId: input.deliveryId,
    event: input.event,
    installationId: input.installationId,
    runtime: input.runtime,
    log,
    gateway: (repo) => new GitHubGateway(input.octokit, repo),
    config(gateway) {
      let config = configs.get(gateway.fullName);
      if (!config) {
        config = loadRepoConfig(gateway, log);
        configs.set(gateway.fullName, config);
      }
      return config;
    },
  };
}

export type EventHandler = (payload: unknown, ctx: HandlerContext) => Promise<void>;
