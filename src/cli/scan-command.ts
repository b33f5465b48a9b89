import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { GitRevisionSource } from "../adapters/repo-source/git-revision-source.js";
import { LocalRepoSource } from "../adapters/repo-source/local-repo-source.js";
import { compareScans, toChangedLines } from "../agents/specialized/tech-debt/compare-scans.js";
import type { DebtItem, ScanResult } from "../agents/specialized/tech-debt/model.js";
import { RenamedRepoSource } from "../agents/specialized/tech-debt/renamed-repo-source.js";
import { scanRepository } from "../agents/specialized/tech-debt/scan-repository.js";
import type { ScanOptions } from "../agents/specialized/tech-debt/scan-options.js";
import { scanOptions } from "../agents/specialized/tech-debt/tech-debt-agent.js";
import { changedFilesSince, mergeBase, type ChangedFile } from "./changed-files.js";
import { CliFailure, type CliIO } from "./cli-io.js";
import { formatScan } from "./format-output.js";
import { evaluateGate, type GateResult } from "./gate.js";
import { loadSettings } from "./load-settings.js";
import type { ScanCommand } from "./parse-args.js";
import { ProgressBar } from "./progress-bar.js";

const CHURN_WINDOW_MS = 90 * 86_400_000;

/**
 * `concord scan`: reads the folder through LocalRepoSource (which only reads files and runs
 * read-only git with the repository's program-running settings switched off), so nothing
 * from the scanned folder is executed. Returns the quality gate's verdict.
 */
export async function runScanCommand(command: ScanCommand, io: CliIO, toolVersion: string): Promise<GateResult> {
  const root = path.resolve(io.cwd, command.path);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliFailure(`not a folder: ${root}`);

  const settings = await loadSettings(root);
  if (command.includeTests) settings.tests = "include";
  const source = new LocalRepoSource(root);
  const now = io.now();
  const git = await source.isGitCheckout();
  const options: ScanOptions = { ...scanOptions(settings, now), ...(command.maxFileBytes === undefined ? {} : { maxFileBytes: command.maxFileBytes }) };
  let changed: ChangedFile[] | undefined;
  if (command.changedSince !== undefined) {
    if (!git) throw new CliFailure("--changed-since needs a git checkout");
    changed = await changedFilesSince(root, command.changedSince).catch((error: unknown) => {
      throw new CliFailure(`cannot list the files changed since ${command.changedSince}: ${error instanceof Error ? error.message : String(error)}`);
    });
    options.only = changed.map((file) => file.path);
  }
  if (git) {
    options.blame = (file) => source.blame(file);
    options.churn = await source.churn(new Date(now.getTime() - CHURN_WINDOW_MS).toISOString()).catch(() => undefined);
  }
  const progress = new ProgressBar(io.stderr);
  options.onProgress = (done, total) => progress.update(done, total);
  let scan;
  try {
    scan = await scanRepository(source, options);
  } finally {
    progress.done();
  }
  await emit(formatScan(scan, command.format, { root, toolVersion, now }), command, io);

  const gated = command.failOn !== undefined && changed !== undefined ? await newFindings(root, command.changedSince!, changed, scan, options) : scan.items;
  return evaluateGate({ items: gated, rating: scan.summary.rating, failOn: command.failOn, failOnRating: command.failOnRating, onlyNew: changed !== undefined });
}

/**
 * With --changed-since, the gate looks at what the branch added: the changed files are scanned
 * again as they were at the merge base, and only findings the branch introduced count (matched
 * the way the PR check matches them, so the two gates agree).
 */
async function newFindings(root: string, ref: string, changed: readonly ChangedFile[], head: ScanResult, options: ScanOptions): Promise<DebtItem[]> {
  const base = await mergeBase(root, ref).catch((error: unknown) => {
    throw new CliFailure(`cannot find where HEAD left ${ref}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const existing = changed.filter((file) => !file.added);
  const renames = Object.fromEntries(existing.flatMap((file) => (file.previousPath === undefined ? [] : [[file.path, file.previousPath]])));
  const baseSource = new RenamedRepoSource(new GitRevisionSource(root, base, existing.map((file) => file.previousPath ?? file.path)), renames);
  const { onProgress: _progress, blame: _blame, ...quiet } = options;
  const baseScan = await scanRepository(baseSource, quiet);
  const comparison = compareScans(baseScan, head, toChangedLines(Object.fromEntries(changed.map((file) => [file.path, "all" as const]))));
  return comparison.introduced;
}

async function emit(text: string, command: ScanCommand, io: CliIO): Promise<void> {
  if (command.output === undefined) {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, command.output);
  try {
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text, "utf8");
  } catch (error) {
    throw new CliFailure(`cannot write ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
  io.stderr.write(`Wrote ${command.format} to ${target}\n`);
}
