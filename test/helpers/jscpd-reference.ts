import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { EXCLUDED_DIRS } from "../../src/agents/specialized/tech-debt/analysis/file-filter.js";
import type { ClonePair } from "../../src/agents/specialized/tech-debt/duplication/clone-pair.js";
import { findJscpdBinary } from "../../src/agents/specialized/tech-debt/duplication/jscpd-binary.js";
import { JscpdReport } from "../../src/agents/specialized/tech-debt/duplication/jscpd-report.js";

const run = promisify(execFile);

export const REFERENCE_VERSION = "5.3.3";

/**
 * The reference jscpd (the devDependency alias `jscpd-reference`), or why it cannot run here.
 * 5.3.3 was published for linux-x64 only; elsewhere the lock file's overrides install 5.3.2's
 * binaries under it, and comparing 5.3.2 with itself would prove nothing.
 */
export function referenceJscpd(): { binary: string } | { unavailable: string } {
  try {
    const binary = findJscpdBinary("jscpd-reference");
    const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
    if (version !== `jscpd ${REFERENCE_VERSION}`) return { unavailable: `the reference binary here is "${version}", not jscpd ${REFERENCE_VERSION} (published for linux-x64 only)` };
    return { binary };
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

export interface ReferenceRun {
  pairs: ClonePair[];
  /** jscpd's headline: duplicated lines over lines, in percent. */
  percentage: number;
  ms: number;
}

/**
 * jscpd run by hand in `dir` (`jscpd .`) with its defaults (50 tokens, 5 lines) on JS/TS files,
 * leaving out what Concord never analyses (type declarations, dependency and build folders) and
 * the given paths (what it skipped). Pairs come back in paths relative to `dir`.
 */
export async function runReferenceJscpd(binary: string, dir: string, leftOut: readonly string[]): Promise<ReferenceRun> {
  const out = await mkdtemp(path.join(tmpdir(), "concord-jscpd-ref-"));
  try {
    const args = [".", "--min-tokens", "50", "--min-lines", "5", "--format", "javascript,jsx,typescript,tsx", "--no-gitignore", "--reporters", "json", "--output", out, "--silent"];
    const folders = [...EXCLUDED_DIRS].map((name) => `**/${name}/**`);
    args.push("--ignore", ["**/*.d.ts", ...folders, ...leftOut.map((file) => `./${file}`)].join(","));
    const started = performance.now();
    // Run inside `dir` so the ignore globs see paths relative to it, as Concord's filter does.
    await run(binary, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    const ms = performance.now() - started;
    const report = JscpdReport.parse(JSON.parse(await readFile(path.join(out, "jscpd-report.json"), "utf8")));
    const relative = (name: string) => path.relative(dir, path.resolve(dir, name));
    return {
      ms,
      percentage: report.statistics.total.percentage,
      pairs: report.duplicates.map((d) => ({
        tokens: d.tokens,
        lines: d.lines,
        a: { path: relative(d.firstFile.name), startLine: d.firstFile.start, endLine: d.firstFile.end },
        b: { path: relative(d.secondFile.name), startLine: d.secondFile.start, endLine: d.secondFile.end },
      })),
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
