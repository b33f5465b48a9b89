import { createHash, randomUUID } from "node:crypto";

/** Where new ids come from; injected so tests and replays get stable ids. */
export type IdGenerator = () => string;

export const randomId: IdGenerator = () => randomUUID();

/**
 * A UUID (version 5 layout) that is the same for the same parts: a message derived from another
 * (the answer to a request, by one agent) gets one id however often it is produced, so a redelivered
 * request that runs again cannot queue a second answer.
 */
export function derivedId(...parts: readonly string[]): string {
  const hex = createHash("sha1").update(JSON.stringify(parts)).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
