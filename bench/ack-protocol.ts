/** Messages between the ack-latency bench (ack-latency.ts) and the app it runs (ack-child.ts). */
export type ScanPlace = "threads" | "event-loop";
export type WindowKind = "idle" | ScanPlace;

export type AckChildCommand = { type: "scan"; where: ScanPlace; folder: string } | { type: "window"; kind: WindowKind; open: boolean } | { type: "exit" };

/** How late the app's event loop ran in the worst window of one kind, in ms. */
export interface LoopDelay {
  p99: number;
  max: number;
}

/** Times are ms since the epoch with sub-millisecond precision (performance.timeOrigin + now()), comparable across processes. */
export type AckChildReport =
  | { type: "ready"; url: string }
  | { type: "scanned"; startedAt: number; endedAt: number; files: number }
  | { type: "loop-delays"; delays: Record<WindowKind, LoopDelay> };

export const BENCH_SECRET = "bench-secret";

export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}
