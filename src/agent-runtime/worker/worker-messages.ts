import type { MessagePort } from "node:worker_threads";
import type { RepoFile } from "../../ports/repo-source.js";
import type { SourceRef } from "../../protocol/sources.js";
import type { Task, TaskResult } from "../../protocol/task.js";

/** References that need this process's GitHub access; a worker opens every other kind on its own. */
type GitHubRef = Extract<SourceRef, { kind: "tree" | "pr-files" }>;
export type LocalRef = Exclude<SourceRef, GitHubRef>;

/** A source the host opened (a pull request's files through GitHub), read file by file over `port`. */
export interface RemoteRef {
  kind: "remote";
  description: string;
  port: MessagePort;
}

export type WorkerSource = LocalRef | RemoteRef;

/** One agent task handed to a worker thread: everything in it survives structured cloning. */
export interface WorkerJob {
  agentId: string;
  task: Task;
  sources: { repo?: WorkerSource; base?: WorkerSource };
  /** The host's clock when it handed the job over (ms since the epoch): the agent's "now". */
  now: number;
  /** Files the agent reports skipped, with the reason, instead of analysing them: each ran out of memory in an earlier attempt. */
  withheld?: ReadonlyMap<string, string>;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export type WorkerReply =
  | { type: "log"; level: LogLevel; obj: object | string; msg?: string }
  /** The file the agent starts analysing (none: it is over), so the host can tell which one a thread died on. */
  | { type: "measuring"; path?: string }
  | { type: "done"; result: TaskResult }
  | { type: "failed"; error: string };

/** What a worker asks of a remote source, and the host's answers, matched by `id`. */
export type SourceQuestion = { op: "list" } | { op: "read"; path: string };
export type SourceRequest = SourceQuestion & { id: number };
export type SourceAnswer = { id: number; ok: true; value: RepoFile[] | string | undefined } | { id: number; ok: false; error: string };
