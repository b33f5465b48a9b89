/**
 * GitHub's size limits for what the app writes, and the functions that make text fit them.
 * GitHub counts characters as UTF-16 code units (JavaScript's `length`), so that is what we measure.
 */

/** Issue/PR comment body; a longer one is refused with 422 "Body is too long". */
export const COMMENT_LIMIT = 65_536;
/** Check run `output.summary` and `output.text`, each. */
export const CHECK_TEXT_LIMIT = 65_535;
/** Check run annotation `title`. */
export const ANNOTATION_TITLE_LIMIT = 255;
/** Check run annotation `message` and `raw_details` (64 KB). */
export const ANNOTATION_MESSAGE_LIMIT = 65_535;

/**
 * Budgets sit below the hard limits so a caller can still add a hidden marker or a footer after
 * fitting (changesets/action caps at 60k for the same reason).
 */
export const COMMENT_BUDGET = 60_000;
export const CHECK_TEXT_BUDGET = 65_000;

const DEFAULT_SEE_ALSO = "see the check run / full report";

export interface FitOptions {
  /** Maximum length of the result; text already this short is returned unchanged. */
  budget?: number;
  /** Where the reader finds the rest, shown in the truncation note. */
  seeAlso?: string;
}

/** Index at or below `index` that does not split a surrogate pair. */
export function safeCutIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const before = text.charCodeAt(index - 1);
  const isHighSurrogate = before >= 0xd800 && before <= 0xdbff;
  return isHighSurrogate ? index - 1 : index;
}

/** Clips plain text to `max` UTF-16 units, ending with `ellipsis` when something was cut. */
export function clipText(text: string, max: number, ellipsis = "…"): string {
  if (text.length <= max) return text;
  const room = Math.max(0, max - ellipsis.length);
  return text.slice(0, safeCutIndex(text, room)) + (room > 0 ? ellipsis : "");
}

/**
 * Clips plain text to `maxBytes` of UTF-8. Used where GitHub documents a byte size (64 KB) rather
 * than a character count; a byte bound is also a UTF-16 bound, so it satisfies either reading.
 */
export function clipUtf8(text: string, maxBytes: number, ellipsis = "…"): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  const room = Math.max(0, maxBytes - Buffer.byteLength(ellipsis, "utf8"));
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > room) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end) + (room > 0 ? ellipsis : "");
}

/** Fits a comment body under COMMENT_BUDGET (see fitMarkdown). */
export function fitComment(body: string, options: FitOptions = {}): string {
  return fitMarkdown(body, { budget: COMMENT_BUDGET, ...options });
}

/** Fits check run summary/text under CHECK_TEXT_BUDGET (see fitMarkdown). */
export function fitCheckText(text: string, options: FitOptions = {}): string {
  return fitMarkdown(text, { budget: CHECK_TEXT_BUDGET, ...options });
}

interface OpenFence {
  /** The opener's `>` quote markers and indentation, repeated on the closer so it closes the same block. */
  prefix: string;
  quoteDepth: number;
  fence: string;
}

interface BlockState {
  fence: OpenFence | undefined;
  openDetails: number;
}

// Up to three spaces of indentation, as CommonMark allows; deeper lines are indented code or list
// content, and a fence we miss there is still closed by the unindented note we append.
const FENCE_LINE = /^((?: {0,3}>)*)( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * Cuts markdown to `budget` characters at a line boundary, closes an open code fence and any open
 * `<details>` so the note that follows is not swallowed by them, and says how much was left out.
 * Text within the budget comes back unchanged.
 */
export function fitMarkdown(text: string, options: FitOptions = {}): string {
  const budget = options.budget ?? COMMENT_BUDGET;
  if (text.length <= budget) return text;
  const seeAlso = options.seeAlso ?? DEFAULT_SEE_ALSO;
  const note = (dropped: number): string => `\n\n… truncated: ${dropped} more characters (${seeAlso})`;
  // The note's length depends on the number it prints; the largest possible count bounds it.
  const noteRoom = note(text.length).length;
  if (noteRoom > budget) throw new RangeError(`budget ${budget} is too small for the truncation note`);

  let limit = budget - noteRoom;
  for (;;) {
    const end = cutPoint(text, limit);
    const kept = text.slice(0, end);
    const closing = closers(scanBlocks(kept));
    const result = kept + closing + note(text.length - end);
    if (result.length <= budget) return result;
    // Closers took more room than was left; cut further back and try again. Terminates: at 0 the
    // kept text is empty, needs no closers and the note fits by the check above.
    limit = Math.max(0, limit - (result.length - budget));
  }
}

/** Last line boundary at or below `limit`; a mid-line cut only when no whole line fits. */
function cutPoint(text: string, limit: number): number {
  if (limit <= 0) return 0;
  const newline = text.lastIndexOf("\n", limit);
  if (newline > 0) return newline;
  return safeCutIndex(text, limit);
}

/** Which fence and how many `<details>` are still open at the end of `text` (CommonMark fence rules). */
function scanBlocks(text: string): BlockState {
  const state: BlockState = { fence: undefined, openDetails: 0 };
  for (const line of text.split("\n")) {
    if (state.fence) {
      const depth = quoteDepth(line);
      if (depth === state.fence.quoteDepth) {
        if (closesFence(line, state.fence.fence)) state.fence = undefined;
        continue;
      }
      // Leaving the block quote ends the fence inside it; the line itself may open a new one.
      if (depth > state.fence.quoteDepth) continue;
      state.fence = undefined;
    }
    const fence = openedFence(line);
    if (fence) {
      state.fence = fence;
      continue;
    }
    state.openDetails = Math.max(0, state.openDetails + count(line, /<details[\s>]/gi) - count(line, /<\/details\s*>/gi));
  }
  return state;
}

function openedFence(line: string): OpenFence | undefined {
  const match = FENCE_LINE.exec(line);
  if (!match) return undefined;
  const [, quotes = "", indent = "", fence = "", info = ""] = match;
  // A backtick fence's info string may not contain backticks; such a line is inline code instead.
  if (fence.startsWith("`") && info.includes("`")) return undefined;
  return { prefix: quotes + indent, quoteDepth: countChar(quotes, ">"), fence };
}

function closesFence(line: string, fence: string): boolean {
  const match = FENCE_LINE.exec(line);
  if (!match) return false;
  const [, , , run = "", rest = ""] = match;
  return run.charAt(0) === fence.charAt(0) && run.length >= fence.length && /^[ \t\r]*$/.test(rest);
}

function quoteDepth(line: string): number {
  return countChar(/^(?: {0,3}>)*/.exec(line)?.[0] ?? "", ">");
}

function countChar(text: string, char: string): number {
  return text.split(char).length - 1;
}

function closers(state: BlockState): string {
  const fence = state.fence ? `\n${state.fence.prefix}${state.fence.fence}` : "";
  return fence + "\n</details>".repeat(state.openDetails);
}

function count(line: string, pattern: RegExp): number {
  return line.match(pattern)?.length ?? 0;
}
