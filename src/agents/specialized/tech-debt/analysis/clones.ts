import type { ts } from "ts-morph";
import { FIXED_TEXT, forEachToken, lineAt, lineStarts, physicalLineCount } from "./tokens.js";

/**
 * Copy-paste detection with jscpd's semantics: tokens are compared by kind and exact text
 * (so renamed identifiers break a clone), matches are found across and within files,
 * extended as far as the tokens agree, and dropped when shorter than `minTokens` tokens
 * or `minLines` lines. Each later copy is paired with the first occurrence, as jscpd's
 * store does.
 *
 * Candidates come from Rabin–Karp rolling hashes over windows ("grams") of
 * minTokens − w + 1 tokens, thinned by winnowing: of every w consecutive grams only the
 * one with the smallest hash is looked up. Any match of minTokens tokens contains w whole
 * grams, so both copies select the same gram and the match is still found, while the
 * table sees about 2/(w+1) of the windows. Random table probes dominated the cost of
 * checking every window.
 *
 * Only 32-bit token hashes and offsets are kept per token, never token text.
 */

/**
 * jscpd's modes: "mild" (its default) keeps comments as tokens, so an edited comment
 * breaks a clone; "weak" ignores comments.
 */
export type CloneMode = "mild" | "weak";

export interface CloneOptions {
  /** Smallest clone in tokens (jscpd default 50). */
  minTokens?: number;
  /** Smallest clone in lines, counted inclusively on both copies (jscpd default 5). */
  minLines?: number;
  mode?: CloneMode;
}

export interface CloneRange {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Character offsets into the file text, end exclusive. */
  startOffset: number;
  endOffset: number;
}

export interface ClonePair {
  tokens: number;
  /** Lines spanned by the shorter of the two copies. */
  lines: number;
  /** The earlier copy: the first occurrence in the order files were added. */
  a: CloneRange;
  b: CloneRange;
}

export interface FileDuplication {
  path: string;
  lines: number;
  tokens: number;
  duplicatedLines: number;
}

export interface CloneReport {
  clones: ClonePair[];
  files: FileDuplication[];
  totalLines: number;
  totalTokens: number;
  /** Distinct lines covered by either side of any clone. */
  duplicatedLines: number;
  /** duplicatedLines / totalLines × 100, rounded to two decimals like jscpd. */
  duplicatedLinesPercent: number;
}

interface FileTokens {
  path: string;
  /** Index of this file's first token in the global token numbering used by the window table. */
  base: number;
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  lineStarts: Int32Array;
  lines: number;
}

export const DEFAULT_CLONE_OPTIONS: Required<CloneOptions> = { minTokens: 50, minLines: 5, mode: "mild" };

// Odd multipliers for the two independent rolling hashes; together they make a 64-bit window key.
const BASE1 = 0x01000193;
const BASE2 = 0x5bd1e995;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes both window hashes: the table's slot, and the order winnowing picks minima by. */
function slotHash(h1: number, h2: number): number {
  return fmix32(h1 ^ Math.imul(h2, 0x27d4eb2d));
}

const KIND_HASH = new Int32Array(FIXED_TEXT.length);
for (let k = 0; k < KIND_HASH.length; k++) KIND_HASH[k] = fmix32(Math.imul(k + 1, 0x9e3779b1));

function tokenHash(text: string, kind: ts.SyntaxKind, start: number, end: number): number {
  if (FIXED_TEXT[kind] === 1) return KIND_HASH[kind]!;
  // FNV-1a over the raw text, seeded by kind so a string "x" and an identifier x differ.
  let h = 0x811c9dc5 ^ KIND_HASH[kind]!;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** base^exponent mod 2^32, by squaring. */
function power(base: number, exponent: number): number {
  let result = 1;
  for (let b = base, e = exponent; e > 0; e >>>= 1, b = Math.imul(b, b)) if (e & 1) result = Math.imul(result, b);
  return result;
}

/**
 * Open-addressing map from a 64-bit window hash to the global index of the window's
 * first occurrence. One interleaved Int32Array (h1, h2, location) keeps a probe to a
 * single cache line and the table free of per-entry allocation.
 */
class WindowTable {
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

export class CloneDetector {
  readonly options: Required<CloneOptions>;
  readonly #files: FileTokens[] = [];
  readonly #byPath = new Map<string, FileTokens>();
  readonly #clones: ClonePair[] = [];
  readonly #table = new WindowTable();
  readonly #winnow: number;
  readonly #pow1: number;
  readonly #pow2: number;
  // The winnowing deque: gram index, order and both hashes per slot.
  readonly #ringIndex: Int32Array;
  readonly #ringOrder: Int32Array;
  readonly #ringH1: Int32Array;
  readonly #ringH2: Int32Array;
  #totalTokens = 0;
  // Scratch buffers reused across files, copied to exact size once a file is scanned.
  #scratchHashes: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  #scratchStarts: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  #scratchEnds: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);

  constructor(options: CloneOptions = {}) {
    this.options = { ...DEFAULT_CLONE_OPTIONS, ...options };
    const { minTokens, minLines, mode } = this.options;
    if (!Number.isInteger(minTokens) || minTokens < 2) throw new RangeError(`minTokens must be an integer ≥ 2, got ${minTokens}`);
    if (!Number.isInteger(minLines) || minLines < 1) throw new RangeError(`minLines must be an integer ≥ 1, got ${minLines}`);
    if (mode !== "mild" && mode !== "weak") throw new RangeError(`unknown mode ${String(mode)}`);
    // Up to 10 grams per winnowing window; small thresholds keep every window (w = 1).
    this.#winnow = Math.max(1, Math.min(10, Math.floor(minTokens / 5)));
    const gram = minTokens - this.#winnow + 1;
    this.#pow1 = power(BASE1, gram - 1);
    this.#pow2 = power(BASE2, gram - 1);
    // The deque briefly holds w + 1 grams; a power of two lets indices wrap with a mask.
    const ring = 1 << Math.ceil(Math.log2(this.#winnow + 1));
    this.#ringIndex = new Int32Array(ring);
    this.#ringOrder = new Int32Array(ring);
    this.#ringH1 = new Int32Array(ring);
    this.#ringH2 = new Int32Array(ring);
  }

  /** Tokenizes one file and reports its clones against itself and every file added before. */
  addFile(path: string, text: string): void {
    if (this.#byPath.has(path)) throw new Error(`file added twice: ${path}`);
    const file = this.#tokenize(path, text);
    this.#files.push(file);
    this.#byPath.set(path, file);
    this.#totalTokens += file.hashes.length;
    this.#detect(file);
  }

  result(): CloneReport {
    const covered = new Map<string, Uint8Array>();
    const mark = (range: CloneRange): void => {
      const file = this.#byPath.get(range.path);
      let bits = covered.get(range.path);
      if (!bits) covered.set(range.path, (bits = new Uint8Array((file?.lines ?? range.endLine) + 2)));
      bits.fill(1, range.startLine, range.endLine + 1);
    };
    for (const clone of this.#clones) {
      mark(clone.a);
      mark(clone.b);
    }
    let totalLines = 0;
    let duplicatedLines = 0;
    const files = this.#files.map((f) => {
      let dup = 0;
      const bits = covered.get(f.path);
      if (bits) for (let line = 1; line <= f.lines; line++) dup += bits[line]!;
      totalLines += f.lines;
      duplicatedLines += dup;
      return { path: f.path, lines: f.lines, tokens: f.hashes.length, duplicatedLines: dup };
    });
    return {
      clones: [...this.#clones],
      files,
      totalLines,
      totalTokens: this.#totalTokens,
      duplicatedLines,
      duplicatedLinesPercent: totalLines === 0 ? 0 : Math.round((10000 * duplicatedLines) / totalLines) / 100,
    };
  }

  #tokenize(path: string, text: string): FileTokens {
    // Locals, not fields, in the per-token callback: it runs millions of times per scan.
    let hashes = this.#scratchHashes;
    let starts = this.#scratchStarts;
    let ends = this.#scratchEnds;
    let count = 0;
    forEachToken(text, path, this.options.mode === "mild", (kind, start, end) => {
      if (count === hashes.length) {
        hashes = grown(hashes);
        starts = grown(starts);
        ends = grown(ends);
      }
      hashes[count] = tokenHash(text, kind, start, end);
      starts[count] = start;
      ends[count] = end;
      count++;
    });
    this.#scratchHashes = hashes;
    this.#scratchStarts = starts;
    this.#scratchEnds = ends;
    const lines = lineStarts(text);
    const last = this.#files.at(-1);
    return {
      path,
      base: last ? last.base + last.hashes.length : 0,
      hashes: hashes.slice(0, count),
      starts: starts.slice(0, count),
      ends: ends.slice(0, count),
      lineStarts: lines,
      lines: physicalLineCount(text, lines),
    };
  }

  #fileAt(globalIndex: number): FileTokens {
    const files = this.#files;
    let lo = 0;
    let hi = files.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (files[mid]!.base <= globalIndex) lo = mid;
      else hi = mid - 1;
    }
    return files[lo]!;
  }

  #detect(file: FileTokens): void {
    const minTokens = this.options.minTokens;
    const hashes = file.hashes;
    const n = hashes.length;
    // A file shorter than a clone can take part in none, so its grams are not stored either.
    if (n < minTokens) return;
    const w = this.#winnow;
    const gram = minTokens - w + 1;
    const pow1 = this.#pow1;
    const pow2 = this.#pow2;
    const table = this.#table;
    const base = file.base;
    // Winnowing with a monotonic deque (a ring of ≥ w + 1 slots): the rightmost smallest
    // gram of each run of w. Only the deque is kept, never a per-gram array.
    const ringMask = this.#ringIndex.length - 1;
    const ringIndex = this.#ringIndex;
    const ringOrder = this.#ringOrder;
    const ringH1 = this.#ringH1;
    const ringH2 = this.#ringH2;
    let head = 0;
    let tail = 0;
    let last = -1;
    // Tokens before this index belong to the match just taken; later matches start after it.
    let taken = 0;
    let h1 = 0;
    let h2 = 0;
    for (let i = 0; i < gram; i++) {
      h1 = (Math.imul(h1, BASE1) + hashes[i]!) | 0;
      h2 = (Math.imul(h2, BASE2) + hashes[i]!) | 0;
    }
    for (let i = 0; ; i++) {
      const order = slotHash(h1, h2);
      while (tail > head && ringOrder[(tail - 1) & ringMask]! >= order) tail--;
      const at = tail++ & ringMask;
      ringIndex[at] = i;
      ringOrder[at] = order;
      ringH1[at] = h1;
      ringH2[at] = h2;
      if (ringIndex[head & ringMask]! <= i - w) head++;
      const front = head & ringMask;
      if (i >= w - 1 && ringIndex[front] !== last) {
        const p = ringIndex[front]!;
        last = p;
        const found = table.findOrInsert(ringH1[front]!, ringH2[front]!, ringOrder[front]!, base + p);
        if (found !== -1 && p >= taken) {
          const end = this.#match(file, p, found, gram, taken);
          if (end > 0) taken = end;
        }
      }
      if (i + gram >= n) break;
      const out = hashes[i]!;
      const incoming = hashes[i + gram]!;
      h1 = (Math.imul((h1 - Math.imul(out, pow1)) | 0, BASE1) + incoming) | 0;
      h2 = (Math.imul((h2 - Math.imul(out, pow2)) | 0, BASE2) + incoming) | 0;
    }
  }

  /**
   * Verifies the gram at `p` against its first occurrence and extends the match both ways.
   * Returns the match's end in this file when it reaches minTokens, else 0.
   */
  #match(file: FileTokens, p: number, found: number, gram: number, taken: number): number {
    const other = this.#fileAt(found);
    const j = found - other.base;
    const a = other.hashes;
    const b = file.hashes;
    // Within one file the copies may not overlap: a run like `0, 0, 0, …` would otherwise
    // be reported as a clone of itself shifted by one.
    const gap = other === file ? p - j : Number.MAX_SAFE_INTEGER;
    const forwardLimit = Math.min(b.length - p, a.length - j, gap);
    if (forwardLimit < gram) return 0;
    for (let i = 0; i < gram; i++) if (a[j + i] !== b[p + i]) return 0;
    let forward = gram;
    while (forward < forwardLimit && a[j + forward] === b[p + forward]) forward++;
    const backwardLimit = Math.min(p - taken, j, gap - forward);
    let backward = 0;
    while (backward < backwardLimit && a[j - backward - 1] === b[p - backward - 1]) backward++;
    const length = forward + backward;
    if (length < this.options.minTokens) return 0;
    const rangeA = rangeOf(other, j - backward, length);
    const rangeB = rangeOf(file, p - backward, length);
    const lines = Math.min(rangeA.endLine - rangeA.startLine, rangeB.endLine - rangeB.startLine) + 1;
    if (lines >= this.options.minLines) this.#clones.push({ tokens: length, lines, a: rangeA, b: rangeB });
    return p + forward;
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function rangeOf(file: FileTokens, first: number, length: number): CloneRange {
  const startOffset = file.starts[first]!;
  const endOffset = file.ends[first + length - 1]!;
  return {
    path: file.path,
    startLine: lineAt(file.lineStarts, startOffset),
    endLine: lineAt(file.lineStarts, Math.max(startOffset, endOffset - 1)),
    startOffset,
    endOffset,
  };
}

/** One-shot helper over an in-memory set of files, in the given order. */
export function detectClones(files: Iterable<{ path: string; text: string }>, options: CloneOptions = {}): CloneReport {
  const detector = new CloneDetector(options);
  for (const { path, text } of files) detector.addFile(path, text);
  return detector.result();
}
