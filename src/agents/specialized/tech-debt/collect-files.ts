import type { RepoFile, RepoSource } from "../../../ports/repo-source.js";
import type { FileDecision } from "./analysis/file-filter.js";
import type { CloneWorkspace } from "./duplication/clone-workspace.js";

export interface CollectHooks {
  /** Whether to analyse the file: the filter's decision on its path and size, then on its text. */
  decide(path: string, content: string | number): FileDecision;
  /** A file left out, with the decision (or "unreadable") that left it out. */
  skipped(path: string, decision: Extract<FileDecision, { action: "skip" }> | "unreadable"): void;
}

/**
 * The first pass of a scan: lists the repository, reads each candidate once (the next one is
 * read while this one is written), and copies every file worth analysing into the clone
 * workspace. Returns their paths in path order. Files are never held in memory past their turn.
 */
export async function collectFiles(source: RepoSource, workspace: CloneWorkspace, hooks: CollectHooks): Promise<string[]> {
  const candidates = dedupe(await source.listFiles())
    .filter((file) => {
      const decision = hooks.decide(file.path, file.size ?? 0);
      if (decision.action === "skip") hooks.skipped(file.path, decision);
      return decision.action === "analyse";
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const accepted: string[] = [];
  let pending = candidates.length > 0 ? readText(source, candidates[0]!.path) : undefined;
  for (let index = 0; index < candidates.length; index++) {
    const path = candidates[index]!.path;
    const text = await pending;
    pending = index + 1 < candidates.length ? readText(source, candidates[index + 1]!.path) : undefined;
    if (text === undefined) {
      hooks.skipped(path, "unreadable");
      continue;
    }
    const decision = hooks.decide(path, text);
    if (decision.action === "skip") {
      hooks.skipped(path, decision);
      continue;
    }
    await workspace.add(path, text);
    accepted.push(path);
  }
  return accepted;
}

async function readText(source: RepoSource, path: string): Promise<string | undefined> {
  return source.readFile(path).catch(() => undefined);
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
