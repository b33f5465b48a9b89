import type { SourceRef } from "../protocol/sources.js";
import type { RepoSource } from "./repo-source.js";

export interface OpenedSource {
  source: RepoSource;
  /** Releases what opening took (a downloaded tree's folder); idempotent. */
  close(): Promise<void>;
}

/** Opens source references on the side that executes a task. */
export interface SourceResolver {
  open(ref: SourceRef): Promise<OpenedSource>;
}
