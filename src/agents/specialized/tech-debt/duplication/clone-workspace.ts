import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ClonePair, CloneSettings } from "./clone-pair.js";
import { findJscpdBinary } from "./jscpd-binary.js";
import { runJscpd } from "./run-jscpd.js";

export interface DetectOptions extends CloneSettings {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/**
 * The files a scan analyses, copied into a private temporary folder for jscpd. Each file is
 * stored under its index and extension (`0000042.tsx`): jscpd picks the language from the
 * extension, while repository paths can never escape the folder, collide on a case-insensitive
 * disk or bring along a config file that would change jscpd's behaviour. Indexes follow the
 * order files are added in; callers add them in path order so jscpd's pairs keep the earlier
 * path first, as they would in the repository itself.
 */
export class CloneWorkspace {
  readonly #paths: string[] = [];
  readonly #names = new Map<string, string>();

  private constructor(readonly dir: string) {}

  static async create(): Promise<CloneWorkspace> {
    const dir = await mkdtemp(path.join(tmpdir(), "concord-clones-"));
    await mkdir(path.join(dir, "src"));
    return new CloneWorkspace(dir);
  }

  async add(repoPath: string, text: string): Promise<void> {
    if (this.#names.has(repoPath)) throw new Error(`file added twice: ${repoPath}`);
    const name = `${String(this.#paths.length).padStart(7, "0")}${extensionOf(repoPath)}`;
    this.#paths.push(repoPath);
    this.#names.set(repoPath, name);
    await writeFile(path.join(this.dir, "src", name), text, "utf8");
  }

  /** The text of a file added before (read back instead of asking the source twice). */
  read(repoPath: string): Promise<string> {
    const name = this.#names.get(repoPath);
    if (name === undefined) return Promise.reject(new Error(`not in the workspace: ${repoPath}`));
    return readFile(path.join(this.dir, "src", name), "utf8");
  }

  /** jscpd's clone pairs among the added files, in repository paths. */
  async detect(options: DetectOptions): Promise<ClonePair[]> {
    const report = await runJscpd(path.join(this.dir, "src"), path.join(this.dir, "report"), {
      binary: findJscpdBinary(),
      minTokens: options.minTokens,
      minLines: options.minLines,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const pathOf = (name: string): string => {
      const index = Number.parseInt(path.basename(name), 10);
      const repoPath = this.#paths[index];
      if (repoPath === undefined) throw new Error(`jscpd reported a file Concord did not give it: ${name}`);
      return repoPath;
    };
    return report.duplicates.map((duplicate) => ({
      tokens: duplicate.tokens,
      lines: duplicate.lines,
      a: { path: pathOf(duplicate.firstFile.name), startLine: duplicate.firstFile.start, endLine: duplicate.firstFile.end },
      b: { path: pathOf(duplicate.secondFile.name), startLine: duplicate.secondFile.start, endLine: duplicate.secondFile.end },
    }));
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** The lower-cased extension with its dot; jscpd maps `.ts`, `.mts`, `.cts`, `.tsx`, `.js`, `.mjs`, `.cjs`, `.jsx`. */
function extensionOf(repoPath: string): string {
  const base = repoPath.slice(repoPath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot).toLowerCase();
}
