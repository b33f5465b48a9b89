import { ts } from "ts-morph";
import type { LineMarks } from "./line-marks.js";
import { lineEnd } from "./skip-trivia.js";

/*
 * The lexer behind codeLinePrefix (see code-lines.ts): tells comments and blank space from
 * code, which takes only strings, template literals and comments, plus the `opaque` spans the
 * AST walk hands over for what it cannot tell without a parser.
 */

const BACKSLASH = 92;
const BACKTICK_CHAR = 96;
const DOLLAR = 36;
const OPEN_BRACE_CHAR = 123;
const LINE_FEED_CHAR = 10;
const CARRIAGE_RETURN_CHAR = 13;

// What a character starts, looked up by char code (ASCII; others are code unless whitespace).
const CODE = 0;
const BLANK = 1;
const SLASH = 2;
const QUOTE = 3;
const BACKTICK = 4;
const OPEN_BRACE = 5;
const CLOSE_BRACE = 6;
const CHAR_ROLE = new Uint8Array(128);
for (const char of " \t\n\r") CHAR_ROLE[char.charCodeAt(0)] = BLANK;
for (const char of `'"`) CHAR_ROLE[char.charCodeAt(0)] = QUOTE;
CHAR_ROLE["/".charCodeAt(0)] = SLASH;
CHAR_ROLE["`".charCodeAt(0)] = BACKTICK;
CHAR_ROLE["{".charCodeAt(0)] = OPEN_BRACE;
CHAR_ROLE["}".charCodeAt(0)] = CLOSE_BRACE;

export class CodeLexer {
  readonly #text: string;
  readonly #opaque: readonly number[];
  readonly #marks: LineMarks;
  #nextOpaque = 0;
  /** Start of the next opaque span, Infinity after the last. */
  #opaqueStart: number;
  // Brace depths at which a `}` resumes an enclosing template literal instead of closing a block.
  readonly #templateResume: number[] = [];
  #braceDepth = 0;

  constructor(text: string, opaque: readonly number[], marks: LineMarks) {
    this.#text = text;
    this.#opaque = opaque;
    this.#marks = marks;
    this.#opaqueStart = opaque.length > 0 ? opaque[0]! : Infinity;
  }

  /** Marks every line that holds code. */
  run(): void {
    const text = this.#text;
    const length = text.length;
    const marks = this.#marks;
    let pos = 0;
    while (pos < length) {
      if (pos >= this.#opaqueStart) {
        pos = this.#skipOpaque(pos);
        continue;
      }
      const char = text.charCodeAt(pos);
      const role = char < 128 ? CHAR_ROLE[char]! : ts.isWhiteSpaceLike(char) ? BLANK : CODE;
      // The hot path, one step per character: plain code and whitespace.
      if (role === CODE) {
        marks.mark(pos);
        pos++;
      } else if (role === BLANK) {
        pos++;
      } else {
        pos = this.#special(role, pos);
      }
    }
  }

  /** Handles a character that may start a comment or literal; returns where scanning goes on. */
  #special(role: number, pos: number): number {
    switch (role) {
      case SLASH:
        return this.#slash(pos);
      case QUOTE:
        return this.#string(pos);
      case BACKTICK:
        return this.#templateText(pos);
      case OPEN_BRACE:
        this.#braceDepth++;
        break;
      case CLOSE_BRACE: {
        const resume = this.#templateResume;
        if (resume.length > 0 && resume[resume.length - 1] === this.#braceDepth) {
          resume.pop();
          return this.#templateText(pos);
        }
        this.#braceDepth--;
        break;
      }
      default:
        break;
    }
    this.#marks.mark(pos);
    return pos + 1;
  }

  #skipOpaque(pos: number): number {
    const opaque = this.#opaque;
    const at = this.#nextOpaque;
    // Past a span's start means the lexer drifted on broken input; drop the span and go on.
    if (pos === opaque[at]) {
      this.#marks.markVisible(pos, opaque[at + 1]!);
      pos = Math.max(pos + 1, opaque[at + 1]!);
    }
    this.#nextOpaque = at + 2;
    this.#opaqueStart = at + 2 < opaque.length ? opaque[at + 2]! : Infinity;
    return pos;
  }

  /** A `/` at `pos`: a comment, or code (division or a regular expression the walk did not hand over). */
  #slash(pos: number): number {
    const text = this.#text;
    const next = text.charCodeAt(pos + 1);
    if (next === 47 /* / */) return lineEnd(text, pos + 2);
    if (next === 42 /* * */) {
      const close = text.indexOf("*/", pos + 2);
      return close < 0 ? text.length : close + 2;
    }
    this.#marks.mark(pos);
    return pos + 1;
  }

  #string(start: number): number {
    const text = this.#text;
    const length = text.length;
    const quote = text.charCodeAt(start);
    let pos = start + 1;
    while (pos < length) {
      const char = text.charCodeAt(pos);
      if (char === quote) {
        pos++;
        break;
      }
      if (char === BACKSLASH) {
        pos += text.charCodeAt(pos + 1) === CARRIAGE_RETURN_CHAR && text.charCodeAt(pos + 2) === LINE_FEED_CHAR ? 3 : 2;
        continue;
      }
      if (ts.isLineBreak(char)) break; // unterminated: the scanner stops here too
      pos++;
    }
    this.#marks.markVisible(start, pos);
    return pos;
  }

  // Scans template text from just after the "`" or substitution "}" at `start` up to the end or the next "${".
  #templateText(start: number): number {
    const text = this.#text;
    const length = text.length;
    let pos = start + 1;
    while (pos < length) {
      const char = text.charCodeAt(pos);
      if (char === BACKTICK_CHAR) {
        pos++;
        break;
      }
      if (char === BACKSLASH) {
        pos += 2;
        continue;
      }
      if (char === DOLLAR && text.charCodeAt(pos + 1) === OPEN_BRACE_CHAR) {
        pos += 2;
        this.#templateResume.push(this.#braceDepth);
        break;
      }
      pos++;
    }
    this.#marks.markVisible(start, pos);
    return pos;
  }
}
