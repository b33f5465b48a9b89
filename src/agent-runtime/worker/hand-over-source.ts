import { MessageChannel, type TransferListItem } from "node:worker_threads";
import { LocalRepoSource } from "../../adapters/repo-source/local-repo-source.js";
import { hasHistory } from "../../ports/repo-source.js";
import type { SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef } from "../../protocol/sources.js";
import { serveRepoSource } from "./serve-repo-source.js";
import type { WorkerSource } from "./worker-messages.js";

/** A source as one run of a job gets it. */
export interface AttachedSource {
  source: WorkerSource;
  /** What must move to the worker with the job (the port of a served source). */
  transfer: TransferListItem[];
}

export interface HandedOverSource {
  /**
   * The source for one run of the job. A job run again (after its thread ran out of memory) gets
   * a new attachment: a port moves to one thread only, and dies with it.
   */
  attach(): AttachedSource;
  /** Releases what opening took (a downloaded tree, the served ports), once the job is over. */
  close(): Promise<void>;
}

const nothingToClose = (): Promise<void> => Promise.resolve();

/**
 * Turns a task's source reference into one a worker thread can open. References that need no
 * GitHub access (a local folder, carried files) go as they are. The others are opened here, where
 * the GitHub credentials are: a downloaded tree is a folder, which the worker then reads itself;
 * any other source (a pull request's files) stays here and answers the worker's reads over a
 * message port. Opened once per job, however often it runs: a rerun neither downloads nor fetches again.
 */
export async function handOverSource(ref: SourceRef, resolver: SourceResolver): Promise<HandedOverSource> {
  if (ref.kind !== "tree" && ref.kind !== "pr-files") return { attach: () => ({ source: ref, transfer: [] }), close: nothingToClose };
  const opened = await resolver.open(ref);
  // A LocalRepoSource's description is its resolved root folder.
  if (opened.source instanceof LocalRepoSource) {
    const folder: WorkerSource = { kind: "local", path: opened.source.description };
    return { attach: () => ({ source: folder, transfer: [] }), close: () => opened.close() };
  }
  if (hasHistory(opened.source)) {
    await opened.close();
    throw new Error(`${opened.source.description}: a source with version history can be handed to a worker thread only as a local folder`);
  }
  const served = opened.source;
  const stops: (() => void)[] = [];
  return {
    attach() {
      const { port1, port2 } = new MessageChannel();
      stops.push(serveRepoSource(served, port1));
      return { source: { kind: "remote", description: served.description, port: port2 }, transfer: [port2] };
    },
    async close() {
      for (const stop of stops) stop();
      await opened.close();
    },
  };
}
