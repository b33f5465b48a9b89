import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { measureAckLatency } from "./ack-latency.js";
import { buildLargeTree } from "./large-tree.js";

/**
 * `npm run bench`: the tech-debt scan against a TypeScript parse-only baseline on a real code
 * base nobody here wrote (effect's sources, ~360 files, ~234k lines). Each measurement runs in
 * a fresh Node process so peak RSS (maxRSS) belongs to that run alone; times are the median of
 * RUNS runs. Goals: full scan ≤ 2.5 × parse-only, full-scan peak RSS ≤ 500 MB.
 *
 * Then the app's webhook acknowledgement latency while idle and while a full scan of a large
 * repository runs on its worker threads (ack-latency.ts). Goal: p99 during the scan ≤ 1.5 × idle.
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
const ACK_RATIO_GOAL = 1.5;

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
const scanOk = ratio <= RATIO_GOAL && scan.maxRssMB <= RSS_GOAL_MB;
console.log(scanOk ? "Goals met." : `Goal missed: ratio ${ratio.toFixed(2)} (≤ ${RATIO_GOAL}), peak RSS ${mb(scan.maxRssMB)} (≤ ${RSS_GOAL_MB} MB).`);

const tree = await buildLargeTree(path.join(here, "../node_modules"));
const ack = await measureAckLatency(tree.dir, dir).finally(() => tree.remove());
const ms = (value: number) => `${value.toFixed(1)} ms`;
const ackRatio = ack.threads.p99 / ack.idle.p99;
console.log(
  `\nWebhook acknowledgement latency of the running app (signed pings every 10 ms, ${ack.rounds} rounds of ${ack.deliveriesPerWindow} per window, ` +
    `windows taking turns), during full scans of a large repository (${ack.threads.files} files):`,
);
console.table({
  "ack p50 / p99, idle": { value: `${ms(ack.idle.p50)} / ${ms(ack.idle.p99)}` },
  "ack p50 / p99, scan on the worker threads": { value: `${ms(ack.threads.p50)} / ${ms(ack.threads.p99)}` },
  [`ratio p99 scan on threads / idle (goal ≤ ${ACK_RATIO_GOAL})`]: { value: ackRatio.toFixed(2) },
  "ack p50 / p99, scan on the event loop (before threads)": { value: `${ms(ack.eventLoop.p50)} / ${ms(ack.eventLoop.p99)}` },
  "ratio p99 scan on the event loop / idle": { value: (ack.eventLoop.p99 / ack.idle.p99).toFixed(2) },
  "app's event-loop delay p99 (max), worst window: idle / threads / event loop": {
    value: [ack.idle, ack.threads, ack.eventLoop].map(({ loopDelay }) => `${ms(loopDelay.p99)} (${ms(loopDelay.max)})`).join(" / "),
  },
  "scan time on threads / on the event loop (median)": { value: `${s(ack.threads.scanMs)} / ${s(ack.eventLoop.scanMs)}` },
});
const covered = ack.threads.covered && ack.eventLoop.covered;
if (!covered) console.log("Warning: a scan ended before its deliveries did; the figures include idle time.");
const ackOk = ackRatio <= ACK_RATIO_GOAL;
console.log(ackOk ? "Goal met." : `Goal missed: ack p99 ratio ${ackRatio.toFixed(2)} (≤ ${ACK_RATIO_GOAL}).`);
if (strict && !(scanOk && ackOk && covered)) process.exitCode = 1;
