/**
 * Plausible application JavaScript of any size, made from a seed: functions and classes with
 * branches, loops, switches, try/catch, callbacks, template strings and the odd to-do, every name
 * numbered so that files (and functions) are not copies of each other, as in a real code base
 * where jscpd finds a few clones rather than everything. The same seed always gives the same text.
 * `variant` changes every eighth function a little: the same file at another commit.
 */
export function generatedJavaScript(seed: string, bytes: number, variant = 0): string {
  const random = seededRandom(seed);
  const parts: string[] = ["import { createHash } from \"node:crypto\";\n\n"];
  let size = parts[0]!.length;
  for (let unit = 0; ; unit++) {
    const code = random() < 0.15 ? classDeclaration(random, unit) : functionDeclaration(random, unit, variant !== 0 && unit % 8 === 0 ? variant : 0);
    if (size + code.length + 1 > bytes) break;
    parts.push(code, "\n");
    size += code.length + 1;
  }
  return parts.join("");
}

type Random = () => number;

const NOUNS = ["order", "user", "account", "invoice", "item", "session", "record", "entry", "payload", "request", "report", "config", "event", "message", "task"];
const VERBS = ["load", "build", "compute", "resolve", "format", "validate", "collect", "merge", "apply", "render", "sync", "parse", "update", "find", "check"];
const FIELDS = ["id", "name", "status", "total", "count", "items", "createdAt", "owner", "tags", "price", "quantity", "enabled", "limit", "retries", "path"];
const STATUSES = ["open", "closed", "pending", "failed", "done", "draft"];

function functionDeclaration(random: Random, unit: number, variant: number): string {
  const name = `${pick(random, VERBS)}${capital(pick(random, NOUNS))}${unit}`;
  const params = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `${pick(random, NOUNS)}${i}`);
  const asynchronous = random() < 0.3;
  const body = block(random, params, 1, 6 + Math.floor(random() * 10), unit);
  const extra = variant === 0 ? "" : `  if (${params[0]} === undefined) throw new Error("${name}: missing ${params[0]} (${variant})");\n`;
  return `${random() < 0.7 ? "export " : ""}${asynchronous ? "async " : ""}function ${name}(${params.join(", ")}) {\n${extra}${body}}\n`;
}

function classDeclaration(random: Random, unit: number): string {
  const name = `${capital(pick(random, NOUNS))}Service${unit}`;
  const methods = Array.from({ length: 2 + Math.floor(random() * 4) }, (_, i) => {
    const method = `${pick(random, VERBS)}${capital(pick(random, FIELDS))}${i}`;
    const param = pick(random, NOUNS);
    return `  ${method}(${param}) {\n${block(random, [param], 2, 3 + Math.floor(random() * 5), unit * 10 + i)}  }\n`;
  });
  return `export class ${name} {\n  constructor(options = {}) {\n    this.options = options;\n    this.cache = new Map();\n  }\n\n${methods.join("\n")}}\n`;
}

function block(random: Random, names: string[], depth: number, statements: number, unit: number): string {
  const lines: string[] = [];
  const locals = [...names];
  for (let i = 0; i < statements; i++) lines.push(statement(random, locals, depth, unit, i));
  lines.push(`${indent(depth)}return ${expression(random, locals, unit)};\n`);
  return lines.join("");
}

function statement(random: Random, locals: string[], depth: number, unit: number, index: number): string {
  const pad = indent(depth);
  const nested = depth < 4;
  const roll = random();
  if (roll < 0.3 || !nested) {
    const local = `${pick(random, FIELDS)}${unit}_${index}`;
    const line = `${pad}const ${local} = ${expression(random, locals, unit)};\n`;
    locals.push(local);
    return line;
  }
  if (roll < 0.5) {
    const otherwise = random() < 0.5 ? ` else {\n${inner(random, locals, depth, unit)}${pad}}` : "";
    return `${pad}if (${condition(random, locals)}) {\n${inner(random, locals, depth, unit)}${pad}}${otherwise}\n`;
  }
  if (roll < 0.62) {
    const item = `${pick(random, NOUNS)}Item${unit}`;
    return `${pad}for (const ${item} of ${pick(random, locals)}.${pick(random, FIELDS)} ?? []) {\n${inner(random, [...locals, item], depth, unit)}${pad}}\n`;
  }
  if (roll < 0.7) {
    const cases = STATUSES.slice(0, 2 + Math.floor(random() * 3))
      .map((status) => `${pad}  case "${status}":\n${pad}    ${pick(random, locals)}.${pick(random, FIELDS)} = ${literal(random, unit)};\n${pad}    break;\n`)
      .join("");
    return `${pad}switch (${pick(random, locals)}.status) {\n${cases}${pad}  default:\n${pad}    break;\n${pad}}\n`;
  }
  if (roll < 0.78) {
    return `${pad}try {\n${inner(random, locals, depth, unit)}${pad}} catch (error) {\n${pad}  console.warn(\`${pick(random, VERBS)} failed for \${${pick(random, locals)}.id}\`, error);\n${pad}}\n`;
  }
  if (roll < 0.88) {
    return `${pad}const mapped${unit}_${index} = (${pick(random, locals)}.${pick(random, FIELDS)} ?? []).map((entry) => ({ ...entry, ${pick(random, FIELDS)}: entry.${pick(random, FIELDS)} + ${Math.floor(random() * 100)} }));\n`;
  }
  // About one to-do comment in a few hundred lines.
  if (roll < 0.885) return `${pad}// TODO: ${pick(random, VERBS)} the ${pick(random, NOUNS)} only once (${unit})\n`;
  return `${pad}${pick(random, locals)}.${pick(random, FIELDS)} = createHash("sha1").update(String(${pick(random, locals)}.${pick(random, FIELDS)})).digest("hex");\n`;
}

function inner(random: Random, locals: string[], depth: number, unit: number): string {
  const scoped = [...locals];
  return Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => statement(random, scoped, depth + 1, unit, 100 * depth + i)).join("");
}

function condition(random: Random, locals: string[]): string {
  const simple = (): string => {
    const roll = random();
    if (roll < 0.4) return `${pick(random, locals)}.${pick(random, FIELDS)} > ${Math.floor(random() * 50)}`;
    if (roll < 0.7) return `${pick(random, locals)}.status === "${pick(random, STATUSES)}"`;
    return `!${pick(random, locals)}.${pick(random, FIELDS)}`;
  };
  const roll = random();
  if (roll < 0.3) return `${simple()} && ${simple()}`;
  return roll < 0.45 ? `${simple()} || ${simple()}` : simple();
}

function expression(random: Random, locals: string[], unit: number): string {
  const roll = random();
  const name = pick(random, locals);
  if (roll < 0.25) return `${name}.${pick(random, FIELDS)} ?? ${literal(random, unit)}`;
  if (roll < 0.45) return `{ ${pick(random, FIELDS)}: ${name}.${pick(random, FIELDS)}, ${pick(random, FIELDS)}: ${literal(random, unit)} }`;
  if (roll < 0.6) return `\`${pick(random, NOUNS)}-\${${name}.${pick(random, FIELDS)}}-${unit}\``;
  if (roll < 0.75) return `${name}.${pick(random, FIELDS)} * ${Math.floor(random() * 10) + 1} + ${Math.floor(random() * 1000)}`;
  if (roll < 0.9) return `Object.keys(${name}).filter((key) => key.startsWith("${pick(random, FIELDS)}")).length`;
  return `String(${name}.${pick(random, FIELDS)} ?? "").trim().toLowerCase()`;
}

function literal(random: Random, unit: number): string {
  const roll = random();
  if (roll < 0.3) return String(Math.floor(random() * 10_000));
  if (roll < 0.6) return `"${pick(random, STATUSES)}-${unit}"`;
  if (roll < 0.8) return random() < 0.5 ? "true" : "false";
  return "[]";
}

function pick<T>(random: Random, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function capital(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

function indent(depth: number): string {
  return "  ".repeat(depth);
}

/** mulberry32, seeded from the string's FNV-1a hash. */
function seededRandom(seed: string): Random {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
