import type { PathSegment } from "./read-yaml.js";

/** ["techDebt", "ignore", 2] → "techDebt.ignore[2]"; keys that are not identifiers are quoted: roles["debt ignore"]. */
export function formatKeyPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === "number") return `${text}[${segment}]`;
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return text === "" ? segment : `${text}.${segment}`;
    return `${text}[${JSON.stringify(segment)}]`;
  }, "");
}
