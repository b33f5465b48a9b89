import { scanRepository } from "../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../src/agents/specialized/tech-debt/settings.js";
import { FsRepoSource } from "./fs-repo-source.js";

/** One full scan in this (fresh) process; prints its figures as JSON on stdout. */
const root = process.argv[2];
if (root === undefined) throw new Error("usage: scan-child.ts <dir>");
const settings = defaultTechDebtSettings();
const started = performance.now();
const result = await scanRepository(new FsRepoSource(root), {
  thresholds: settings.thresholds,
  duplication: settings.duplication,
  ignore: settings.ignore,
  now: new Date(),
});
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    files: result.summary.files,
    skipped: result.summary.skipped,
    loc: result.summary.loc,
    items: result.summary.totalItems,
    clones: result.clones.length,
  }),
);
