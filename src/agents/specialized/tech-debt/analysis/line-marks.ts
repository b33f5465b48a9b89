import { ts } from "ts-morph";

/**
 * Which lines hold code, marked by position. Positions only move forward, so the line lookup
 * is a moving pointer, not a search.
 */
export class LineMarks {
  readonly #text: string;
  readonly #lineStarts: readonly number[];
  readonly #isCode: Uint8Array;
  #line = 0;
  #nextLineStart: number;

  constructor(text: string, lineStarts: readonly number[]) {
    this.#text = text;
    this.#lineStarts = lineStarts;
    this.#isCode = new Uint8Array(lineStarts.length);
    this.#nextLineStart = lineStarts.length > 1 ? lineStarts[1]! : Infinity;
  }

  /** Marks the line holding `pos`, which is at or after every position marked before. */
  mark(pos: number): void {
    while (pos >= this.#nextLineStart) {
      const line = ++this.#line;
      this.#nextLineStart = line + 1 < this.#lineStarts.length ? this.#lineStarts[line + 1]! : Infinity;
    }
    this.#isCode[this.#line] = 1;
  }

  // Inside literals too, a line holding only whitespace is blank (as ESLint's max-lines-per-function sees it).
  markVisible(start: number, end: number): void {
    const text = this.#text;
    for (let pos = start; pos < end; pos++) {
      if (!ts.isWhiteSpaceLike(text.charCodeAt(pos))) this.mark(pos);
    }
  }

  /** prefix[i] is the number of code lines among 0-based lines [0, i). */
  prefix(): Uint32Array {
    const isCode = this.#isCode;
    const prefix = new Uint32Array(isCode.length + 1);
    for (let i = 0; i < isCode.length; i++) prefix[i + 1] = prefix[i]! + isCode[i]!;
    return prefix;
  }
}
