import { slotHash } from "./clone-hash.js";

/**
 * Open-addressing map from a 64-bit window hash to the global index of the window's
 * first occurrence. One interleaved Int32Array (h1, h2, location) keeps a probe to a
 * single cache line and the table free of per-entry allocation.
 */
export class WindowTable {
  #mask: number;
  #size = 0;
  #slots: Int32Array;

  constructor(capacity = 1 << 16) {
    this.#mask = capacity - 1;
    this.#slots = WindowTable.#empty(capacity);
  }

  static #empty(capacity: number): Int32Array {
    return new Int32Array(capacity * 3).fill(-1);
  }

  /** The stored location for (h1, h2), or -1 after storing `loc` as its first occurrence. */
  findOrInsert(h1: number, h2: number, slot: number, loc: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    let i = slot & mask;
    for (;;) {
      const at = i * 3;
      const found = slots[at + 2]!;
      if (found === -1) {
        slots[at] = h1;
        slots[at + 1] = h2;
        slots[at + 2] = loc;
        if (++this.#size * 10 > (mask + 1) * 7) this.#grow();
        return -1;
      }
      if (slots[at] === h1 && slots[at + 1] === h2) return found;
      i = (i + 1) & mask;
    }
  }

  #grow(): void {
    const old = this.#slots;
    const capacity = (this.#mask + 1) * 2;
    this.#mask = capacity - 1;
    this.#slots = WindowTable.#empty(capacity);
    this.#size = 0;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 2] !== -1) this.findOrInsert(old[at]!, old[at + 1]!, slotHash(old[at]!, old[at + 1]!), old[at + 2]!);
    }
  }
}
