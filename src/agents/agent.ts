import type { Clock } from "../ports/clock.js";
import type { Logger } from "../ports/logger.js";
import type { RepoSource } from "../ports/repo-source.js";
import type { Task, TaskResult } from "../protocol/task.js";

export type { Task, TaskInput, TaskMetrics, TaskResult, TaskType } from "../protocol/task.js";

/**
 * Everything an agent may touch: time, a logger and the files of its task, opened by its host from
 * the request's source references. No store, no bus, no GitHub: what an agent knows comes in its
 * input, and what it decides goes out in its result, so it can run in any process or thread.
 */
export interface AgentContext {
  clock: Clock;
  logger: Logger;
  /** The repository files the task is about, when it is about files. */
  repo?: RepoSource;
  /** The files at the pull request's base, for tasks that compare base and head. */
  baseRepo?: RepoSource;
  /** Reports how far a long task is (files done of total), when the asker wants to show it. */
  progress?: (done: number, total: number) => void;
  /**
   * Names the file whose analysis starts now (undefined once it is over), when the host limits a
   * task's memory: if the task runs out, the host knows which file to withhold when it runs it again.
   */
  measuring?: (path: string | undefined) => void;
  /** Files not to analyse, each with the reason to report it skipped for (its analysis ran out of memory before). */
  withheld?: ReadonlyMap<string, string>;
}

export interface Agent {
  readonly id: string;
  execute(task: Task, ctx: AgentContext): Promise<TaskResult>;
}
