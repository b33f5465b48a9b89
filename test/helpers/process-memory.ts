import { readdirSync, readFileSync } from "node:fs";

const MB = 1024 * 1024;

/** Whether this machine shows processes' memory under /proc (Linux). */
export const canReadProcessMemory = ((): boolean => {
  try {
    return /VmHWM:/.test(readFileSync("/proc/self/status", "utf8"));
  } catch {
    return false;
  }
})();

/** The most memory the process has ever had resident (the kernel's high-water mark, VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, "VmHWM") / 1024;
}

/**
 * Samples the resident memory of `pid` and of every process under it (jscpd, started by the
 * analysis) every `everyMs`, keeping the largest sum seen: short-lived children have no
 * high-water mark of their own once they are gone.
 */
export function watchTreeRss(pid: number, everyMs = 100): { peakMb(): number; stop(): void } {
  let peak = 0;
  const sample = (): void => {
    const total = [pid, ...descendantsOf(pid)].reduce((sum, each) => sum + statusKb(each, "VmRSS") * 1024, 0);
    peak = Math.max(peak, total / MB);
  };
  const timer = setInterval(sample, everyMs);
  return {
    peakMb: () => peak,
    stop: () => clearInterval(timer),
  };
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    // The process has just ended.
    return 0;
  }
}

function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent id is the 4th field after the command, which may itself hold spaces or parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const parent = frontier.pop()!;
    for (const [pid, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(pid);
        frontier.push(pid);
      }
    }
  }
  return found;
}
