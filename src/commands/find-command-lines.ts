// Which lines of a comment are meant as commands: those starting with "/" (after at most three
// spaces) outside fenced code, indented code, block quotes and HTML comments. Quoting someone's
// command, or pasting a shell session in a code block, must never run anything.
export interface CandidateLine {
  /** 1-based line number in the comment body. */
  readonly line: number;
  /** The line from its "/" on. */
  readonly text: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const QUOTE = /^ {0,3}>/;
const COMMAND_START = /^ {0,3}\//;

interface ScanState {
  fence: string | undefined;
  inHtmlComment: boolean;
  /** A paragraph inside a quote continues on the next non-blank line ("lazy continuation"). */
  inQuote: boolean;
}

export function* findCommandLines(body: string): Generator<CandidateLine> {
  const state: ScanState = { fence: undefined, inHtmlComment: false, inQuote: false };
  const lines = body.split(/\r\n|\r|\n/);
  for (const [index, line] of lines.entries()) {
    if (isHidden(line, state)) continue;
    if (COMMAND_START.test(line)) yield { line: index + 1, text: line.trimStart() };
    trackHtmlComment(line, state);
  }
}

function isHidden(line: string, state: ScanState): boolean {
  if (state.fence !== undefined) {
    if (isClosingFence(line, state.fence)) state.fence = undefined;
    return true;
  }
  if (state.inHtmlComment) {
    if (line.includes("-->")) state.inHtmlComment = false;
    return true;
  }
  const fence = FENCE.exec(line);
  if (fence) {
    state.fence = fence[1];
    return true;
  }
  if (line.trim() === "") {
    state.inQuote = false;
    return true;
  }
  if (QUOTE.test(line)) state.inQuote = true;
  return state.inQuote;
}

function isClosingFence(line: string, opening: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  const closing = match?.[1];
  return closing !== undefined && closing[0] === opening[0] && closing.length >= opening.length;
}

function trackHtmlComment(line: string, state: ScanState): void {
  const opened = line.lastIndexOf("<!--");
  if (opened !== -1 && !line.includes("-->", opened + 4)) state.inHtmlComment = true;
}
