import { ts } from "ts-morph";

/**
 * Position of the first token at or after `pos`. Node positions in the TypeScript AST include
 * leading whitespace and comments; ts.skipTrivia is internal, so this is the public-API stand-in.
 */
export function skipTrivia(text: string, pos: number): number {
  const length = text.length;
  if (pos === 0 && text.charCodeAt(0) === 35 /* # */ && text.charCodeAt(1) === 33 /* ! */) {
    pos = lineEnd(text, 2);
  }
  while (pos < length) {
    const char = text.charCodeAt(pos);
    if (char === 47 /* / */) {
      const next = text.charCodeAt(pos + 1);
      if (next === 47) {
        pos = lineEnd(text, pos + 2);
        continue;
      }
      if (next === 42 /* * */) {
        const close = text.indexOf("*/", pos + 2);
        pos = close < 0 ? length : close + 2;
        continue;
      }
      return pos;
    }
    if (!ts.isWhiteSpaceLike(char)) return pos;
    pos++;
  }
  return pos;
}

export function lineEnd(text: string, pos: number): number {
  const length = text.length;
  while (pos < length && !ts.isLineBreak(text.charCodeAt(pos))) pos++;
  return pos;
}
