import type { RepoFile, RepoSource } from "../../../ports/repo-source.js";

/**
 * The base side of a pull request with renamed files shown under their head names. Fingerprints
 * include the path, so without this every finding in a renamed file would look fixed at its old
 * path and new at its new one.
 */
export class RenamedRepoSource implements RepoSource {
  readonly description: string;
  readonly #oldByNew: ReadonlyMap<string, string>;
  readonly #newByOld: ReadonlyMap<string, string>;

  /** `renames` maps a head path to the path the file had at base. */
  constructor(
    readonly base: RepoSource,
    renames: Readonly<Record<string, string>>,
  ) {
    this.description = base.description;
    this.#oldByNew = new Map(Object.entries(renames));
    this.#newByOld = new Map(Object.entries(renames).map(([head, old]) => [old, head]));
  }

  async listFiles(): Promise<RepoFile[]> {
    return (await this.base.listFiles()).map((file) => {
      const renamed = this.#newByOld.get(file.path);
      return renamed === undefined ? file : { ...file, path: renamed };
    });
  }

  readFile(path: string): Promise<string | undefined> {
    return this.base.readFile(this.#oldByNew.get(path) ?? path);
  }
}
