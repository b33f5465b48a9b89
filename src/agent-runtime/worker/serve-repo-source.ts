import type { MessagePort } from "node:worker_threads";
import type { RepoSource } from "../../ports/repo-source.js";
import type { SourceAnswer, SourceRequest } from "./worker-messages.js";

/**
 * Answers a worker's reads of a source that only this thread can read (a pull request's files,
 * fetched through GitHub with this process's credentials). Reads stay lazy and keep the source's
 * own answers, so a file GitHub fails to serve is unreadable in the worker exactly as it is here.
 * Returns the function that stops serving.
 */
export function serveRepoSource(source: RepoSource, port: MessagePort): () => void {
  port.on("message", (request: SourceRequest) => {
    const answer = request.op === "list" ? source.listFiles() : source.readFile(request.path);
    answer.then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies SourceAnswer),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies SourceAnswer),
    );
  });
  return () => port.close();
}
