import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { LocalRepoSource } from "../adapters/repo-source/local-repo-source.js";
import { scanRepository } from "../agents/specialized/tech-debt/scan-repository.js";
import type { ScanOptions } from "../agents/specialized/tech-debt/scan-options.js";
import { changedFilesSince } from "./changed-files.js";
import { CliFailure, type CliIO } from "./cli-io.js";
import { formatScan } from "./format-output.js";
import { loadSettings } from "./load-settings.js";
import type { ScanCommand } from "./parse-args.js";
import { ProgressBar } from "./progress-bar.js";

const CHURN_WINDOW_MS = 90 * 86_400_000;

/**
 * `concord scan`: reads the folder through LocalRepoSource (which only reads files and runs
 * read-only git with the repository's program-running settings switched off), so nothing
 * from the scanned folder is executed.
 */
export async function runScanCommand(command: ScanCommand, io: CliIO, toolVersion: string): Promise<void> {
  const root = path.resolve(io.cwd, command.path);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliFailure(`not a folder: ${root}`);

  const settings = await loadSettings(root);
  const source = new LocalRepoSource(root);
  const now = io.now();
  const git = await source.isGitCheckout();
  const options: ScanOptions = { thresholds: settings.thresholds, duplication: settings.duplication, ignore: settings.ignore, now };
  if (command.changedSince !== undefined) {
    if (!git) throw new CliFailure("--changed-since needs a git checkout");
    options.only = await changedFilesSince(root, command.changedSince).catch((error: unknown) => {
      throw new CliFailure(`cannot list the files changed since ${command.changedSince}: ${error instanceof Error ? error.message : String(error)}`);
    });
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
  const text = formatScan(scan, command.format, { root, toolVersion, now });
  if (command.output === undefined) {
    io.stdout.write(text);
  } else {
    const target = path.resolve(io.cwd, command.output);
    await writeFile(target, text, "utf8");
    io.stderr.write(`Wrote ${command.format} to ${target}\n`);
  }
}
