/**
 * `work`, or a rejection with the signal's reason as soon as it aborts, whichever comes first. Work
 * left behind keeps running; its late result or failure is dropped, since nobody waits for it.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason as Error);
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
