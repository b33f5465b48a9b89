import { MessageChannel, type TransferListItem } from "node:worker_threads";
import { LocalRepoSource } from "../../adapters/repo-source/local-repo-source.js";
import { hasHistory } from "../../ports/repo-source.js";
import type { SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef } from "../../protocol/sources.js";
import { serveRepoSource } from "./serve-repo-source.js";
import type { WorkerSource } from "./worker-messages.js";

export interface HandedOverSource {
  source: WorkerSource;
  /** What must move to the worker with the job (the port of a served source). */
  transfer: TransferListItem[];
  /** Releases what opening took (a downloaded tree), once the job is over. */
  close(): Promise<void>;
}

const nothingToClose = (): Promise<void> => Promise.resolve();

/**
 * Turns a task's source reference into one a worker thread can open. References that need no
 * GitHub access (a local folder, carried files) go as they are. The others are opened here, where
 * the GitHub credentials are: a downloaded tree is a folder, which the worker then reads itself;
 * any other source (a pull request's files) stays here and answers the worker's reads over a
 * message port.
 */
export async function handOverSource(ref: SourceRef, resolver: SourceResolver): Promise<HandedOverSource> {
  if (ref.kind !== "tree" && ref.kind !== "pr-files") return { source: ref, transfer: [], close: nothingToClose };
  const opened = await resolver.open(ref);
  // A LocalRepoSource's description is its resolved root folder.
  if (opened.source instanceof LocalRepoSource) return { source: { kind: "local", path: opened.source.description }, transfer: [], close: () => opened.close() };
  if (hasHistory(opened.source)) {
    await opened.close();
    throw new Error(`${opened.source.description}: a source with version history can be handed to a worker thread only as a local folder`);
  }
  const { port1, port2 } = new MessageChannel();
  const stop = serveRepoSource(opened.source, port1);
  return {
    source: { kind: "remote", description: opened.source.description, port: port2 },
    transfer: [port2],
    async close() {
      stop();
      await opened.close();
    },
  };
}
