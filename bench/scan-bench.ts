import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

/**
 * `npm run bench`: the tech-debt scan against a TypeScript parse-only baseline on a real code
 * base nobody here wrote (effect's sources, ~360 files, ~234k lines). Each measurement runs in
 * a fresh Node process so peak RSS (maxRSS) belongs to that run alone; times are the median of
 * RUNS runs. Goals: full scan ≤ 2.5 × parse-only, full-scan peak RSS ≤ 500 MB.
 *
 *   npm run bench [-- <dir>] [--runs N] [--strict]   (--strict exits 1 when a goal is missed)
 */

const run = promisify(execFile);
const here = import.meta.dirname;
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const dir = path.resolve(args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--runs") ?? path.join(here, "../node_modules/effect/src"));
const runs = Number(flag("--runs") ?? 3);
const strict = args.includes("--strict");
const RATIO_GOAL = 2.5;
const RSS_GOAL_MB = 500;

interface Figures {
  ms: number;
  maxRssMB: number;
  [key: string]: number;
}

async function child(script: string, extra: string[]): Promise<Figures> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", path.join(here, script), dir, ...extra], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Figures;
}

async function measure(script: string, extra: string[] = []): Promise<Figures> {
  const all: Figures[] = [];
  for (let i = 0; i < runs; i++) all.push(await child(script, extra));
  const sorted = [...all].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return { ...median, maxRssMB: Math.max(...all.map((f) => f.maxRssMB)) };
}

if (!existsSync(dir)) {
  console.error(`no such folder: ${dir} (is the effect devDependency installed?)`);
  process.exit(2);
}
console.log(`Benchmark folder: ${dir} (${runs} fresh-process runs each, median time, max peak RSS)`);
const parse = await measure("parse-child.ts");
const parseNoJsDoc = await measure("parse-child.ts", ["--no-jsdoc"]);
const scan = await measure("scan-child.ts");
const ratio = scan.ms / parse.ms;
// The scanner skips JSDoc when it parses; against a parse that skips it too the ratio is stricter.
const strictRatio = scan.ms / parseNoJsDoc.ms;
const mb = (value: number) => `${Math.round(value)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.table({
  files: { value: parse.files },
  lines: { value: parse.lines },
  "parse-only time (plain ts.createSourceFile)": { value: s(parse.ms) },
  "parse-only time, JSDoc skipped as the scanner does": { value: s(parseNoJsDoc.ms) },
  "full-scan time": { value: s(scan.ms) },
  "ratio scan / plain parse (goal ≤ 2.5)": { value: ratio.toFixed(2) },
  "ratio scan / parse without JSDoc": { value: strictRatio.toFixed(2) },
  "parse-only peak RSS": { value: mb(parse.maxRssMB) },
  "full-scan peak RSS (goal ≤ 500 MB)": { value: mb(scan.maxRssMB) },
  "scan: analysed / skipped files": { value: `${scan.files} / ${scan.skipped}` },
  "scan: items / clone pairs": { value: `${scan.items} / ${scan.clones}` },
});
const ok = ratio <= RATIO_GOAL && scan.maxRssMB <= RSS_GOAL_MB;
console.log(ok ? "Goals met." : `Goal missed: ratio ${ratio.toFixed(2)} (≤ ${RATIO_GOAL}), peak RSS ${mb(scan.maxRssMB)} (≤ ${RSS_GOAL_MB} MB).`);
if (strict && !ok) process.exitCode = 1;
