/**
 * Hidden markers: `<!-- concord:<kind>[:<key>] -->` at the top of everything the app posts, so a
 * later run finds its own comment and edits it instead of posting a duplicate (reliability I2).
 */

export interface Marker {
  kind: string;
  key?: string;
}

const MARKER_PATTERN = /<!-- concord:([^\s>]+) -->/g;

/**
 * Characters kept as they are; everything else is percent-encoded. The set has no whitespace and
 * no `>`, and a second `-` in a row is encoded too, so a marker can never contain `-->` (or `--!>`)
 * and end its HTML comment early. `:` separates kind from key, so it is encoded in the kind only.
 */
const PLAIN_KIND = /[A-Za-z0-9._~/#=+,@-]/;
const PLAIN_KEY = /[A-Za-z0-9._~/#=+,@:-]/;

/** The hidden marker for `kind` and optional `key`. An empty key means no key. */
export function marker(kind: string, key?: string): string {
  if (kind === "") throw new RangeError("a marker needs a kind");
  const encodedKey = key === undefined || key === "" ? "" : `:${encode(key, PLAIN_KEY)}`;
  return `<!-- concord:${encode(kind, PLAIN_KIND)}${encodedKey} -->`;
}

/** Whether `body` carries exactly this marker (a marker with another key, or none, does not count). */
export function hasMarker(body: string, kind: string, key?: string): boolean {
  return body.includes(marker(kind, key));
}

/** `body` with the marker on its first line; a body that already has it is returned as is. */
export function withMarker(body: string, kind: string, key?: string): string {
  return hasMarker(body, kind, key) ? body : `${marker(kind, key)}\n${body}`;
}

/** Every concord marker in `body`, in order of appearance. */
export function parseMarkers(body: string): Marker[] {
  const found: Marker[] = [];
  for (const match of body.matchAll(MARKER_PATTERN)) {
    const token = match[1] ?? "";
    const colon = token.indexOf(":");
    const kind = decode(colon === -1 ? token : token.slice(0, colon));
    const key = colon === -1 ? undefined : decode(token.slice(colon + 1));
    if (kind === undefined || kind === "") continue;
    if (colon !== -1 && (key === undefined || key === "")) continue;
    found.push(key === undefined ? { kind } : { kind, key });
  }
  return found;
}

function encode(text: string, plain: RegExp): string {
  let out = "";
  for (const char of toWellFormed(text)) {
    const keep = plain.test(char) && !(char === "-" && out.endsWith("-"));
    out += keep ? char : percentEncode(char);
  }
  return out;
}

function percentEncode(char: string): string {
  if (char === "-") return "%2D";
  return [...Buffer.from(char, "utf8")].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, "0")}`).join("");
}

/** Undoes `encode`; undefined for text that no marker() call could have produced. */
function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Lone surrogates cannot be UTF-8 encoded; they become U+FFFD, as the platform does. */
function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
