/** A short, single-line account of a thrown value, for dead letters and logs. */
export function describeError(error: unknown, maxLength = 500): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
