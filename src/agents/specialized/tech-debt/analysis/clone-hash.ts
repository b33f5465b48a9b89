import type { ts } from "ts-morph";
import { FIXED_TEXT } from "./tokens.js";

/* 32-bit hashes for clone detection: per token, and the two rolling hashes over windows of tokens. */

// Odd multipliers for the two independent rolling hashes; together they make a 64-bit window key.
export const BASE1 = 0x01000193;
export const BASE2 = 0x5bd1e995;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes both window hashes: the table's slot, and the order winnowing picks minima by. */
export function slotHash(h1: number, h2: number): number {
  return fmix32(h1 ^ Math.imul(h2, 0x27d4eb2d));
}

const KIND_HASH = new Int32Array(FIXED_TEXT.length);
for (let k = 0; k < KIND_HASH.length; k++) KIND_HASH[k] = fmix32(Math.imul(k + 1, 0x9e3779b1));

export function tokenHash(text: string, kind: ts.SyntaxKind, start: number, end: number): number {
  if (FIXED_TEXT[kind] === 1) return KIND_HASH[kind]!;
  // FNV-1a over the raw text, seeded by kind so a string "x" and an identifier x differ.
  let h = 0x811c9dc5 ^ KIND_HASH[kind]!;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** base^exponent mod 2^32, by squaring. */
export function power(base: number, exponent: number): number {
  let result = 1;
  for (let b = base, e = exponent; e > 0; e >>>= 1, b = Math.imul(b, b)) if (e & 1) result = Math.imul(result, b);
  return result;
}
