import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readEnvFile } from "../runtime/env-file.js";

/**
 * Merges `values` into the env file, keeping the variables already there (comments are not
 * kept), and leaves the file readable by its owner only: it holds the app's private key.
 */
export function updateEnvFile(file: string, values: Record<string, string>): void {
  const merged = { ...readEnvFile(file), ...values };
  const lines = Object.entries(merged).map(([key, value]) => formatEnvLine(key, value ?? ""));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  // `mode` only applies when the file is created; an existing file may have been world-readable.
  chmodSync(file, 0o600);
}

/**
 * One `KEY=value` line that node:util parseEnv reads back unchanged. Its quotes have no escapes,
 * so the value goes bare when that is safe, else inside a quote character it does not contain
 * (single quotes and backticks keep newlines and backslashes literally; double quotes expand `\n`).
 */
export function formatEnvLine(key: string, value: string): string {
  if (/^[\w@%+=:,./~-]*$/.test(value)) return `${key}=${value}`;
  if (!value.includes("'")) return `${key}='${value}'`;
  if (!value.includes("`")) return `${key}=\`${value}\``;
  if (!value.includes('"') && !value.includes("\\")) return `${key}="${value}"`;
  throw new Error(`Cannot write ${key} to the env file: its value contains every kind of quote.`);
}
