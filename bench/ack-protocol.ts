/** Messages between the ack-latency bench (ack-latency.ts) and the app it runs (ack-child.ts). */
export type AckChildCommand = { type: "scan"; where: "threads" | "event-loop" } | { type: "stop" } | { type: "exit" };
export type AckChildReport = { type: "ready"; url: string } | { type: "scanned"; scans: number };

export const BENCH_SECRET = "bench-secret";
