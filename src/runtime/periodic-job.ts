export interface PeriodicJob<Report> {
  /** Runs a pass now, or joins the one under way; undefined when the pass failed (the pass logs it) or the job is stopped. */
  runNow(): Promise<Report | undefined>;
  /** No more passes; resolves once a pass under way has finished, so what the passes use can be closed after it. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at start and then every intervalMs, one pass at a time: a tick or a runNow during a pass
 * joins it, so a slow pass and the next one never work side by side. `pass` catches its own errors
 * (resolving undefined) and may ask `stopped()` to end a long pass early. The timer is unref'd: it
 * never keeps the process alive.
 */
export function startPeriodicJob<Report>(intervalMs: number, pass: (stopped: () => boolean) => Promise<Report | undefined>): PeriodicJob<Report> {
  if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError(`intervalMs must be a positive number, got ${intervalMs}`);
  let running: Promise<Report | undefined> | undefined;
  let stopped = false;
  const isStopped = () => stopped;

  function runNow(): Promise<Report | undefined> {
    if (stopped) return Promise.resolve(undefined);
    running ??= pass(isStopped).finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  void runNow();

  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
