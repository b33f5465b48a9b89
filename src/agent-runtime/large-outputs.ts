import { createHash } from "node:crypto";
import { z } from "zod";
import { defineKey, type KeyedState } from "../state/keyed-state.js";

/**
 * Outputs too large for the message journal (a full scan's findings) travel by reference: stored
 * once in keyed state under their content hash, named in the response, read and removed by the
 * asker. Small outputs stay inline.
 */
export const INLINE_OUTPUT_LIMIT = 256 * 1024;

const LARGE_OUTPUT = defineKey<string, Record<string, unknown>>("agent-output", z.record(z.string(), z.unknown()), (hash) => hash);

export async function storeOutput(state: KeyedState, output: Record<string, unknown>): Promise<string | undefined> {
  const json = JSON.stringify(output);
  if (json.length <= INLINE_OUTPUT_LIMIT) return undefined;
  const hash = createHash("sha256").update(json).digest("hex");
  await state.set(LARGE_OUTPUT, hash, output);
  return hash;
}

export async function takeOutput(state: KeyedState, ref: string): Promise<Record<string, unknown>> {
  const output = await state.get(LARGE_OUTPUT, ref);
  if (output === undefined) throw new Error(`the agent's output ${ref.slice(0, 12)}… is not stored (already taken?)`);
  await state.delete(LARGE_OUTPUT, ref);
  return output;
}
