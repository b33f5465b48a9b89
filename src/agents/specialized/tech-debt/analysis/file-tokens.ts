import type { CloneRange } from "./clone-types.js";
import { tokenHash } from "./clone-hash.js";
import { forEachToken, lineAt, lineStarts, physicalLineCount } from "./tokens.js";

/** One file as clone detection keeps it: 32-bit token hashes and offsets, never token text. */
export interface FileTokens {
  path: string;
  /** Index of this file's first token in the global token numbering used by the window table. */
  base: number;
  hashes: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  lineStarts: Int32Array;
  lines: number;
}

/** Turns files into FileTokens; its scratch buffers are reused across files and copied to exact size once a file is scanned. */
export class Tokenizer {
  #hashes: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  #starts: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);
  #ends: Int32Array<ArrayBuffer> = new Int32Array(1 << 14);

  tokenize(path: string, text: string, comments: boolean, base: number): FileTokens {
    // Locals, not fields, in the per-token callback: it runs millions of times per scan.
    let hashes = this.#hashes;
    let starts = this.#starts;
    let ends = this.#ends;
    let count = 0;
    forEachToken(text, path, comments, (kind, start, end) => {
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
    this.#hashes = hashes;
    this.#starts = starts;
    this.#ends = ends;
    const lines = lineStarts(text);
    return {
      path,
      base,
      hashes: hashes.slice(0, count),
      starts: starts.slice(0, count),
      ends: ends.slice(0, count),
      lineStarts: lines,
      lines: physicalLineCount(text, lines),
    };
  }
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The file holding global token `globalIndex`; `files` are in order of their base. */
export function fileAt(files: readonly FileTokens[], globalIndex: number): FileTokens {
  let lo = 0;
  let hi = files.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (files[mid]!.base <= globalIndex) lo = mid;
    else hi = mid - 1;
  }
  return files[lo]!;
}

/** Lines and offsets of `length` tokens from token `first` of `file`. */
export function rangeOf(file: FileTokens, first: number, length: number): CloneRange {
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
