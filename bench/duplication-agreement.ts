import { existsSync } from "node:fs";
import path from "node:path";
import { LocalRepoSource } from "../src/adapters/repo-source/local-repo-source.js";
import { scanRepository } from "../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../src/agents/specialized/tech-debt/settings.js";
import { DEFAULT_TEST_FILES } from "../src/config/tech-debt-schema.js";
import { clonePairAgreement } from "../test/helpers/clone-agreement.js";
import { referenceJscpd, runReferenceJscpd } from "../test/helpers/jscpd-reference.js";

/**
 * `npm run bench:duplication -- <folder>…`: Concord's duplication beside jscpd 5.3.3 run by hand
 * on each folder, as the differential test measures it (pairs overlapping both ways, the
 * headline duplication side by side) plus the times: Concord's whole scan and jscpd alone.
 * Time ratios against a TypeScript parse come from `npm run bench -- <folder>` (fresh processes).
 */
const folders = process.argv.slice(2).map((arg) => path.resolve(arg));
if (folders.length === 0 || folders.some((folder) => !existsSync(folder))) {
  console.error("usage: npm run bench:duplication -- <folder>…");
  process.exit(2);
}
const reference = referenceJscpd();
if ("unavailable" in reference) {
  console.error(`jscpd 5.3.3 cannot run here: ${reference.unavailable}`);
  process.exit(2);
}
const settings = defaultTechDebtSettings();
const rows: Record<string, Record<string, string>> = {};
for (const folder of folders) {
  const started = performance.now();
  const scan = await scanRepository(new LocalRepoSource(folder), {
    thresholds: settings.thresholds,
    duplication: settings.duplication,
    ignore: [],
    tests: { mode: "include", files: DEFAULT_TEST_FILES },
    now: new Date(),
  });
  const scanMs = performance.now() - started;
  const theirs = await runReferenceJscpd(reference.binary, folder, scan.skipped.map((file) => file.path));
  const agreement = clonePairAgreement(scan.clones, theirs.pairs);
  rows[path.relative(path.dirname(path.dirname(folder)), folder)] = {
    files: String(scan.summary.files),
    "pairs Concord / jscpd": `${agreement.ours} / ${agreement.theirs}`,
    "Concord's in jscpd's": `${(100 * agreement.oursInTheirs).toFixed(1)} %`,
    "jscpd's in Concord's": `${(100 * agreement.theirsInOurs).toFixed(1)} %`,
    "duplicated lines Concord / jscpd": `${scan.summary.duplicatedLinesPercent} % / ${theirs.percentage.toFixed(2)} %`,
    "scan s / jscpd alone s": `${(scanMs / 1000).toFixed(2)} / ${(theirs.ms / 1000).toFixed(2)}`,
  };
}
console.table(rows);
