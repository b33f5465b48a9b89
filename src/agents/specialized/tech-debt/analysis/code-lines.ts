import { CodeLexer } from "./code-lexer.js";
import { LineMarks } from "./line-marks.js";

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
  const marks = new LineMarks(text, lineStarts);
  new CodeLexer(text, opaque, marks).run();
  return marks.prefix();
}
