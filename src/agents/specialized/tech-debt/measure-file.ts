import { analyseFile } from "./analyse-file.js";
import { findTodos, type Todo } from "./analysis/todos.js";
import { detachStrings } from "./detach-strings.js";
import { fileItems } from "./file-items.js";
import { lineHashes } from "./fingerprint.js";
import type { DebtItem, FileReport } from "./model.js";
import type { DebtThresholds } from "./settings.js";

/** What a scan keeps of one analysed file once its text and syntax tree are gone. */
export interface MeasuredFile {
  report: FileReport;
  items: DebtItem[];
  todos: Todo[];
  /** Per-line code hashes, for the fingerprints of clones found later (4 bytes a line). */
  hashes: Int32Array;
  lastTokenLine: number;
}

/**
 * Parses and measures one file; throws UnanalysableFileError for a file that cannot be measured.
 * What it returns shares no memory with the text (see detachStrings), so a scan that keeps the
 * measurements of hundreds of files does not keep their texts.
 */
export function measureFile(path: string, text: string, thresholds: DebtThresholds): MeasuredFile {
  const analysis = analyseFile(path, text);
  const hashes = lineHashes(text);
  const todos = findTodos(path, text);
  return detachStrings({
    report: {
      path,
      loc: analysis.loc,
      functions: analysis.functions.map(({ name, line, column, endLine, cyclomatic, cognitive, params, loc }) => ({
        name,
        line,
        column,
        endLine,
        cyclomatic,
        cognitive,
        params,
        loc,
      })),
    },
    items: fileItems(analysis, todos, hashes, thresholds),
    todos,
    hashes,
    lastTokenLine: analysis.lastTokenLine,
  });
}
