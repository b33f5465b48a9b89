import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ContentsPort } from "../../ports/github.js";
import type { RepoFile, RepoSource } from "../../ports/repo-source.js";

/**
 * A PR's changed files at one revision, read through the contents API on demand. Only the files the
 * PR touches are listed: the check is about new code, and this keeps a PR scan to a few requests.
 *
 * Each file is fetched once: a job run again (after its thread ran out of memory) reads what the
 * first run fetched. The copies are kept on disk, not in memory, so a PR of hundreds of large files
 * costs this process one file at a time, however many it has; `close` removes them.
 *
 * Once GitHub fails to serve one file, no other file is asked for: a side read in part gives no
 * verdict anyway, and each failing read costs the client's retries, so reading on would only keep
 * the check spinning.
 */
export class PullRequestSource implements RepoSource {
  /** Per fetched path: its copy on disk, or undefined when GitHub has no such file at this revision. */
  readonly #copies = new Map<string, Promise<string | undefined>>();
  #folder: Promise<string> | undefined;
  #closed = false;
  /** The first file GitHub failed to serve. */
  #unserved: string | undefined;

  constructor(
    private readonly contents: ContentsPort,
    readonly description: string,
    private readonly ref: string,
    private readonly files: RepoFile[],
  ) {}

  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve(this.files);
  }

  readFile(file: string): Promise<string | undefined> {
    const index = this.files.findIndex((listed) => listed.path === file);
    if (index === -1) return Promise.resolve(undefined);
    const copy = this.#copies.get(file);
    if (copy !== undefined) return copy.then((copied) => (copied === undefined ? undefined : readFile(copied, "utf8")));
    if (this.#unserved !== undefined) return Promise.reject(new Error(`not read: GitHub did not serve ${this.#unserved} at ${this.ref.slice(0, 7)}`));
    // The first read answers with the fetched text itself; only later reads go to the disk.
    const text = this.contents.getFileText(file, this.ref);
    text.catch(() => (this.#unserved ??= file));
    const kept = text.then((fetched) => (fetched === undefined ? undefined : this.#keep(index, fetched)));
    this.#copies.set(file, kept);
    // A copy the disk did not take is fetched again by the next read (a fetch that failed is not: see above).
    kept.catch(() => {
      if (this.#copies.get(file) === kept) this.#copies.delete(file);
    });
    return text;
  }

  /** Removes the copies; reads after this fetch nothing and find nothing kept. */
  async close(): Promise<void> {
    this.#closed = true;
    const folder = this.#folder;
    this.#folder = undefined;
    if (folder !== undefined) await rm(await folder, { recursive: true, force: true });
  }

  async #keep(index: number, text: string): Promise<string> {
    if (this.#closed) throw new Error(`${this.description} is closed`);
    this.#folder ??= mkdtemp(path.join(tmpdir(), "concord-pr-files-"));
    // Named by its place in the list: a repository path cannot reach outside the folder.
    const copy = path.join(await this.#folder, String(index));
    await writeFile(copy, text, "utf8");
    return copy;
  }
}
