/**
 * Line numbers (in the new file) that a unified-diff patch adds or changes. GitHub omits the patch
 * for very large or binary diffs; callers then treat every line as changed ("all").
 */
export function changedLinesFromPatch(patch: string | undefined): Set<number> | "all" {
  if (patch === undefined) return "all";
  const lines = new Set<number>();
  let next = 0;
  for (const line of patch.split("\n")) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      continue;
    }
    if (next === 0) continue;
    if (line.startsWith("+")) lines.add(next++);
    else if (line.startsWith(" ")) next++;
    // "-" lines exist only in the old file; "\ No newline at end of file" changes nothing.
  }
  return lines;
}
