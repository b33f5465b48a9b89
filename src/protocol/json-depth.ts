/** Deeper than this, a value is not a message but an attempt to exhaust the stack of whoever serialises it. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether arrays and objects in `value` nest deeper than `max`. Walked with an explicit stack (the
 * point is values too deep for recursion); an object reached again is walked again only when reached
 * deeper, so shared and cyclic references cost at most `max` visits each.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const deepestSeen = new Map<object, number>();
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= max) return true;
    if ((deepestSeen.get(node) ?? -1) >= depth) continue;
    deepestSeen.set(node, depth);
    for (const child of Array.isArray(node) ? node : Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}
