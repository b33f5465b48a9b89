import { COMMAND_CATALOG, HELP_SUMMARY } from "./catalog.js";
import { isCommandName, kindsOfName, type CommandKind, type CommandName } from "./command-kinds.js";
import { DEFAULT_SUBCOMMAND, FOREIGN_COMMANDS, GRAMMAR, type ArgSpec } from "./grammar.js";
import { Command } from "./schema.js";
import { Words } from "./words.js";

export type ParsedCommand =
  | { readonly ok: true; readonly command: Command; readonly line: number }
  | { readonly ok: false; readonly name: string; readonly error: string; readonly usage: string; readonly line: number };

// "/name" followed by a space or the end of the line; "/usr/bin/x", "/foo.txt" and "/a:b" are not commands.
const HEAD = /^\/([a-z][a-z0-9_-]{0,31})(?=\s|$)/i;

class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** One line that already starts at "/"; undefined when it is not addressed to Concord at all. */
export function parseCommandLine(text: string, line: number): ParsedCommand | undefined {
  const head = HEAD.exec(text);
  if (!head) return undefined;
  const name = (head[1] ?? "").toLowerCase();
  if (!isCommandName(name)) {
    return FOREIGN_COMMANDS.has(name) ? undefined : { ok: false, name, error: "unknown command", usage: HELP_SUMMARY, line };
  }
  try {
    return { ok: true, command: parseArguments(name, new Words(text, head[0].length)), line };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { ok: false, name, error: error.message, usage: error.usage, line };
  }
}

function parseArguments(name: CommandName, words: Words): Command {
  const kind = readKind(name, words);
  const usage = COMMAND_CATALOG[kind].usage;
  const candidate: Record<string, string> = { kind };
  for (const spec of GRAMMAR[kind]) {
    const value = readArgument(spec, words, usage);
    if (value !== undefined) candidate[spec.key] = value;
  }
  const extra = words.next();
  if (extra !== undefined) throw new UsageError(`unexpected argument ${quote(extra)}`, usage);
  const result = Command.safeParse(candidate);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const label = GRAMMAR[kind].find((spec) => spec.key === issue?.path[0])?.label ?? "argument";
  throw new UsageError(`${label} ${issue?.message ?? "is invalid"}`, usage);
}

function readKind(name: CommandName, words: Words): CommandKind {
  const kinds = kindsOfName(name);
  if (kinds.length === 1 && kinds[0] === name) return kinds[0];
  const groupUsage = kinds.map((kind) => COMMAND_CATALOG[kind].usage).join("\n");
  const word = words.peek();
  const defaultSub = DEFAULT_SUBCOMMAND[name];
  if (word === undefined) {
    if (defaultSub === undefined) throw new UsageError("missing subcommand", groupUsage);
    return `${name} ${defaultSub}` as CommandKind;
  }
  rejectOption(word, groupUsage);
  const kind = kinds.find((candidate) => candidate === `${name} ${word.toLowerCase()}`);
  if (kind === undefined) throw new UsageError(`unknown subcommand ${quote(word)}`, groupUsage);
  words.next();
  return kind;
}

function readArgument(spec: ArgSpec, words: Words, usage: string): string | undefined {
  switch (spec.type) {
    case "word": {
      const word = words.next();
      if (word === undefined) throw new UsageError(`missing ${spec.label}`, usage);
      rejectOption(word, usage);
      const value = spec.unquote ? unquote(word) : word;
      return spec.lowercase ? value.toLowerCase() : value;
    }
    case "optional-word": {
      const word = words.peek();
      if (word === undefined) return undefined;
      if (!spec.when.test(word)) {
        if (spec.looksLike.test(word)) throw new UsageError(`${spec.label} does not allow ${quote(word)}`, usage);
        return undefined;
      }
      words.next();
      return word.toLowerCase();
    }
    case "words": {
      const all = words.all();
      all.forEach((word) => rejectOption(word, usage));
      if (all.length === 0) throw new UsageError(`missing ${spec.label}`, usage);
      return words.rest();
    }
    case "text": {
      const first = words.peek();
      if (first === undefined) {
        if (spec.optional) return undefined;
        throw new UsageError(`missing ${spec.label}`, usage);
      }
      rejectOption(first, usage);
      return words.rest();
    }
  }
}

// Options are never settings overrides (A5): anything that looks like one is an error.
function rejectOption(word: string, usage: string): void {
  if (/^-(-|[a-z])/i.test(word)) throw new UsageError(`unknown option ${quote(word)}`, usage);
}

// People paste globs in code spans or quotes: `src/gen/**` or "src/gen/**".
function unquote(word: string): string {
  const match = /^([`"'])(.+)\1$/.exec(word);
  return match?.[2] ?? word;
}

// Errors echo user input; keep the echo short so a reply never carries a paragraph of it.
function quote(word: string): string {
  const short = word.length > 40 ? `${word.slice(0, 40)}…` : word;
  return `"${short}"`;
}
