import { RateLimitedError } from "../../errors.js";

/**
 * Rate limits GitHub answered while an agent read a pull request's files. The agent only learns that
 * a file was not served; the check that asked reads the note, so its delivery waits as GitHub asked
 * instead of spending its attempts on retries that would meet the same limit.
 */
/** How long a note outlives its wait: the check that asked reads it once its analysis ends, which takes up to a job's budget. */
const KEEP_MS = 10 * 60_000;

export class RateLimitNotes {
  readonly #notes = new Map<string, { error: RateLimitedError; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Remembers `error` for `source` (a repository at a commit) if it is a rate limit; the error goes on either way. */
  note(source: string, error: unknown): void {
    if (!(error instanceof RateLimitedError)) return;
    this.#forgetPast();
    this.#notes.set(source, { error, until: this.now() + error.retryAfterMs + KEEP_MS });
  }

  /** The rate limit met while reading one of `sources`, removing their notes; undefined when none was met lately. */
  take(...sources: string[]): RateLimitedError | undefined {
    this.#forgetPast();
    let found: RateLimitedError | undefined;
    for (const source of sources) {
      found ??= this.#notes.get(source)?.error;
      this.#notes.delete(source);
    }
    return found;
  }

  // A note nobody took (its check ended otherwise) must not stay for ever.
  #forgetPast(): void {
    const now = this.now();
    for (const [source, note] of this.#notes) if (note.until <= now) this.#notes.delete(source);
  }
}
