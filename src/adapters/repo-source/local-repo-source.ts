import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { HistorySource, RepoFile, RepoSource } from "../../ports/repo-source.js";
import { parseBlamePorcelain, parseNameOnlyLog, runGit, splitNul, type BlameLine, type GitOptions } from "./git.js";

export type { BlameLine } from "./git.js";

/** Directories a plain walk never enters (a git listing is governed by .gitignore instead). */
const WALK_SKIP = new Set(["node_modules", ".git"]);

export interface LocalRepoSourceOptions extends GitOptions {
  /** Stop a directory walk after this many files (a git listing is not capped). Default 200 000. */
  maxWalkFiles?: number;
}

/**
 * A RepoSource over a folder on disk. Nothing from the folder is executed: git runs only
 * read commands with the repository's program-running settings neutralized, and no
 * package scripts or config files of the scanned project are loaded.
 */
export class LocalRepoSource implements RepoSource, HistorySource {
  readonly description: string;
  readonly #root: string;
  readonly #options: LocalRepoSourceOptions;
  #isGit: Promise<boolean> | undefined;
  #realRoot: Promise<string> | undefined;

  constructor(root: string, options: LocalRepoSourceOptions = {}) {
    this.#root = path.resolve(root);
    this.description = this.#root;
    this.#options = options;
  }

  /**
   * True when the folder is inside a git work tree (and git is installed) and is not itself
   * git-ignored: a folder the user points at explicitly (`concord scan node_modules/x/src`) is
   * walked, not filtered away by the enclosing repository's .gitignore.
   */
  isGitCheckout(): Promise<boolean> {
    this.#isGit ??= (async () => {
      const inside = await runGit(this.#root, ["rev-parse", "--is-inside-work-tree"], this.#options).then(
        (out) => out.trim() === "true",
        () => false,
      );
      if (!inside) return false;
      // check-ignore exits 0 when the path is ignored, 1 when it is not.
      const ignored = await runGit(this.#root, ["check-ignore", "-q", "."], this.#options).then(
        () => true,
        () => false,
      );
      return !ignored;
    })();
    return this.#isGit;
  }

  async listFiles(): Promise<RepoFile[]> {
    const paths = (await this.isGitCheckout()) ? await this.#gitPaths() : await this.#walk();
    const files: RepoFile[] = [];
    for (const relative of paths) {
      // lstat: symlinks are not followed, so a link cannot pull in files outside the folder.
      const info = await lstat(path.join(this.#root, relative)).catch(() => undefined);
      if (info?.isFile()) files.push({ path: relative, size: info.size });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readFile(relative: string): Promise<string | undefined> {
    const absolute = await this.#resolveInside(relative);
    if (!absolute) return undefined;
    return readFile(absolute, "utf8").catch(() => undefined);
  }

  async blame(relative: string): Promise<Map<number, BlameLine>> {
    if (!(await this.isGitCheckout()) || !isSafeRelative(relative)) return new Map();
    // Blame HEAD, not the working tree: blaming working-tree content would run the
    // repository's clean filters. Line numbers therefore refer to the committed file.
    const out = await runGit(this.#root, ["blame", "--line-porcelain", "--no-textconv", "HEAD", "--", relative], this.#options).catch(
      () => undefined,
    );
    return out === undefined ? new Map() : parseBlamePorcelain(out);
  }

  async churn(sinceIso: string): Promise<Map<string, number>> {
    const since = Date.parse(sinceIso);
    if (Number.isNaN(since)) throw new RangeError(`not an ISO time: ${sinceIso}`);
    if (!(await this.isGitCheckout())) return new Map();
    const out = await runGit(
      this.#root,
      [
        "log",
        "--no-merges",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        `--since=${new Date(since).toISOString()}`,
        "--format=format:%x1e%H",
        "--name-only",
        "--relative",
        "-z",
        "--",
        ".",
      ],
      this.#options,
    ).catch(() => undefined);
    return out === undefined ? new Map() : parseNameOnlyLog(out);
  }

  async #gitPaths(): Promise<string[]> {
    // -c tracked, -o untracked, minus ignored; paths come relative to the folder.
    const out = await runGit(this.#root, ["ls-files", "-z", "-c", "-o", "--exclude-standard"], this.#options);
    return [...new Set(splitNul(out))];
  }

  async #walk(): Promise<string[]> {
    const limit = this.#options.maxWalkFiles ?? 200_000;
    const found: string[] = [];
    const pending = [""];
    while (pending.length > 0 && found.length < limit) {
      const dir = pending.pop()!;
      const entries = await readdir(path.join(this.#root, dir), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const relative = dir === "" ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!WALK_SKIP.has(entry.name)) pending.push(relative);
        } else if (entry.isFile() && found.length < limit) {
          found.push(relative);
        }
      }
    }
    return found;
  }

  /** The absolute path of a regular file under the root, or undefined for anything else. */
  async #resolveInside(relative: string): Promise<string | undefined> {
    if (!isSafeRelative(relative)) return undefined;
    this.#realRoot ??= realpath(this.#root);
    const [root, real] = await Promise.all([this.#realRoot, realpath(path.join(this.#root, relative)).catch(() => undefined)]);
    if (!real || !real.startsWith(root + path.sep)) return undefined;
    const info = await stat(real).catch(() => undefined);
    return info?.isFile() ? real : undefined;
  }
}

function isSafeRelative(relative: string): boolean {
  if (relative === "" || relative.includes("\0") || path.isAbsolute(relative)) return false;
  return !relative.split(/[\\/]/).includes("..");
}
