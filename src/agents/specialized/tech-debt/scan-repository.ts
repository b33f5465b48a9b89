import type { RepoFile, RepoSource } from "../../../ports/repo-source.js";
import { analyseFile, UnanalysableFileError } from "./analyse-file.js";
import { CloneDetector, type CloneReport } from "./analysis/clones.js";
import { FileFilter, type FileDecision } from "./analysis/file-filter.js";
import { findTodos, type Todo } from "./analysis/todos.js";
import { dateTodos } from "./date-todos.js";
import { fileItems } from "./file-items.js";
import { lineHashes } from "./fingerprint.js";
import type { CloneReportEntry, DebtItem, FileReport, ScanResult, SkippedFile } from "./model.js";
import { duplicationItem } from "./rules/duplication-rule.js";
import { FindingBuilder } from "./rules/rule-context.js";
import type { ScanOptions } from "./scan-options.js";
import { summarize } from "./summarize.js";

export type { ScanOptions } from "./scan-options.js";

/** Filter outcomes that are normal for a repository (README.md, node_modules) and not worth a "skipped" line. */
const SILENT_SKIPS = new Set(["not-script", "declaration", "excluded-dir"]);

interface InScopeFile {
  path: string;
  hashes: Int32Array;
}

/**
 * Scans a repository: each file is read and parsed once, measured, and let go (no syntax tree
 * outlives its file), while the clone detector keeps compact token hashes of every file so
 * duplication is found across the whole tree. A file that cannot be read, parsed or walked is
 * reported in `skipped` with its reason; it never fails the scan.
 */
export async function scanRepository(source: RepoSource, options: ScanOptions): Promise<ScanResult> {
  const filter = new FileFilter({ ignore: options.ignore });
  const only = options.only === undefined ? undefined : new Set(options.only.map(normalizePath));
  const inScope = (path: string): boolean => only === undefined || only.has(path);

  const skipped: SkippedFile[] = [];
  const skip = (path: string, decision: FileDecision): boolean => {
    if (decision.action === "analyse") return false;
    if (!SILENT_SKIPS.has(decision.reason) && inScope(path)) skipped.push({ path, reason: describeSkip(decision) });
    return true;
  };

  const candidates = dedupe(await source.listFiles()).filter((file) => !skip(file.path, filter.classify(file.path, file.size ?? 0)));
  const detector = new CloneDetector({ minTokens: options.duplication.minTokens, minLines: options.duplication.minLines });
  const files: FileReport[] = [];
  const items: DebtItem[] = [];
  const todos: Todo[] = [];
  const scoped = new Map<string, InScopeFile>();

  let pending = candidates.length > 0 ? readText(source, candidates[0]!.path) : undefined;
  for (let index = 0; index < candidates.length; index++) {
    const path = candidates[index]!.path;
    const text = await pending;
    // Read ahead while this file is analysed.
    pending = index + 1 < candidates.length ? readText(source, candidates[index + 1]!.path) : undefined;
    try {
      if (text === undefined) {
        if (inScope(path)) skipped.push({ path, reason: "unreadable" });
      } else if (!skip(path, filter.classify(path, text))) {
        if (!inScope(path) || analyseInScope(path, text)) detector.addFile(path, text);
      }
    } catch (error) {
      if (inScope(path)) skipped.push({ path, reason: `analysis-error: ${errorText(error)}` });
    }
    options.onProgress?.(index + 1, candidates.length);
  }

  /** Analyses one file of the scope; false when it was skipped. */
  function analyseInScope(path: string, text: string): boolean {
    let analysis;
    try {
      analysis = analyseFile(path, text);
    } catch (error) {
      if (!(error instanceof UnanalysableFileError)) throw error;
      skipped.push({ path, reason: error.reason });
      return false;
    }
    const hashes = lineHashes(text);
    const fileTodos = findTodos(path, text);
    scoped.set(path, { path, hashes });
    todos.push(...fileTodos);
    items.push(...fileItems(analysis, fileTodos, hashes, options.thresholds));
    files.push({
      path,
      loc: analysis.loc,
      functions: analysis.functions.map(({ name, line, column, endLine, cyclomatic, cognitive, params, loc }) => ({
        name,
        line,
        column,
        endLine,
        cyclomatic,
        cognitive,
        params,
        loc,
      })),
    });
    return true;
  }

  const report = detector.result();
  const clones = cloneEntries(report, scoped);
  items.push(...cloneItems(report, scoped, options));
  items.sort((a, b) => compareText(a.file, b.file) || a.line - b.line || compareText(a.rule, b.rule));

  const duplication = scopedDuplication(report, scoped);
  const result: ScanResult = {
    summary: summarize({
      files: files.length,
      loc: files.reduce((sum, file) => sum + file.loc, 0),
      functions: files.reduce((sum, file) => sum + file.functions.length, 0),
      items,
      duplicatedLines: duplication.duplicatedLines,
      totalLines: duplication.totalLines,
      skipped: skipped.length,
    }),
    files,
    items,
    clones,
    todos: await dateTodos(todos, options.blame, options.now),
    skipped,
  };
  const churn = scopedChurn(options.churn, scoped);
  if (churn !== undefined) result.churn = churn;
  return result;
}

function cloneEntries(report: CloneReport, scoped: ReadonlyMap<string, InScopeFile>): CloneReportEntry[] {
  return report.clones
    .filter((clone) => scoped.has(clone.a.path) || scoped.has(clone.b.path))
    .map((clone) => ({
      tokens: clone.tokens,
      lines: clone.lines,
      a: { path: clone.a.path, startLine: clone.a.startLine, endLine: clone.a.endLine },
      b: { path: clone.b.path, startLine: clone.b.startLine, endLine: clone.b.endLine },
    }));
}

function cloneItems(report: CloneReport, scoped: ReadonlyMap<string, InScopeFile>, options: ScanOptions): DebtItem[] {
  const builders = new Map<string, FindingBuilder>();
  const items: DebtItem[] = [];
  for (const clone of report.clones) {
    for (const side of ["a", "b"] as const) {
      const file = scoped.get(clone[side].path);
      if (file === undefined) continue;
      let builder = builders.get(file.path);
      if (builder === undefined) builders.set(file.path, (builder = new FindingBuilder({ path: file.path, hashes: file.hashes })));
      items.push(duplicationItem(clone, side, options.duplication, builder));
    }
  }
  return items;
}

function scopedDuplication(report: CloneReport, scoped: ReadonlyMap<string, InScopeFile>): { duplicatedLines: number; totalLines: number } {
  let duplicatedLines = 0;
  let totalLines = 0;
  for (const file of report.files) {
    if (!scoped.has(file.path)) continue;
    duplicatedLines += file.duplicatedLines;
    totalLines += file.lines;
  }
  return { duplicatedLines, totalLines };
}

function scopedChurn(churn: ReadonlyMap<string, number> | undefined, scoped: ReadonlyMap<string, InScopeFile>): Record<string, number> | undefined {
  if (churn === undefined) return undefined;
  const result: Record<string, number> = {};
  for (const [path, commits] of churn) if (commits > 0 && scoped.has(path)) result[path] = commits;
  return result;
}

async function readText(source: RepoSource, path: string): Promise<string | undefined> {
  return source.readFile(path).catch(() => undefined);
}

function dedupe(files: readonly RepoFile[]): RepoFile[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const path = normalizePath(file.path);
    if (seen.has(path)) return false;
    seen.add(path);
    return true;
  });
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, "/").replace(/^\.\//, "");
}

function describeSkip(decision: Extract<FileDecision, { action: "skip" }>): string {
  return decision.detail === undefined ? decision.reason : `${decision.reason} (${decision.detail})`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
