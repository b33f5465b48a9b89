import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JscpdReport } from "./jscpd-report.js";

export interface JscpdRunOptions {
  binary: string;
  minTokens: number;
  minLines: number;
  /** Files above this size are left out (Concord's own cap was applied before; this only keeps jscpd's default 1 MB from cutting deeper). */
  maxBytes: number;
  timeoutMs: number;
}

const REPORT_FILE = "jscpd-report.json";
const FORMATS = "javascript,jsx,typescript,tsx";

/**
 * Runs jscpd 5 over `sourceDir` and reads its JSON report from `reportDir`. Every option that
 * would make the result depend on the folder (ignore files, a config file) is switched off, so
 * the same files give the same clones as `jscpd` run by hand with the same thresholds.
 */
export async function runJscpd(sourceDir: string, reportDir: string, options: JscpdRunOptions): Promise<JscpdReport> {
  const args = [
    sourceDir,
    "--min-tokens",
    String(options.minTokens),
    "--min-lines",
    String(options.minLines),
    "--max-size",
    String(options.maxBytes),
    "--format",
    FORMATS,
    "--mode",
    "mild",
    "--no-gitignore",
    "--reporters",
    "json",
    "--output",
    reportDir,
    "--silent",
  ];
  await run(options.binary, args, path.dirname(sourceDir), options.timeoutMs);
  const text = await readFile(path.join(reportDir, REPORT_FILE), "utf8");
  return JscpdReport.parse(JSON.parse(text));
}

function run(binary: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // Started in our own folder (our own folder), so no config of the scanned repository is near.
    const child = spawn(binary, args, { cwd, stdio: ["ignore", "ignore", "pipe"], timeout: timeoutMs, killSignal: "SIGKILL" });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 4096) stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else if (signal !== null) reject(new Error(signal === "SIGKILL" ? `jscpd did not finish within ${Math.round(timeoutMs / 1000)} s` : `jscpd was stopped by ${signal}`));
      else reject(new Error(`jscpd exited with ${code}: ${stderr.trim().slice(0, 500) || "no message"}`));
    });
  });
}
