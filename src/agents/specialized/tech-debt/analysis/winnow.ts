import { BASE1, BASE2, power, slotHash } from "./clone-hash.js";

const NO_HASHES = new Int32Array(0);

/**
 * The grams of one file (windows of `gram` consecutive tokens) under Rabin–Karp rolling
 * hashes, thinned by winnowing: of every `window` consecutive grams only the rightmost one
 * with the smallest slot hash is selected, each selection reported once. The minima come from
 * a monotonic deque in a ring of ≥ window + 1 slots; only the deque is kept, never a
 * per-gram array.
 */
export class GramWinnower {
  /** Grams per winnowing window (w). */
  readonly window: number;
  /** Tokens per gram: minTokens − w + 1, so any match of minTokens tokens holds w whole grams. */
  readonly gram: number;
  readonly #pow1: number;
  readonly #pow2: number;
  readonly #ringMask: number;
  // The deque: gram index, order and both hashes per slot.
  readonly #ringIndex: Int32Array;
  readonly #ringOrder: Int32Array;
  readonly #ringH1: Int32Array;
  readonly #ringH2: Int32Array;
  #hashes: Int32Array = NO_HASHES;
  #next = 0;
  #head = 0;
  #tail = 0;
  #last = -1;
  #h1 = 0;
  #h2 = 0;
  /** Both window hashes and the slot hash of the gram next() selected last. */
  h1 = 0;
  h2 = 0;
  order = 0;

  constructor(minTokens: number) {
    // Up to 10 grams per winnowing window; small thresholds keep every window (w = 1).
    this.window = Math.max(1, Math.min(10, Math.floor(minTokens / 5)));
    this.gram = minTokens - this.window + 1;
    this.#pow1 = power(BASE1, this.gram - 1);
    this.#pow2 = power(BASE2, this.gram - 1);
    // The deque briefly holds w + 1 grams; a power of two lets indices wrap with a mask.
    const ring = 1 << Math.ceil(Math.log2(this.window + 1));
    this.#ringMask = ring - 1;
    this.#ringIndex = new Int32Array(ring);
    this.#ringOrder = new Int32Array(ring);
    this.#ringH1 = new Int32Array(ring);
    this.#ringH2 = new Int32Array(ring);
  }

  /** Starts on one file's token hashes, at least `gram` of them. */
  start(hashes: Int32Array): void {
    this.#hashes = hashes;
    this.#next = 0;
    this.#head = 0;
    this.#tail = 0;
    this.#last = -1;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < this.gram; i++) {
      h1 = (Math.imul(h1, BASE1) + hashes[i]!) | 0;
      h2 = (Math.imul(h2, BASE2) + hashes[i]!) | 0;
    }
    this.#h1 = h1;
    this.#h2 = h2;
  }

  /** Index of the first token of the next selected gram, or -1 at the end of the file. */
  next(): number {
    // Per-gram state lives in locals and goes back to the fields only when a gram is selected.
    const hashes = this.#hashes;
    const lastGram = hashes.length - this.gram;
    const mask = this.#ringMask;
    const ringIndex = this.#ringIndex;
    let i = this.#next;
    let h1 = this.#h1;
    let h2 = this.#h2;
    let selected = -1;
    for (; i <= lastGram && selected === -1; i++) {
      this.#enqueue(i, h1, h2);
      if (i < lastGram) {
        const out = hashes[i]!;
        const incoming = hashes[i + this.gram]!;
        h1 = (Math.imul((h1 - Math.imul(out, this.#pow1)) | 0, BASE1) + incoming) | 0;
        h2 = (Math.imul((h2 - Math.imul(out, this.#pow2)) | 0, BASE2) + incoming) | 0;
      }
      const front = this.#head & mask;
      if (i >= this.window - 1 && ringIndex[front] !== this.#last) selected = this.#select(front);
    }
    this.#next = i;
    this.#h1 = h1;
    this.#h2 = h2;
    return selected;
  }

  /** Adds gram `i` with hashes (h1, h2) to the deque and drops the one that left the window. */
  #enqueue(i: number, h1: number, h2: number): void {
    const mask = this.#ringMask;
    const ringOrder = this.#ringOrder;
    const order = slotHash(h1, h2);
    let tail = this.#tail;
    while (tail > this.#head && ringOrder[(tail - 1) & mask]! >= order) tail--;
    const at = tail & mask;
    this.#tail = tail + 1;
    this.#ringIndex[at] = i;
    ringOrder[at] = order;
    this.#ringH1[at] = h1;
    this.#ringH2[at] = h2;
    if (this.#ringIndex[this.#head & mask]! <= i - this.window) this.#head++;
  }

  #select(front: number): number {
    const p = this.#ringIndex[front]!;
    this.#last = p;
    this.h1 = this.#ringH1[front]!;
    this.h2 = this.#ringH2[front]!;
    this.order = this.#ringOrder[front]!;
    return p;
  }
}
