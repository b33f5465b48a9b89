/**
 * A job whose worker thread ran out of heap. It names the file the agent was analysing at that
 * moment, when it was analysing one: parse and walk are where a scan's memory goes, so that file
 * is the one to withhold when the job runs again.
 */
export class OutOfMemoryError extends Error {
  constructor(
    message: string,
    /** The heap limit of a job, in MB. */
    readonly limitMb: number,
    /** The file in progress when the heap ran out; undefined between files (or for agents that name none). */
    readonly inProgress: string | undefined,
    /** How long the job ran on its thread before it died. */
    readonly ranMs: number,
  ) {
    super(message);
    this.name = "OutOfMemoryError";
  }
}
