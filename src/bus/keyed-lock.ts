/**
 * Runs tasks one at a time per key, in arrival order. The bus holds it around a handoff's
 * check-then-append, so two concurrent handoffs cannot both slip under the hop limit.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      release();
      // The last holder leaves no entry behind, so the map does not grow with every conversation.
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
