import type { RepoSource } from "../../../ports/repo-source.js";
import { DEFAULT_TEST_FILES } from "../../../config/tech-debt-schema.js";
import { UnanalysableFileError } from "./analyse-file.js";
import { compileGlobs, FileFilter, type FileDecision } from "./analysis/file-filter.js";
import { collectFiles, normalizePath } from "./collect-files.js";
import type { ClonePair, CloneRange } from "./duplication/clone-pair.js";
import { groupClones } from "./duplication/clone-groups.js";
import { measureFile } from "./measure-file.js";
import type { DebtItem, ScanResult, SkippedFile } from "./model.js";
import { duplicationItem } from "./rules/duplication-rule.js";
import { FindingBuilder } from "./rules/rule-context.js";
import type { ScanOptions, TestCodeSettings } from "./scan-options.js";
import { SectionBuilder } from "./scan-section.js";

export type { ScanOptions } from "./scan-options.js";

/** Filter outcomes that are normal for a repository (README.md, node_modules, excluded tests) and not worth a "skipped" line. */
const SILENT_SKIPS = new Set(["not-script", "declaration", "excluded-dir", "test-code"]);
const DEFAULT_TESTS: TestCodeSettings = { mode: "separate", files: DEFAULT_TEST_FILES };
const MB = 1024 * 1024;
/** jscpd's peak memory per byte of code it reads, measured on real and generated JavaScript (27 to 36). */
const DETECTION_MEMORY_FACTOR = 30;

/** What a scan keeps of an analysed file for the clone findings made after the analysis pass. */
interface AnalysedFile {
  /** Per-line hashes (4 bytes a line), for the fingerprints of clones; none once duplication will not be measured. */
  hashes: Int32Array;
  section: SectionBuilder;
}
const NO_HASHES = new Int32Array(0);

/**
 * Scans a repository in two overlapping passes. The first reads each file once and copies the
 * ones worth analysing into a private folder, where jscpd looks for duplicated code once all
 * are there; the second parses and measures each file as soon as it is copied, one at a time
 * (no syntax tree outlives its file), while jscpd runs in its own process. Test
 * files are measured into their own section unless the settings say otherwise. A file that
 * cannot be read, parsed or walked is reported in `skipped` with its reason; it never fails the
 * scan, and neither does duplicate detection failing (the scan then says so in `warnings`). So is a
 * file the caller withholds (one whose analysis ran out of memory in an earlier attempt).
 */
export async function scanRepository(source: RepoSource, options: ScanOptions): Promise<ScanResult> {
  const filter = new FileFilter({ ignore: options.ignore, ...(options.maxFileBytes === undefined ? {} : { maxBytes: options.maxFileBytes }) });
  const tests = options.tests ?? DEFAULT_TESTS;
  const isTest = compileGlobs(tests.files, "test");
  const only = options.only === undefined ? undefined : new Set(options.only.map(normalizePath));
  const inScope = (path: string): boolean => only === undefined || only.has(path);

  const keepFunctions = options.keepFunctions ?? true;
  const code = new SectionBuilder(keepFunctions);
  const testCode = tests.mode === "separate" ? new SectionBuilder(keepFunctions) : undefined;
  const sectionOf = (path: string): SectionBuilder => (testCode !== undefined && isTest(path) ? testCode : code);
  const skipped: SkippedFile[] = [];
  const skip = (path: string, reason: string): void => {
    skipped.push({ path, reason });
    sectionOf(path).skipped++;
  };
  const decide = (path: string, content: string | number): FileDecision => {
    const decision = filter.classify(path, content);
    if (decision.action === "analyse" && tests.mode === "exclude" && isTest(path)) return { action: "skip", reason: "test-code" };
    return decision;
  };

  const collection = await collectFiles(source, {
    decide,
    maxFileBytes: filter.maxBytes,
    skipped(path, decision) {
      if (decision === "unreadable") {
        if (inScope(path)) skip(path, "unreadable");
      } else if (!SILENT_SKIPS.has(decision.reason) && inScope(path)) {
        skip(path, decision.detail === undefined ? decision.reason : `${decision.reason} (${decision.detail})`);
      }
    },
  });
  const { workspace } = collection;
  try {
    const warnings: string[] = [];
    const analysed = new Map<string, AnalysedFile>();
    // jscpd starts once every file is copied and runs in its own process while this one measures.
    let duplicationUnmeasured: string | undefined;
    const detection = collection.done
      .then(() => {
        const tooMuch = tooMuchForDetection(collection.copiedBytes(), options.duplicationMaxBytes);
        if (tooMuch !== undefined) throw new Error(tooMuch);
        return workspace.detect({
          minTokens: options.duplication.minTokens,
          minLines: options.duplication.minLines,
          maxBytes: filter.maxBytes,
          ...(options.duplicationTimeoutMs === undefined ? {} : { timeoutMs: options.duplicationTimeoutMs }),
        });
      })
      .catch((error: unknown): ClonePair[] => {
        duplicationUnmeasured = error instanceof Error ? error.message : String(error);
        warnings.push(`Duplicated code was not measured: ${duplicationUnmeasured}`);
        // No clone will need its lines' fingerprints: the hashes kept for them go now.
        for (const file of analysed.values()) file.hashes = NO_HASHES;
        return [];
      });

    const toAnalyse = collection.files.filter((file) => inScope(file.path));
    for (const [index, { path, ready }] of toAnalyse.entries()) {
      const kept = await ready;
      // A withheld file was still copied, so duplicate detection (in its own process) still sees it.
      const withheld = kept ? options.withheld?.get(path) : undefined;
      if (withheld !== undefined) skip(path, withheld);
      else if (kept) {
        try {
          const text = await workspace.read(path);
          // Named after the read: measureFile is synchronous, so nothing else runs (no read-ahead) until it is over.
          options.measuring?.(path);
          const measured = measureFile(path, text, options.thresholds);
          const section = sectionOf(path);
          section.addFile(measured);
          analysed.set(path, { hashes: duplicationUnmeasured === undefined ? measured.hashes : NO_HASHES, section });
        } catch (error) {
          skip(path, error instanceof UnanalysableFileError ? error.reason : `analysis-error: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          options.measuring?.(undefined);
        }
      }
      options.onProgress?.(index + 1, toAnalyse.length);
    }

    const pairs = await detection;
    addDuplication(pairs, analysed, options);
    const result: ScanResult = {
      ...(await code.build(options.blame, options.now)),
      clones: pairs.filter((pair) => analysed.has(pair.a.path) || analysed.has(pair.b.path)),
      skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      warnings,
      ...(duplicationUnmeasured === undefined ? {} : { duplicationUnmeasured }),
    };
    if (testCode !== undefined) result.tests = await testCode.build(options.blame, options.now);
    if (options.churn !== undefined) result.churn = churnOf(options.churn, result.files);
    return result;
  } finally {
    await workspace.remove();
  }
}

/** Why the copied files are too much for one run of duplicate detection, if they are. */
function tooMuchForDetection(bytes: number, limit: number | undefined): string | undefined {
  if (limit === undefined || bytes <= limit) return undefined;
  const mb = (value: number): string => `${Math.round((value / MB) * 10) / 10} MB`;
  return `the files to compare come to ${mb(bytes)}, more than the ${mb(limit)} duplicate detection may read at once (it needs about ${DETECTION_MEMORY_FACTOR} times as much memory)`;
}

/**
 * Clone findings and duplicated-line figures. A group of copies becomes one finding in the
 * section of its first analysed copy; a pair counts towards the duplicated lines of the section
 * holding its first copy, as jscpd counts them.
 */
function addDuplication(pairs: readonly ClonePair[], analysed: ReadonlyMap<string, AnalysedFile>, options: ScanOptions): void {
  for (const pair of pairs) {
    const first = analysed.get(pair.a.path);
    if (first !== undefined) first.section.duplicatedLines += pair.lines;
  }
  const builders = new Map<string, FindingBuilder>();
  for (const group of groupClones(pairs)) {
    const primary = group.copies.find((copy: CloneRange) => analysed.has(copy.path));
    if (primary === undefined) continue;
    const file = analysed.get(primary.path)!;
    let builder = builders.get(primary.path);
    if (builder === undefined) builders.set(primary.path, (builder = new FindingBuilder({ path: primary.path, hashes: file.hashes })));
    const item: DebtItem = duplicationItem(group, primary, options.duplication, builder);
    file.section.items.push(item);
  }
}

/** Commits of the rated files only: hotspots are about the code, not its tests. */
function churnOf(churn: ReadonlyMap<string, number>, files: readonly { path: string }[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const { path } of files) {
    const commits = churn.get(path);
    if (commits !== undefined && commits > 0) result[path] = commits;
  }
  return result;
}
