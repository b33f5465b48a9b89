// npm's naming rules (validate-npm-package-name): at most 214 characters, URL-safe, no leading dot or
// underscore, optional @scope/. Upper case is allowed because migrations target existing packages and
// some old ones (JSONStream) have it.
export const MAX_PACKAGE_NAME_LENGTH = 214;

const NAME = /^(?:@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;
const RESERVED = new Set(["node_modules", "favicon.ico"]);

export function isPackageName(text: string): boolean {
  if (text.length === 0 || text.length > MAX_PACKAGE_NAME_LENGTH) return false;
  return NAME.test(text) && !RESERVED.has(text.toLowerCase());
}
