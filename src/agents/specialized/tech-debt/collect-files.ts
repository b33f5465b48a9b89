import type { RepoFile, RepoSource } from "../../../ports/repo-source.js";
import type { FileDecision } from "./analysis/file-filter.js";
import { CloneWorkspace } from "./duplication/clone-workspace.js";

export interface CollectHooks {
  /** Whether to analyse the file: the filter's decision on its path and size, then on its text. */
  decide(path: string, content: string | number): FileDecision;
  /** A file left out, with the decision (or "unreadable") that left it out. */
  skipped(path: string, decision: Extract<FileDecision, { action: "skip" }> | "unreadable"): void;
  /** The largest file the filter lets through, taken as the size of a file whose size is not listed. */
  maxFileBytes: number;
}

export interface CollectedFile {
  path: string;
  /** Settles once the file was read and judged: true when it is in the workspace, worth analysing. */
  ready: Promise<boolean>;
}

export interface Collection {
  /** Where the copies go; the caller removes it. */
  workspace: CloneWorkspace;
  /** Candidates in path order. */
  files: CollectedFile[];
  /** Settles when every candidate is settled. */
  done: Promise<void>;
  /** The bytes of text written to the workspace so far (all of them once `done` settled). */
  copiedBytes(): number;
}

/** Files read and copied at once: enough to keep the disk (or GitHub) busy, few enough to bound memory. */
const CONCURRENCY = 8;

/**
 * The first pass of a scan: lists the repository, then reads each candidate once and copies
 * every file worth analysing into the clone workspace, a few files at a time and ahead of the
 * caller, who can analyse each file as soon as it is ready while the rest are still copied. A
 * file's text is let go as soon as it is written.
 */
export async function collectFiles(source: RepoSource, hooks: CollectHooks): Promise<Collection> {
  const candidates = dedupe(await source.listFiles())
    .filter((file) => {
      const decision = hooks.decide(file.path, file.size ?? 0);
      if (decision.action === "skip") hooks.skipped(file.path, decision);
      return decision.action === "analyse";
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // A pull request's files come without sizes: counting each at the most it may be keeps hundreds of them out of memory-backed storage.
  const workspace = await CloneWorkspace.create(candidates.reduce((sum, file) => sum + (file.size ?? hooks.maxFileBytes), 0));
  // Workspace names follow the order files are reserved in, so every file gets its slot up front.
  const slots = candidates.map((file) => workspace.reserve(file.path));
  const settle: ((kept: boolean) => void)[] = [];
  let copied = 0;
  const files = candidates.map(({ path }) => ({ path, ready: new Promise<boolean>((resolve) => settle.push(resolve)) }));

  const copy = async (index: number): Promise<boolean> => {
    const path = candidates[index]!.path;
    const text = await source.readFile(path).catch(() => undefined);
    if (text === undefined) {
      hooks.skipped(path, "unreadable");
      return false;
    }
    const decision = hooks.decide(path, text);
    if (decision.action === "skip") {
      hooks.skipped(path, decision);
      return false;
    }
    await slots[index]!.write(text);
    copied += Buffer.byteLength(text, "utf8");
    return true;
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const index = next++;
      settle[index]!(await copy(index).catch(() => false));
    }
  };
  const done = Promise.all(Array.from({ length: Math.min(CONCURRENCY, candidates.length) }, worker)).then(() => undefined);
  return { workspace, files, done, copiedBytes: () => copied };
}

function dedupe(files: readonly RepoFile[]): RepoFile[] {
  const seen = new Set<string>();
  const unique: RepoFile[] = [];
  for (const file of files) {
    const path = normalizePath(file.path);
    if (seen.has(path)) continue;
    seen.add(path);
    unique.push({ ...file, path });
  }
  return unique;
}

export function normalizePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}
