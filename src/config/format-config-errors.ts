import type { ConfigError } from "./config-error.js";

const MAX_LISTED = 50;

/** Markdown for a check run or comment: one bullet per problem, key path first. */
export function formatConfigErrors(errors: readonly ConfigError[], file = ".github/concord.yml"): string {
  const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
  // In file order, so the list reads top to bottom like the file; problems without a line go last.
  const sorted = [...errors].sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const bullets = sorted.slice(0, MAX_LISTED).map((error) => {
    const where = error.path === "" ? "The file" : codeSpan(error.path);
    const line = error.line === undefined ? "" : ` (line ${error.line})`;
    return `- ${where}${line}: ${inline(error.message)}`;
  });
  const more = errors.length > MAX_LISTED ? [`- …and ${errors.length - MAX_LISTED} more`] : [];
  return [`**${codeSpan(file)} has ${count}.**`, "", ...bullets, ...more].join("\n");
}

// Key paths and YAML messages can carry text from the file; keep it on one line and inert.
function codeSpan(text: string): string {
  return `\`${truncate(text.replace(/[`\r\n]/g, " "))}\``;
}

function inline(text: string): string {
  return truncate(text.replace(/[\r\n]+/g, " "))
    .replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`)
    .replace(/@/g, "@\u200b");
}

function truncate(text: string): string {
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
