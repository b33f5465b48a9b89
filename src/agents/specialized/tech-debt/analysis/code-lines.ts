import { ts } from "ts-morph";
import { lineEnd } from "./skip-trivia.js";

const SPACE = 32;
const TAB = 9;
const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const BACKTICK = 96;
const DOLLAR = 36;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;

/**
 * Counts code lines (non-blank, not only comments) over one linear pass of the text.
 *
 * A lexer that only tells comments from code needs just strings, template literals and
 * comments, except where the grammar is ambiguous: regular expressions, JSX text and JSX
 * attribute strings (no escapes). The AST walk already knows where those are, so it hands
 * them over as `opaque` spans, flat [start, end, start, end, …] sorted by start; re-scanning
 * the file with the TypeScript scanner instead would cost a good share of a parse.
 *
 * Returns prefix sums: prefix[i] is the number of code lines among 0-based lines [0, i).
 */
export function codeLinePrefix(text: string, lineStarts: readonly number[], opaque: readonly number[]): Uint32Array {
  const lineCount = lineStarts.length;
  const isCode = new Uint8Array(lineCount);
  let line = 0;
  let nextLineStart = lineCount > 1 ? lineStarts[1]! : Infinity;

  // Positions only move forward, so the line lookup is a moving pointer, not a search.
  const markLine = (pos: number): void => {
    while (pos >= nextLineStart) {
      line++;
      nextLineStart = line + 1 < lineCount ? lineStarts[line + 1]! : Infinity;
    }
    isCode[line] = 1;
  };
  // Inside literals too, a line holding only whitespace is blank (as ESLint's max-lines-per-function sees it).
  const markVisible = (start: number, end: number): void => {
    for (let pos = start; pos < end; pos++) {
      if (!ts.isWhiteSpaceLike(text.charCodeAt(pos))) markLine(pos);
    }
  };

  const length = text.length;
  // Brace depths at which a `}` resumes an enclosing template literal instead of closing a block.
  const templateResume: number[] = [];
  let braceDepth = 0;
  let nextOpaque = 0;
  let pos = 0;

  const scanString = (quote: number): void => {
    const start = pos;
    pos++;
    while (pos < length) {
      const char = text.charCodeAt(pos);
      if (char === quote) {
        pos++;
        break;
      }
      if (char === BACKSLASH) {
        pos += text.charCodeAt(pos + 1) === 13 && text.charCodeAt(pos + 2) === 10 ? 3 : 2;
        continue;
      }
      if (ts.isLineBreak(char)) break; // unterminated: the scanner stops here too
      pos++;
    }
    markVisible(start, pos);
  };

  // Scans template text from `pos` (just after "`" or a substitution's "}") up to the end or the next "${".
  const scanTemplateText = (start: number): void => {
    while (pos < length) {
      const char = text.charCodeAt(pos);
      if (char === BACKTICK) {
        pos++;
        break;
      }
      if (char === BACKSLASH) {
        pos += 2;
        continue;
      }
      if (char === DOLLAR && text.charCodeAt(pos + 1) === OPEN_BRACE) {
        pos += 2;
        templateResume.push(braceDepth);
        break;
      }
      pos++;
    }
    markVisible(start, pos);
  };

  while (pos < length) {
    if (nextOpaque < opaque.length && pos >= opaque[nextOpaque]!) {
      // Past a span's start means the lexer drifted on broken input; drop the span and go on.
      if (pos === opaque[nextOpaque]) {
        markVisible(pos, opaque[nextOpaque + 1]!);
        pos = Math.max(pos + 1, opaque[nextOpaque + 1]!);
      }
      nextOpaque += 2;
      continue;
    }
    const char = text.charCodeAt(pos);
    switch (char) {
      case SPACE:
      case TAB:
      case LINE_FEED:
      case CARRIAGE_RETURN:
        pos++;
        continue;
      case SLASH: {
        const next = text.charCodeAt(pos + 1);
        if (next === SLASH) {
          pos = lineEnd(text, pos + 2);
          continue;
        }
        if (next === STAR) {
          const close = text.indexOf("*/", pos + 2);
          pos = close < 0 ? length : close + 2;
          continue;
        }
        break;
      }
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE:
        scanString(char);
        continue;
      case BACKTICK: {
        const start = pos;
        pos++;
        scanTemplateText(start);
        continue;
      }
      case OPEN_BRACE:
        braceDepth++;
        break;
      case CLOSE_BRACE:
        if (templateResume.length > 0 && templateResume[templateResume.length - 1] === braceDepth) {
          templateResume.pop();
          const start = pos;
          pos++;
          scanTemplateText(start);
          continue;
        }
        braceDepth--;
        break;
      default:
        if (char > 127 && ts.isWhiteSpaceLike(char)) {
          pos++;
          continue;
        }
    }
    // markLine inlined: this is the hot path, one step per code character.
    while (pos >= nextLineStart) {
      line++;
      nextLineStart = line + 1 < lineCount ? lineStarts[line + 1]! : Infinity;
    }
    isCode[line] = 1;
    pos++;
  }

  const prefix = new Uint32Array(lineCount + 1);
  for (let i = 0; i < lineCount; i++) prefix[i + 1] = prefix[i]! + isCode[i]!;
  return prefix;
}
