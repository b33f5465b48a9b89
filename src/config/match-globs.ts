import type { CharTest, GlobNode } from "./parse-glob.js";
import { parseGlob } from "./parse-glob.js";

// Globs run as one automaton (Thompson's construction) that follows every possible position in
// every glob at once: each character of the path is looked at once per live state, so matching
// takes time linear in the path whatever the globs are — no backtracking, no ReDoS. The sets of
// live states are remembered as they are met (a lazily built DFA, as RE2 does).

const SLASH = 0x2f;
const NOT_SLASH: CharTest = { kind: "not-slash" };
const ANY: CharTest = { kind: "any" };
const ONE_SLASH: CharTest = { kind: "char", code: SLASH };
const MAX_CACHED_SETS = 4096;

interface StateSet {
  readonly states: readonly number[];
  readonly accepting: boolean;
  readonly next: Map<number, StateSet>;
}

/** A matcher for repository-relative paths ("src/a.ts"), true when any of the globs matches. */
export function matchGlobs(globs: readonly string[]): (path: string) => boolean {
  const automaton = new Automaton();
  automaton.start = automaton.state(
    undefined,
    globs.map((glob) => {
      const parsed = parseGlob(glob);
      if (!parsed.ok) throw new Error(`glob ${JSON.stringify(glob.slice(0, 80))} ${parsed.problem}`);
      return automaton.sequence(parsed.nodes, automaton.accept);
    }),
  );
  return (path) => automaton.matches(path);
}

/** How many states a glob's automaton has: the cost of matching it, per character of a path. */
export function globStates(nodes: readonly GlobNode[]): number {
  const automaton = new Automaton();
  automaton.sequence(nodes, automaton.accept);
  return automaton.size;
}

class Automaton {
  // State i consumes one character passing tests[i] and goes on to outs[i][0]; a state without a
  // test moves on to all of outs[i] without consuming anything. The accept state has neither.
  readonly #tests: (CharTest | undefined)[] = [];
  readonly #outs: number[][] = [];
  readonly accept = this.state(undefined, []);
  start = this.accept;
  #seen = new Int32Array(0);
  #generation = 0;

  get size(): number {
    return this.#tests.length;
  }

  state(test: CharTest | undefined, outs: number[]): number {
    this.#tests.push(test);
    this.#outs.push(outs);
    return this.#tests.length - 1;
  }

  // Built back to front: each node is compiled knowing the state that follows it.
  sequence(nodes: readonly GlobNode[], next: number): number {
    let state = next;
    for (let i = nodes.length - 1; i >= 0; i--) state = this.#node(nodes[i] as GlobNode, state);
    return state;
  }

  #node(node: GlobNode, next: number): number {
    switch (node.kind) {
      case "one":
        return this.state(node.test, [next]);
      case "star":
        return this.#loop(NOT_SLASH, next);
      case "everything":
        return this.#loop(ANY, next);
      case "any-rest":
        return this.state(undefined, [this.state(ONE_SLASH, [this.#loop(ANY, next)]), next]);
      case "any-dirs": {
        // Zero or more of: one or more non-slash characters, then a slash.
        const loop = this.state(undefined, []);
        const slash = this.state(ONE_SLASH, [loop]);
        const name = this.state(NOT_SLASH, []);
        this.#setOuts(name, [this.state(undefined, [name, slash])]);
        this.#setOuts(loop, [name, next]);
        return loop;
      }
      case "choice":
        return this.#choice(node.options, node.repeat, next);
    }
  }

  #choice(options: readonly (readonly GlobNode[])[], repeat: "once" | "optional" | "any" | "some", next: number): number {
    if (repeat === "once") return this.state(undefined, options.map((option) => this.sequence(option, next)));
    if (repeat === "optional") return this.state(undefined, [...options.map((option) => this.sequence(option, next)), next]);
    const loop = this.state(undefined, []);
    const body = this.state(undefined, options.map((option) => this.sequence(option, loop)));
    this.#setOuts(loop, [body, next]);
    return repeat === "any" ? loop : body;
  }

  #loop(test: CharTest, next: number): number {
    const loop = this.state(undefined, []);
    this.#setOuts(loop, [this.state(test, [loop]), next]);
    return loop;
  }

  #setOuts(state: number, outs: number[]): void {
    this.#outs[state] = outs;
  }

  matches(path: string): boolean {
    let current = this.#startSet();
    for (let i = 0; i < path.length && current.states.length > 0; i++) {
      const code = path.charCodeAt(i);
      current = current.next.get(code) ?? this.#step(current, code);
    }
    return current.accepting;
  }

  // The sets of live states met so far, each with its moves by character: most paths then cost one
  // map lookup per character. Bounded, so hostile paths cannot grow it; a miss is one linear step.
  #sets = new Map<string, StateSet>();

  #startSet(): StateSet {
    if (this.#seen.length !== this.size) this.#seen = new Int32Array(this.size);
    const states: number[] = [];
    this.#close(this.start, states, this.#nextGeneration());
    return this.#intern(states);
  }

  #step(from: StateSet, code: number): StateSet {
    const generation = this.#nextGeneration();
    const states: number[] = [];
    for (const state of from.states) {
      const test = this.#tests[state];
      if (test !== undefined && passes(test, code)) this.#close((this.#outs[state] as number[])[0] as number, states, generation);
    }
    const next = this.#intern(states);
    from.next.set(code, next);
    return next;
  }

  #intern(states: number[]): StateSet {
    states.sort((a, b) => a - b);
    const key = states.join(",");
    let set = this.#sets.get(key);
    if (set === undefined) {
      if (this.#sets.size >= MAX_CACHED_SETS) this.#sets.clear();
      set = { states, accepting: states.includes(this.accept), next: new Map() };
      this.#sets.set(key, set);
    }
    return set;
  }

  // Adds `state` and every state reachable from it without consuming a character.
  #close(state: number, into: number[], generation: number): void {
    const stack = [state];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      if (this.#seen[top] === generation) continue;
      this.#seen[top] = generation;
      if (this.#tests[top] !== undefined || top === this.accept) into.push(top);
      else stack.push(...(this.#outs[top] as number[]));
    }
  }

  #nextGeneration(): number {
    if (this.#generation >= 0x3fffffff) {
      this.#seen.fill(0);
      this.#generation = 0;
    }
    return ++this.#generation;
  }
}

function passes(test: CharTest, code: number): boolean {
  switch (test.kind) {
    case "char":
      return code === test.code;
    case "not-slash":
      return code !== SLASH;
    case "any":
      return true;
    case "class":
      // A class stands for one character of a name, so it never matches the separator.
      return code !== SLASH && test.ranges.some(([low, high]) => code >= low && code <= high) !== test.negated;
  }
}
