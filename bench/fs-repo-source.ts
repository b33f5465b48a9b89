import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { RepoFile, RepoSource } from "../src/ports/repo-source.js";

/**
 * A plain directory walk. The bench scans node_modules/effect/src, which sits inside this
 * repository's git work tree but is git-ignored, so LocalRepoSource (which lists through git
 * there) would see no files.
 */
export class FsRepoSource implements RepoSource {
  readonly description: string;
  constructor(readonly root: string) {
    this.description = root;
  }

  async listFiles(): Promise<RepoFile[]> {
    const files: RepoFile[] = [];
    for (const entry of await readdir(this.root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const absolute = path.join(entry.parentPath, entry.name);
      files.push({ path: path.relative(this.root, absolute).split(path.sep).join("/"), size: (await stat(absolute)).size });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  readFile(relative: string): Promise<string | undefined> {
    return readFile(path.join(this.root, relative), "utf8").catch(() => undefined);
  }
}
