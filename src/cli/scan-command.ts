import { randomUUID } from "node:crypto";
import { mkdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { LocalRepoSource } from "../adapters/repo-source/local-repo-source.js";
import type { DebtItem } from "../agents/specialized/tech-debt/model.js";
import type { TechDebtSettings } from "../agents/specialized/tech-debt/settings.js";
import { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "../agents/specialized/tech-debt/tech-debt-capability.js";
import type { AgentClient } from "../agent-runtime/agent-client.js";
import { changedFilesSince, mergeBase, type ChangedFile } from "./changed-files.js";
import { CliFailure, type CliIO } from "./cli-io.js";
import { formatScan } from "./format-output.js";
import { evaluateGate, type GateResult } from "./gate.js";
import { loadSettings } from "./load-settings.js";
import { openLocalAgents } from "./local-agents.js";
import type { ScanCommand } from "./parse-args.js";
import { ProgressBar } from "./progress-bar.js";

/**
 * `concord scan`: asks the tech-debt agent through the same client and host as the app, with the
 * folder as a local source reference. The folder is read through LocalRepoSource (which only reads
 * files and runs read-only git with the repository's program-running settings switched off), so
 * nothing from the scanned folder is executed. Returns the quality gate's verdict.
 */
export async function runScanCommand(command: ScanCommand, io: CliIO, toolVersion: string): Promise<GateResult> {
  const root = path.resolve(io.cwd, command.path);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliFailure(`not a folder: ${root}`);

  const settings = await loadSettings(root);
  if (command.includeTests) settings.tests = "include";
  let changed: ChangedFile[] | undefined;
  if (command.changedSince !== undefined) {
    if (!(await new LocalRepoSource(root).isGitCheckout())) throw new CliFailure("--changed-since needs a git checkout");
    changed = await changedFilesSince(root, command.changedSince).catch((error: unknown) => {
      throw new CliFailure(`cannot list the files changed since ${command.changedSince}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  const maxFileBytes = command.maxFileBytes === undefined ? {} : { maxFileBytes: command.maxFileBytes };

  const local = await openLocalAgents(io.now);
  try {
    const progress = new ProgressBar(io.stderr);
    let output;
    try {
      output = await local.agents.ask(
        SCAN_TECH_DEBT,
        { config: settings, ...maxFileBytes, ...(changed ? { only: changed.map((file) => file.path) } : {}) },
        { from: "cli", taskId: randomUUID(), description: `scan ${root}`, sources: { repo: { kind: "local", path: root } }, onProgress: (done, total) => progress.update(done, total) },
      );
    } finally {
      progress.done();
    }
    const { scan } = output;
    await emit(formatScan(scan, command.format, { root, toolVersion, now: io.now() }), command, io);

    const gated = command.failOn !== undefined && changed !== undefined ? await newFindings(local.agents, root, command.changedSince!, changed, settings, command.maxFileBytes) : scan.items;
    return evaluateGate({ items: gated, rating: scan.summary.rating, failOn: command.failOn, failOnRating: command.failOnRating, onlyNew: changed !== undefined });
  } finally {
    await local.close();
  }
}

/**
 * With --changed-since, the gate looks at what the branch added: the agent compares the changed
 * files with the same files at the merge base, exactly as it compares a pull request with its base,
 * so the two gates agree.
 */
async function newFindings(agents: AgentClient, root: string, ref: string, changed: readonly ChangedFile[], settings: TechDebtSettings, maxFileBytes: number | undefined): Promise<DebtItem[]> {
  const base = await mergeBase(root, ref).catch((error: unknown) => {
    throw new CliFailure(`cannot find where HEAD left ${ref}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const existing = changed.filter((file) => !file.added);
  const renames = Object.fromEntries(existing.flatMap((file) => (file.previousPath === undefined ? [] : [[file.path, file.previousPath]])));
  const comparison = await agents.ask(
    COMPARE_PULL_REQUEST_DEBT,
    { config: settings, changedLines: Object.fromEntries(changed.map((file) => [file.path, "all" as const])), renames, ...(maxFileBytes === undefined ? {} : { maxFileBytes }) },
    {
      from: "cli",
      taskId: randomUUID(),
      description: `new debt since ${ref}`,
      sources: {
        repo: { kind: "local", path: root },
        base: { kind: "git-revision", path: root, rev: base, paths: existing.map((file) => file.previousPath ?? file.path) },
      },
    },
  );
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
