import { createHash } from "node:crypto";

/**
 * Fingerprints identify a finding across commits. They are built from the rule, the file and
 * the code of the unit, never from line numbers, so code that moves keeps its fingerprint and
 * the PR check does not report moved code as new debt.
 *
 * Code is compared by per-line hashes that ignore whitespace entirely: re-indenting or
 * re-wrapping spaces inside a line keeps the hash. The hashes of every file are kept for the
 * whole scan (4 bytes a line) because a clone's earlier copy is only known to be a clone after
 * its file's text is gone.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** hashes[n] is the hash of 1-based line n; index 0 is unused. */
export function lineHashes(text: string): Int32Array {
  let lines = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  const hashes = new Int32Array(lines + 1);
  let line = 1;
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      hashes[line++] = h;
      h = FNV_OFFSET;
    } else if (code > 32 && code !== 0xa0 && code !== 0xfeff) {
      h = Math.imul(h ^ code, FNV_PRIME);
    }
  }
  hashes[line] = h;
  return hashes;
}

/** A digest of lines [startLine, endLine] (1-based, inclusive, clamped to the file). */
export function rangeDigest(hashes: Int32Array, startLine: number, endLine: number): string {
  const from = Math.max(1, startLine);
  const to = Math.min(hashes.length - 1, endLine);
  const hash = createHash("sha1");
  if (to >= from) hash.update(new Uint8Array(hashes.buffer, hashes.byteOffset + from * 4, (to - from + 1) * 4));
  return hash.digest("hex").slice(0, 16);
}

/** The fingerprint of a finding from its identifying parts. */
export function fingerprint(...parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32);
}

/**
 * Disambiguates equal keys within one file (two identical `catch {}` blocks) by occurrence
 * order, which survives moving code as long as the copies keep their relative order.
 */
export class OccurrenceCounter {
  readonly #seen = new Map<string, number>();
  next(key: string): string {
    const count = (this.#seen.get(key) ?? 0) + 1;
    this.#seen.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  }
}
