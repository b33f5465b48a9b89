// Globs as Concord reads them: `*` and `?` within a path segment, `**` for any number of segments,
// `[a-z]` classes, `{a,b}` alternatives and `{1..3}` ranges, and the flat extglobs `@(a|b)`, `?(…)`,
// `*(…)`, `+(…)`. The result is a tree for `matchGlobs`, which runs it as an automaton in time
// linear in the path, never as a backtracking regular expression. Parentheses that are not an
// extglob match themselves (Next.js route groups such as `app/(auth)/**`).

export type CharTest =
  | { readonly kind: "char"; readonly code: number }
  | { readonly kind: "not-slash" }
  | { readonly kind: "any" }
  | { readonly kind: "class"; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] };

export type Repeat = "once" | "optional" | "any" | "some";

export type GlobNode =
  | { readonly kind: "one"; readonly test: CharTest }
  /** Any run of characters inside one path segment. */
  | { readonly kind: "star" }
  /** A whole "**" segment followed by a slash: zero or more whole directories. */
  | { readonly kind: "any-dirs" }
  /** A trailing `/**`: nothing, or a slash and anything after it. */
  | { readonly kind: "any-rest" }
  /** `**` on its own: any path. */
  | { readonly kind: "everything" }
  | { readonly kind: "choice"; readonly options: readonly (readonly GlobNode[])[]; readonly repeat: Repeat };

export type ParsedGlob = { ok: true; nodes: GlobNode[] } | { ok: false; problem: string };

/** A brace range may list at most this many values: `{1..100}` is fine, `{1..100000}` is not. */
export const MAX_RANGE_VALUES = 100;

const REGEX_LIKE = 'looks like a regular expression; globs use *, ?, ** and {a,b}, and parentheses match themselves';

class GlobProblem extends Error {}

interface Context {
  /** The text before this part ends a path segment (or is the start of the glob). */
  readonly segmentStart: boolean;
  /** The text after this part starts a new path segment (or is the end of the glob). */
  readonly segmentEnd: boolean;
  readonly inExtglob: boolean;
}

/** Parses a glob; one with no "/" matches a file name at any depth, as if it started with "**" and a slash. */
export function parseGlob(glob: string): ParsedGlob {
  try {
    // "**/**" means no more than "**".
    const text = glob.replace(/(^|\/)\*\*(?:\/\*\*)+(?=\/|$)/g, "$1**");
    const nodes = new GlobParser(text).sequence(0, text.length, { segmentStart: true, segmentEnd: true, inExtglob: false });
    return { ok: true, nodes: glob.includes("/") ? nodes : [{ kind: "any-dirs" }, ...nodes] };
  } catch (error) {
    if (error instanceof GlobProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

const EXTGLOB_REPEAT: Readonly<Record<string, Repeat>> = { "@": "once", "?": "optional", "*": "any", "+": "some" };

class GlobParser {
  constructor(private readonly glob: string) {}

  sequence(start: number, end: number, ctx: Context): GlobNode[] {
    const nodes: GlobNode[] = [];
    let i = start;
    while (i < end) i = this.#part(i, start, end, ctx, nodes);
    return nodes;
  }

  // Parses the construct at `i`, appends its nodes, and returns where the next one starts.
  #part(i: number, start: number, end: number, ctx: Context, nodes: GlobNode[]): number {
    const glob = this.glob;
    const char = glob[i] ?? "";
    if (glob[i + 1] === "(" && "?*+@!".includes(char)) {
      const close = this.#close(i + 1, end, "(", ")");
      if (close !== -1) return this.#extglob(i, close, ctx, nodes);
    }
    if (i === 0 && char === "!") throw new GlobProblem('starts with "!", but negation is not supported here; list only what should match');
    if (char === "*") return this.#stars(i, start, end, ctx, nodes);
    if (char === "?") return push(nodes, { kind: "one", test: { kind: "not-slash" } }, i + 1);
    if (char === "[") return this.#charClass(i, end, nodes);
    if (char === "{") return this.#braces(i, start, end, ctx, nodes);
    if (char === "(") this.#checkPlainGroup(i, end, ctx);
    if (char === "/" && this.#isTrailingGlobstar(i + 1, end, ctx)) return push(nodes, { kind: "any-rest" }, end);
    return push(nodes, { kind: "one", test: { kind: "char", code: glob.charCodeAt(i) } }, i + 1);
  }

  #stars(i: number, start: number, end: number, ctx: Context, nodes: GlobNode[]): number {
    let after = i;
    // A star right before "(" opens an extglob, so it is not part of this run.
    while (after < end && this.glob[after] === "*" && this.glob[after + 1] !== "(") after++;
    if (after === i) after = i + 1;
    const wholeSegment = after - i >= 2 && !ctx.inExtglob && this.#startsSegment(i, start, ctx) && this.#endsSegment(after, end, ctx);
    if (!wholeSegment) return push(nodes, { kind: "star" }, after);
    if (after < end) return push(nodes, { kind: "any-dirs" }, after + 1);
    return push(nodes, { kind: "everything" }, after);
  }

  #isTrailingGlobstar(from: number, end: number, ctx: Context): boolean {
    if (ctx.inExtglob || !ctx.segmentEnd || end - from < 2) return false;
    for (let k = from; k < end; k++) if (this.glob[k] !== "*") return false;
    return true;
  }

  #startsSegment(i: number, start: number, ctx: Context): boolean {
    return i === start ? ctx.segmentStart : this.glob[i - 1] === "/";
  }

  #endsSegment(i: number, end: number, ctx: Context): boolean {
    return i === end ? ctx.segmentEnd : this.glob[i] === "/";
  }

  #extglob(i: number, close: number, ctx: Context, nodes: GlobNode[]): number {
    // Nesting is where regex engines blow up (CVE-2026-27904); refused even though this matcher is linear.
    if (ctx.inExtglob) throw new GlobProblem("nests an extglob inside another, which can take exponential time to match");
    const opener = this.glob[i] ?? "";
    if (opener === "!") throw new GlobProblem('uses "!(…)", but negated extglobs are not supported; list what should match instead');
    const inner: Context = { segmentStart: false, segmentEnd: false, inExtglob: true };
    const options = this.#split(i + 2, close, "|").map(([from, to]) => this.sequence(from, to, inner));
    return push(nodes, { kind: "choice", options, repeat: EXTGLOB_REPEAT[opener] ?? "once" }, close + 1);
  }

  // A plain group is a literal name, such as a Next.js route group; a group used like a regular
  // expression — alternatives, nesting, or a quantifier after it as in `(a+)+` — is refused.
  #checkPlainGroup(i: number, end: number, ctx: Context): void {
    const close = this.#close(i, end, "(", ")");
    if (close === -1) return;
    if (ctx.inExtglob) throw new GlobProblem("nests parentheses inside an extglob, which can take exponential time to match");
    const quantified = close + 1 < end && "+*?{".includes(this.glob[close + 1] ?? "");
    if (quantified || this.glob.slice(i + 1, close).includes("(") || this.#split(i + 1, close, "|").length > 1) {
      throw new GlobProblem(`uses "${this.glob.slice(i, quantified ? close + 2 : close + 1)}", which ${REGEX_LIKE}`);
    }
  }

  #braces(i: number, start: number, end: number, ctx: Context, nodes: GlobNode[]): number {
    const close = this.#close(i, end, "{", "}");
    if (close === -1) return push(nodes, { kind: "one", test: { kind: "char", code: 0x7b } }, i + 1);
    const parts = this.#split(i + 1, close, ",");
    if (parts.length === 1) {
      const range = braceRange(this.glob.slice(i + 1, close));
      // `{a}` is not a choice: the braces match themselves.
      if (range === undefined) return push(nodes, { kind: "one", test: { kind: "char", code: 0x7b } }, i + 1);
      const options = range.map((value) => [...value].map((char): GlobNode => ({ kind: "one", test: { kind: "char", code: char.charCodeAt(0) } })));
      return push(nodes, { kind: "choice", options, repeat: "once" }, close + 1);
    }
    const inner: Context = { segmentStart: this.#startsSegment(i, start, ctx), segmentEnd: this.#endsSegment(close + 1, end, ctx), inExtglob: ctx.inExtglob };
    const options = parts.map(([from, to]) => this.sequence(from, to, inner));
    return push(nodes, { kind: "choice", options, repeat: "once" }, close + 1);
  }

  #charClass(i: number, end: number, nodes: GlobNode[]): number {
    const close = this.#classEnd(i, end);
    if (close === -1) return push(nodes, { kind: "one", test: { kind: "char", code: 0x5b } }, i + 1);
    let k = i + 1;
    const negated = this.glob[k] === "!" || this.glob[k] === "^";
    if (negated) k++;
    const body = this.glob.slice(k, close);
    if (body.includes("[:")) throw new GlobProblem("uses a POSIX class such as [[:alpha:]]; list the characters instead, such as [a-z]");
    const ranges: [number, number][] = [];
    for (let m = 0; m < body.length; m++) {
      const low = body.charCodeAt(m);
      if (body[m + 1] === "-" && m + 2 < body.length) {
        const high = body.charCodeAt(m + 2);
        if (high < low) throw new GlobProblem(`has a reversed range "${body.slice(m, m + 3)}" in [...]`);
        ranges.push([low, high]);
        m += 2;
      } else {
        ranges.push([low, low]);
      }
    }
    return push(nodes, { kind: "one", test: { kind: "class", negated, ranges } }, close + 1);
  }

  // The "]" closing the class that opens at `i`; a "]" right after "[" or "[!" is a member.
  #classEnd(i: number, end: number): number {
    let k = i + 1;
    if (this.glob[k] === "!" || this.glob[k] === "^") k++;
    if (this.glob[k] === "]") k++;
    const close = this.glob.indexOf("]", k);
    return close === -1 || close >= end ? -1 : close;
  }

  // The bracket matching the one at `i`, skipping classes; -1 when it is not closed before `end`.
  #close(i: number, end: number, open: string, close: string): number {
    let depth = 0;
    for (let k = i; k < end; k++) {
      const char = this.glob[k];
      if (char === "[") {
        const classEnd = this.#classEnd(k, end);
        if (classEnd !== -1) k = classEnd;
      } else if (char === open) depth++;
      else if (char === close && --depth === 0) return k;
    }
    return -1;
  }

  // [from, to) ranges between top-level separators: not inside (), {} or a class.
  #split(start: number, end: number, separator: string): [number, number][] {
    const parts: [number, number][] = [];
    let depth = 0;
    let from = start;
    for (let k = start; k < end; k++) {
      const char = this.glob[k] ?? "";
      if (char === "[") {
        const classEnd = this.#classEnd(k, end);
        if (classEnd !== -1) k = classEnd;
      } else if (char === "(" || char === "{") depth++;
      else if ((char === ")" || char === "}") && depth > 0) depth--;
      else if (char === separator && depth === 0) {
        parts.push([from, k]);
        from = k + 1;
      }
    }
    parts.push([from, end]);
    return parts;
  }
}

function push(nodes: GlobNode[], node: GlobNode, next: number): number {
  nodes.push(node);
  return next;
}

// `{1..5}`, `{-2..2}`, `{a..e}`: the values in order; undefined when the text is not a range.
function braceRange(text: string): string[] | undefined {
  const numbers = /^(-?\d{1,6})\.\.(-?\d{1,6})$/.exec(text);
  const letters = /^([A-Za-z])\.\.([A-Za-z])$/.exec(text);
  const bounds = numbers ? [Number(numbers[1]), Number(numbers[2])] : letters ? [text.charCodeAt(0), text.charCodeAt(3)] : undefined;
  if (bounds === undefined) return undefined;
  const [from = 0, to = 0] = bounds;
  if (Math.abs(to - from) + 1 > MAX_RANGE_VALUES) throw new GlobProblem(`has a range {${text}} of more than ${MAX_RANGE_VALUES} values`);
  const step = from <= to ? 1 : -1;
  const values: string[] = [];
  for (let value = from; value !== to + step; value += step) values.push(numbers ? String(value) : String.fromCharCode(value));
  return values;
}
