/**
 * Escaping for user text echoed into comments and check output (reliability A8): TODO text, file
 * paths, command arguments. Echoed text must not ping people, fake formatting ("**APPROVED**"),
 * add links or images, or inject HTML.
 *
 * Markdown-significant characters become numeric character references rather than backslash
 * escapes: references also work inside raw HTML blocks such as `<summary>`, where backslashes show
 * literally, and CommonMark never reads a reference as structure (`&#42;` is a literal `*`).
 *
 * Issue references (`#123`, `owner/repo#123`) are left alone on purpose: they are how TODOs point
 * at their tracking issue, GitHub resolves them on rendered text so an escape would not stop them
 * anyway, and they do not notify anyone.
 */

const ZERO_WIDTH_SPACE = "\u200B";

// Characters that can start markup anywhere in a line: links, images, emphasis, code, tables, HTML,
// entities, math (`$`), and the backslash itself. `"` and `'` for text that lands in an HTML attribute.
const INLINE_SPECIAL = /[\\`*_~[\]|<>&"'$]/g;

// Characters that only mean something at the start of a line: headings, list items, setext
// underlines, ordered lists (`1.` / `1)`). Quotes (`>`) are already covered above.
const LINE_START_SPECIAL = /^([ \t]*)([#+=-]|\d+(?=[.)]))/gm;

// `@` and its look-alikes that GitHub (or a reader) may treat as a mention: ASCII, full-width and
// small commercial at. Entity forms (`&#64;`, `&commat;`) are handled by escaping `&`, which makes
// them render as the literal text of the reference instead of as `@`.
const AT_SIGNS = /[@\uFF20\uFE6B]/g;

/** `text` escaped for a markdown (or HTML) text context: renders as the same characters, inert. */
export function escapeMarkdown(text: string): string {
  return escapeInline(text).replace(LINE_START_SPECIAL, (_match, indent: string, lead: string) => indent + lead.replace(/^./, reference));
}

/**
 * Like escapeMarkdown, for one table cell: line breaks become spaces so the row stays one row, and
 * line-start markers stay as they are (a cell cannot open a heading or a list, so "3.5 h" is text).
 */
export function escapeTableCell(text: string): string {
  return escapeInline(singleLine(text));
}

function escapeInline(text: string): string {
  return text.replace(INLINE_SPECIAL, reference).replace(AT_SIGNS, (at) => at + ZERO_WIDTH_SPACE);
}

/**
 * `text` as an inline code span. The fence is one backtick longer than the longest run inside, so
 * the text cannot close it early; line breaks become spaces because a blank line would end the
 * paragraph and the span with it. Use in markdown text only: raw HTML blocks do not parse code spans.
 */
export function inlineCode(text: string): string {
  const content = singleLine(text);
  const longestRun = (content.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
  const fence = "`".repeat(longestRun + 1);
  // CommonMark strips one space from each side when both are present, so padding is invisible and
  // keeps a leading or trailing backtick from merging with the fence.
  return `${fence} ${content} ${fence}`;
}

/** Line breaks (including the Unicode line and paragraph separators) as single spaces. */
export function singleLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, " ");
}

function reference(char: string): string {
  return `&#${char.charCodeAt(0)};`;
}
