import { ts } from "ts-morph";

/**
 * Token streams for JS/TS sources, built on the TypeScript scanner rather than a parser: the
 * TODO search needs comment ranges, not an AST, and scanning costs a fraction of a parse.
 */

const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/i;

export function isScriptPath(path: string): boolean {
  return SCRIPT_EXTENSION.test(path);
}

/** TypeScript itself scans .js/.jsx/.tsx as JSX; only .ts/.mts/.cts are standard. */
function variantFor(path: string): ts.LanguageVariant {
  return /\.[cm]?ts$/i.test(path) ? ts.LanguageVariant.Standard : ts.LanguageVariant.JSX;
}

const K = ts.SyntaxKind;

/**
 * After these tokens a `/` starts a regular expression, elsewhere it divides. The scanner
 * cannot know without a parser; this is the classic prefix heuristic. A wrong guess only
 * misreads one line, because regex and division scans both stop at the line end.
 */
const REGEX_CAN_FOLLOW = new Uint8Array(K.Count);
REGEX_CAN_FOLLOW.fill(1, K.FirstPunctuation, K.LastPunctuation + 1);
for (const k of [K.CloseParenToken, K.CloseBracketToken, K.CloseBraceToken, K.PlusPlusToken, K.MinusMinusToken]) {
  REGEX_CAN_FOLLOW[k] = 0;
}
for (const k of [
  K.Unknown, // start of file
  K.TemplateHead,
  K.TemplateMiddle,
  K.ReturnKeyword,
  K.TypeOfKeyword,
  K.InstanceOfKeyword,
  K.InKeyword,
  K.OfKeyword,
  K.NewKeyword,
  K.DeleteKeyword,
  K.VoidKeyword,
  K.ThrowKeyword,
  K.CaseKeyword,
  K.DoKeyword,
  K.ElseKeyword,
  K.YieldKeyword,
  K.AwaitKeyword,
]) {
  REGEX_CAN_FOLLOW[k] = 1;
}

// Kind numbers as plain module constants: the scan loop below runs once per token.
const EOF = K.EndOfFileToken;
const WHITESPACE = K.WhitespaceTrivia;
const NEWLINE = K.NewLineTrivia;
const SHEBANG = K.ShebangTrivia;
const CONFLICT_MARKER = K.ConflictMarkerTrivia;
const NON_TEXT_MARKER = K.NonTextFileMarkerTrivia;
const LINE_COMMENT = K.SingleLineCommentTrivia;
const BLOCK_COMMENT = K.MultiLineCommentTrivia;
const SLASH = K.SlashToken;
const SLASH_EQUALS = K.SlashEqualsToken;
const TEMPLATE_HEAD = K.TemplateHead;
const TEMPLATE_TAIL = K.TemplateTail;
const OPEN_BRACE = K.OpenBraceToken;
const CLOSE_BRACE = K.CloseBraceToken;

export function isCommentKind(kind: ts.SyntaxKind): boolean {
  return kind === LINE_COMMENT || kind === BLOCK_COMMENT;
}

export type TokenVisitor = (kind: ts.SyntaxKind, start: number, end: number) => void;

// One scanner per variant, reused: creating a scanner per file is measurable on big scans.
const scanners = new Map<ts.LanguageVariant, ts.Scanner>();
function scannerFor(variant: ts.LanguageVariant): ts.Scanner {
  let scanner = scanners.get(variant);
  if (!scanner) {
    scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant);
    scanners.set(variant, scanner);
  }
  return scanner;
}

/**
 * Calls `visit` for every significant token in order. Whitespace, newlines, shebang and
 * conflict markers are never reported; comments only when `comments` is true.
 * Template literals come out as head/middle/tail pieces with the embedded expressions
 * tokenized in between, so `${...}` code is compared like any other code.
 * JSX text is scanned as code (telling it apart needs a parser): an apostrophe in JSX
 * text reads as a string up to the end of that line, and scanning recovers on the next.
 */
export function forEachToken(text: string, path: string, comments: boolean, visit: TokenVisitor): void {
  const scanner = scannerFor(variantFor(path));
  scanner.setText(text);
  scanner.setOnError(undefined);
  // Brace depth inside each open `${`; a `}` at depth 0 resumes the template text.
  const templateBraces: number[] = [];
  let previous: ts.SyntaxKind = K.Unknown;
  try {
    for (;;) {
      let kind = scanner.scan();
      switch (kind) {
        case EOF:
          return;
        case WHITESPACE:
        case NEWLINE:
        case SHEBANG:
        case CONFLICT_MARKER:
        case NON_TEXT_MARKER:
          continue;
        case LINE_COMMENT:
        case BLOCK_COMMENT:
          if (comments) visit(kind, scanner.getTokenStart(), scanner.getTokenEnd());
          continue;
        case SLASH:
        case SLASH_EQUALS:
          if (REGEX_CAN_FOLLOW[previous] === 1) kind = scanner.reScanSlashToken();
          break;
        case TEMPLATE_HEAD:
          templateBraces.push(0);
          break;
        case OPEN_BRACE:
          if (templateBraces.length > 0) templateBraces[templateBraces.length - 1]! += 1;
          break;
        case CLOSE_BRACE: {
          const top = templateBraces.length - 1;
          if (top >= 0) {
            if (templateBraces[top] === 0) {
              kind = scanner.reScanTemplateToken(false);
              if (kind === TEMPLATE_TAIL) templateBraces.pop();
            } else {
              templateBraces[top]! -= 1;
            }
          }
          break;
        }
        default:
          break;
      }
      visit(kind, scanner.getTokenStart(), scanner.getTokenEnd());
      previous = kind;
    }
  } finally {
    // Drop the reference so a big file's text is not kept alive by the shared scanner.
    scanner.setText("");
  }
}

/** Offsets at which each line starts; line n (1-based) starts at result[n - 1]. */
export function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[line++] = i + 1;
  return starts;
}

/** 1-based line containing `offset`. */
export function lineAt(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
