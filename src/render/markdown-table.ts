import { escapeTableCell, singleLine } from "./escape.js";

/**
 * A table cell. Strings and numbers are user-safe text and get escaped; `code` shows text as code;
 * `markdown` is markup the caller built itself (a link to our own check run, say) and is only kept
 * on one line with its pipes escaped.
 */
export type TableCell = string | number | { code: string } | { markdown: string };

export type ColumnAlign = "left" | "center" | "right";

export interface TableOptions {
  align?: readonly ColumnAlign[];
}

const ALIGN_RULE: Record<ColumnAlign, string> = { left: ":---", center: ":---:", right: "---:" };

/**
 * A GFM table. Short rows are padded with empty cells; a row longer than the header is a caller
 * bug (GitHub would drop the extra cells silently), so it throws. Put a blank line before the
 * table: GFM does not start a table in the middle of a paragraph.
 */
export function markdownTable(headers: readonly TableCell[], rows: readonly (readonly TableCell[])[], options: TableOptions = {}): string {
  if (headers.length === 0) throw new RangeError("a table needs at least one column");
  const width = headers.length;
  const rule = headers.map((_header, column) => {
    const align = options.align?.[column];
    return align ? ALIGN_RULE[align] : "---";
  });
  const lines = [row(headers), row(rule.map((cell) => ({ markdown: cell })))];
  rows.forEach((cells, index) => {
    if (cells.length > width) throw new RangeError(`row ${index} has ${cells.length} cells for ${width} columns`);
    const padded = [...cells, ...Array<TableCell>(width - cells.length).fill("")];
    lines.push(row(padded));
  });
  return lines.join("\n");
}

function row(cells: readonly TableCell[]): string {
  return `| ${cells.map(renderCell).join(" | ")} |`;
}

function renderCell(cell: TableCell): string {
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : escapeTableCell(String(cell));
  if (typeof cell === "string") return escapeTableCell(cell);
  // GFM splits rows on `|` before it parses code spans, so a backtick span cannot hold a pipe
  // safely; <code> with escaped content can, and GitHub allows the tag.
  if ("code" in cell) return `<code>${escapeTableCell(cell.code)}</code>`;
  return singleLine(cell.markdown).replace(/(?<!\\)\|/g, "\\|");
}
