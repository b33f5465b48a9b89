// Accepts what a user would type as a migration target: "18", "18.2", "v5.0.0-beta.1", "^5", ">=4 <5",
// "1.x", "1.2.3 - 2.0.0", "^17 || ^18". Written by hand because `semver` is not a direct dependency;
// the bounds follow semver's own (16 digits, Number.MAX_SAFE_INTEGER) so "99999999999999999999" fails.
export const MAX_VERSION_LENGTH = 64;

const OPERATOR = /^(\^|~|>=|<=|>|<|=)?v?(.+)$/;
const PARTIAL = /^(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const HYPHEN_RANGE = /^(\S+) - (\S+)$/;

export function isVersionSpec(text: string): boolean {
  if (text.length === 0 || text.length > MAX_VERSION_LENGTH) return false;
  return text.split("||").every((set) => isComparatorSet(set.trim()));
}

function isComparatorSet(set: string): boolean {
  if (set === "") return false;
  const hyphen = HYPHEN_RANGE.exec(set);
  if (hyphen) return isPartial(hyphen[1] ?? "") && isPartial(hyphen[2] ?? "");
  return set.split(/\s+/).every(isComparator);
}

function isComparator(comparator: string): boolean {
  const match = OPERATOR.exec(comparator);
  return match !== null && isPartial(match[2] ?? "");
}

function isPartial(text: string): boolean {
  const match = PARTIAL.exec(text.replace(/^v/, ""));
  if (!match) return false;
  const [, major, minor, patch, prerelease, build] = match;
  const numbers = [major, minor, patch].filter((part): part is string => part !== undefined && /^\d+$/.test(part));
  // Prerelease and build tags only make sense on a full x.y.z version.
  if ((prerelease !== undefined || build !== undefined) && patch === undefined) return false;
  return numbers.every(isSafeNumber);
}

function isSafeNumber(digits: string): boolean {
  if (digits.length > 16) return false;
  if (digits.length > 1 && digits.startsWith("0")) return false;
  return Number(digits) <= Number.MAX_SAFE_INTEGER;
}
