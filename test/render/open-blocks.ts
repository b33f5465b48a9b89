/**
 * A reference reading of where markdown leaves a code fence or `<details>` open, written apart from
 * src/render/limits.ts so the property tests do not check the implementation against itself.
 * CommonMark fences: up to three spaces, ``` or ~~~ of length ≥ 3 (a backtick fence's info string
 * has no backtick), closed by the same character at least as long with nothing after it. A fence
 * inside a block quote ends with the quote, i.e. at the first line with fewer `>` markers.
 */
export function openBlocksAtEnd(markdown: string): { inFence: boolean; openDetails: number } {
  let fence: { run: string; depth: number } | undefined;
  let openDetails = 0;
  for (const line of markdown.split("\n")) {
    const quotes = /^(?: {0,3}>)*/.exec(line)![0];
    const depth = quotes.split(">").length - 1;
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line.slice(quotes.length));
    const run = match?.[1];
    const rest = match?.[2] ?? "";
    if (fence !== undefined && depth >= fence.depth) {
      const closes = depth === fence.depth && run !== undefined && run[0] === fence.run[0] && run.length >= fence.run.length && rest.trim() === "";
      if (closes) fence = undefined;
      continue;
    }
    fence = undefined;
    if (run !== undefined && !(run[0] === "`" && rest.includes("`"))) {
      fence = { run, depth };
      continue;
    }
    openDetails += (line.match(/<details[\s>]/gi) ?? []).length;
    openDetails = Math.max(0, openDetails - (line.match(/<\/details\s*>/gi) ?? []).length);
  }
  return { inFence: fence !== undefined, openDetails };
}
