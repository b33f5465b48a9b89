import type { ProgressStream } from "./progress-bar.js";

/** Where the CLI reads and writes; tests pass their own to run it in-process. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** Relative paths in arguments resolve against this. */
  cwd: string;
  now: () => Date;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), now: () => new Date() };
}

/** Failures that are the user's to fix, reported without a stack trace and with exit code 2. */
export class CliFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliFailure";
  }
}
