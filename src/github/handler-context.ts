import type { ProbotOctokit } from "probot";
import type { ConcordConfig } from "../config/schema.js";
import type { GitHubRepo, RepoRef } from "../ports/github.js";
import type { Logger } from "../ports/logger.js";
import type { Runtime } from "../runtime/create-runtime.js";
import { loadRepoConfig } from "./load-config.js";
import { octokitRepo } from "./octokit/octokit-repo.js";
import { RateLimitNotes } from "./sources/rate-limit-notes.js";

/** What a subscription or command gets: the delivery, the runtime, and lazily a repository's GitHub ports and config. */
export interface HandlerContext {
  deliveryId: string;
  event: string;
  /** The installation the event came through: agents read the repository as it. */
  installationId: number;
  runtime: Runtime;
  log: Logger;
  github(repo: RepoRef): GitHubRepo;
  /** `.github/concord.yml` from the default branch (never from a PR head), validated; defaults when absent. */
  config(repo: GitHubRepo): Promise<ConcordConfig>;
  /** `work` once per delivery and key, shared by every subscription of the event (e.g. a PR's file list). */
  once<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Aborts when the job's time budget is spent: long work races it, then ends its check or answers its command. */
  signal: AbortSignal;
  /** No retry follows a failure of this attempt: a command that fails now is answered with what failed. */
  lastAttempt: boolean;
  /** Rate limits GitHub answered while agents read this installation's files for a check. */
  rateLimits: RateLimitNotes;
}

export function createHandlerContext(input: {
  deliveryId: string;
  event: string;
  installationId: number;
  runtime: Runtime;
  github: (repo: RepoRef) => GitHubRepo;
  /** The delivery worker's attempt; without one (use cases run directly), no budget and no retry. */
  job?: { signal: AbortSignal; lastAttempt: boolean };
  rateLimits?: RateLimitNotes;
}): HandlerContext {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) memo.set(key, (value = work()));
    return value;
  };
  const log = input.runtime.logger.child?.({ deliveryId: input.deliveryId, event: input.event }) ?? input.runtime.logger;
  return {
    deliveryId: input.deliveryId,
    event: input.event,
    installationId: input.installationId,
    runtime: input.runtime,
    log,
    github: input.github,
    config: (repo) => once(`config:${repo.fullName}`, () => loadRepoConfig(repo, log)),
    once,
    signal: input.job?.signal ?? new AbortController().signal,
    lastAttempt: input.job?.lastAttempt ?? true,
    rateLimits: input.rateLimits ?? new RateLimitNotes(),
  };
}

/** The GitHub ports of an installation's repositories, over its Octokit client. */
export function octokitRepos(octokit: ProbotOctokit): (repo: RepoRef) => GitHubRepo {
  return (repo) => octokitRepo(octokit, repo);
}
