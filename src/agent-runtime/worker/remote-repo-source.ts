import type { MessagePort } from "node:worker_threads";
import type { RepoFile, RepoSource } from "../../ports/repo-source.js";
import type { SourceAnswer, SourceQuestion, SourceRequest } from "./worker-messages.js";

/** The worker's side of serveRepoSource: a RepoSource whose every call is answered by the host. */
export class RemoteRepoSource implements RepoSource {
  readonly #waiting = new Map<number, (answer: SourceAnswer) => void>();
  #next = 0;

  constructor(
    readonly description: string,
    private readonly port: MessagePort,
  ) {
    port.on("message", (answer: SourceAnswer) => {
      this.#waiting.get(answer.id)?.(answer);
      this.#waiting.delete(answer.id);
    });
  }

  async listFiles(): Promise<RepoFile[]> {
    return (await this.#ask({ op: "list" })) as RepoFile[];
  }

  async readFile(path: string): Promise<string | undefined> {
    return (await this.#ask({ op: "read", path })) as string | undefined;
  }

  close(): void {
    this.port.close();
  }

  async #ask(question: SourceQuestion): Promise<RepoFile[] | string | undefined> {
    const id = this.#next++;
    const answer = await new Promise<SourceAnswer>((resolve) => {
      this.#waiting.set(id, resolve);
      this.port.postMessage({ ...question, id } satisfies SourceRequest);
    });
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  }
}
