import { mkdir, mkdtemp, readFile, rm, statfs, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ClonePair, CloneSettings } from "./clone-pair.js";
import { findJscpdBinary } from "./jscpd-binary.js";
import { runJscpd } from "./run-jscpd.js";

export interface DetectOptions extends CloneSettings {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const SHARED_MEMORY = "/dev/shm";
const MAX_SHARED_MEMORY_BYTES = 256 * 1024 * 1024;

/**
 * The files a scan analyses, copied into a private temporary folder for jscpd. Each file is
 * stored under its index and extension (`0000042.tsx`): jscpd picks the language from the
 * extension, while repository paths can never escape the folder, collide on a case-insensitive
 * disk or bring along a config file that would change jscpd's behaviour. Indexes follow the
 * order files are reserved in; callers reserve them in path order so jscpd's pairs keep the
 * earlier path first, as they would in the repository itself. (jscpd walks one folder of copies
 * faster than it takes thousands of files named one by one, even where files already are on disk.)
 */
export class CloneWorkspace {
  readonly #names = new Map<string, string>();
  readonly #repoPaths: string[] = [];

  private constructor(readonly dir: string) {}

  /** `expectedBytes`: about how much will be copied (0 when unknown), to choose where. */
  static async create(expectedBytes = 0): Promise<CloneWorkspace> {
    const dir = await mkdtemp(path.join(await parentFor(expectedBytes), "concord-clones-"));
    await mkdir(path.join(dir, "src"));
    return new CloneWorkspace(dir);
  }

  /**
   * Takes the next name for `repoPath`; the file is written later (or never, when it turns out
   * not to be worth analysing), so files can be read and written in parallel and keep their order.
   */
  reserve(repoPath: string): { write(text: string): Promise<void> } {
    if (this.#names.has(repoPath)) throw new Error(`file added twice: ${repoPath}`);
    const name = `${String(this.#repoPaths.length).padStart(7, "0")}${extensionOf(repoPath)}`;
    this.#repoPaths.push(repoPath);
    this.#names.set(repoPath, name);
    return { write: (text) => writeFile(this.#copyOf(name), text, "utf8") };
  }

  add(repoPath: string, text: string): Promise<void> {
    return this.reserve(repoPath).write(text);
  }

  /** The text of a file written before (read back instead of asking the source twice). */
  read(repoPath: string): Promise<string> {
    const name = this.#names.get(repoPath);
    if (name === undefined) return Promise.reject(new Error(`not in the workspace: ${repoPath}`));
    return readFile(this.#copyOf(name), "utf8");
  }

  /** jscpd's clone pairs among the written files, in repository paths. */
  async detect(options: DetectOptions): Promise<ClonePair[]> {
    const report = await runJscpd(path.join(this.dir, "src"), path.join(this.dir, "report"), {
      binary: findJscpdBinary(),
      minTokens: options.minTokens,
      minLines: options.minLines,
      maxBytes: options.maxBytes,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    const repoPathOf = (name: string): string => {
      const repoPath = this.#repoPaths[Number.parseInt(path.basename(name), 10)];
      if (repoPath === undefined) throw new Error(`jscpd reported a file Concord did not give it: ${name}`);
      return repoPath;
    };
    return report.duplicates.map((duplicate) => ({
      tokens: duplicate.tokens,
      lines: duplicate.lines,
      a: { path: repoPathOf(duplicate.firstFile.name), startLine: duplicate.firstFile.start, endLine: duplicate.firstFile.end },
      b: { path: repoPathOf(duplicate.secondFile.name), startLine: duplicate.secondFile.start, endLine: duplicate.secondFile.end },
    }));
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }

  #copyOf(name: string): string {
    return path.join(this.dir, "src", name);
  }
}

/**
 * Memory-backed /dev/shm where it exists and has room to spare, else the system's temporary
 * folder. Creating thousands of small files costs a disk far more than it costs memory (on this
 * project's machines a millisecond each, a third of a large scan), and the copies live only for
 * the scan.
 */
async function parentFor(expectedBytes: number): Promise<string> {
  if (expectedBytes > MAX_SHARED_MEMORY_BYTES) return tmpdir();
  const space = await statfs(SHARED_MEMORY).catch(() => undefined);
  return space !== undefined && space.bavail * space.bsize > 4 * expectedBytes ? SHARED_MEMORY : tmpdir();
}

/** The lower-cased extension with its dot; jscpd maps `.ts`, `.mts`, `.cts`, `.tsx`, `.js`, `.mjs`, `.cjs`, `.jsx`. */
function extensionOf(repoPath: string): string {
  const base = repoPath.slice(repoPath.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot).toLowerCase();
}
