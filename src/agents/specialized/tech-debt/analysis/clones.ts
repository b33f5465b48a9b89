import type { CloneOptions, CloneReport } from "./clone-types.js";
import { CloneMatcher } from "./clone-match.js";
import { buildReport } from "./clone-report.js";
import { Tokenizer, type FileTokens } from "./file-tokens.js";
import { WindowTable } from "./window-table.js";
import { GramWinnower } from "./winnow.js";

export type { CloneMode, CloneOptions, ClonePair, CloneRange, CloneReport, FileDuplication } from "./clone-types.js";

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
 *
 * Parts: token hashes in clone-hash.ts, tokenized files in file-tokens.ts, grams and
 * winnowing in winnow.ts, the first-occurrence table in window-table.ts, verification and
 * extension in clone-match.ts, totals in clone-report.ts.
 */

export const DEFAULT_CLONE_OPTIONS: Required<CloneOptions> = { minTokens: 50, minLines: 5, mode: "mild" };

export class CloneDetector {
  readonly options: Required<CloneOptions>;
  readonly #files: FileTokens[] = [];
  readonly #byPath = new Map<string, FileTokens>();
  readonly #table = new WindowTable();
  readonly #tokenizer = new Tokenizer();
  readonly #grams: GramWinnower;
  readonly #matcher: CloneMatcher;

  constructor(options: CloneOptions = {}) {
    this.options = { ...DEFAULT_CLONE_OPTIONS, ...options };
    const { minTokens, minLines, mode } = this.options;
    if (!Number.isInteger(minTokens) || minTokens < 2) throw new RangeError(`minTokens must be an integer ≥ 2, got ${minTokens}`);
    if (!Number.isInteger(minLines) || minLines < 1) throw new RangeError(`minLines must be an integer ≥ 1, got ${minLines}`);
    if (mode !== "mild" && mode !== "weak") throw new RangeError(`unknown mode ${String(mode)}`);
    this.#grams = new GramWinnower(minTokens);
    this.#matcher = new CloneMatcher(this.#files, { gram: this.#grams.gram, minTokens, minLines });
  }

  /** Tokenizes one file and reports its clones against itself and every file added before. */
  addFile(path: string, text: string): void {
    if (this.#byPath.has(path)) throw new Error(`file added twice: ${path}`);
    const last = this.#files.at(-1);
    const base = last ? last.base + last.hashes.length : 0;
    const file = this.#tokenizer.tokenize(path, text, this.options.mode === "mild", base);
    this.#files.push(file);
    this.#byPath.set(path, file);
    this.#detect(file);
  }

  result(): CloneReport {
    return buildReport(this.#byPath, this.#matcher.clones);
  }

  #detect(file: FileTokens): void {
    // A file shorter than a clone can take part in none, so its grams are not stored either.
    if (file.hashes.length < this.options.minTokens) return;
    const grams = this.#grams;
    const table = this.#table;
    // Tokens before this index belong to the match just taken; later matches start after it.
    let taken = 0;
    grams.start(file.hashes);
    for (let p = grams.next(); p !== -1; p = grams.next()) {
      const found = table.findOrInsert(grams.h1, grams.h2, grams.order, file.base + p);
      if (found === -1 || p < taken) continue;
      const end = this.#matcher.match(file, p, found, taken);
      if (end > 0) taken = end;
    }
  }
}

/** One-shot helper over an in-memory set of files, in the given order. */
export function detectClones(files: Iterable<{ path: string; text: string }>, options: CloneOptions = {}): CloneReport {
  const detector = new CloneDetector(options);
  for (const { path, text } of files) detector.addFile(path, text);
  return detector.result();
}
