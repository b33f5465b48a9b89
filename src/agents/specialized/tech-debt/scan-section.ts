import type { Todo } from "./analysis/todos.js";
import { dateTodos } from "./date-todos.js";
import type { MeasuredFile } from "./measure-file.js";
import type { DebtItem, FileReport, ScanSection } from "./model.js";
import { worstFirst } from "./order-items.js";
import type { BlameFn } from "./scan-options.js";
import { summarize } from "./summarize.js";

/**
 * Collects one section of a scan (the code, or its tests) file by file, then sums it up. Without
 * `keepFunctions` each file's function list is counted and let go (a pull request comparison needs
 * the findings and figures only, and the lists are most of what a scan keeps of a file).
 */
export class SectionBuilder {
  readonly files: FileReport[] = [];
  readonly items: DebtItem[] = [];
  readonly todos: Todo[] = [];
  /** jscpd's line count of the section: the last token's line of each file. */
  lines = 0;
  duplicatedLines = 0;
  skipped = 0;
  #functions = 0;

  constructor(private readonly keepFunctions = true) {}

  addFile(file: MeasuredFile): void {
    this.#functions += file.report.functions.length;
    this.files.push(this.keepFunctions ? file.report : { ...file.report, functions: [] });
    this.items.push(...file.items);
    this.todos.push(...file.todos);
    this.lines += file.lastTokenLine;
  }

  async build(blame: BlameFn | undefined, now: Date): Promise<ScanSection> {
    const items = worstFirst(this.items);
    return {
      summary: summarize({
        files: this.files.length,
        loc: this.files.reduce((sum, file) => sum + file.loc, 0),
        functions: this.#functions,
        items,
        duplicatedLines: this.duplicatedLines,
        totalLines: this.lines,
        skipped: this.skipped,
      }),
      files: this.files,
      items,
      todos: await dateTodos(this.todos, blame, now),
    };
  }
}
