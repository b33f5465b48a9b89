/** key → ids. Empty sets are dropped, so an unregistered agent leaves no key behind. */
export class SetIndex {
  readonly #map = new Map<string, Set<string>>();

  add(keys: Iterable<string>, id: string): void {
    for (const key of keys) {
      let ids = this.#map.get(key);
      if (!ids) this.#map.set(key, (ids = new Set()));
      ids.add(id);
    }
  }

  remove(keys: Iterable<string>, id: string): void {
    for (const key of keys) {
      const ids = this.#map.get(key);
      if (!ids) continue;
      ids.delete(id);
      if (ids.size === 0) this.#map.delete(key);
    }
  }

  get(key: string): ReadonlySet<string> {
    return this.#map.get(key) ?? new Set();
  }

  get size(): number {
    return this.#map.size;
  }
}
