import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkHandoffGuards, type HandoffHop } from "../../src/bus/handoff-guards.js";

let n = 0;
function hop(from: string, ...to: string[]): HandoffHop {
  return { messageId: `m${++n}`, fromAgent: from, toAgents: to };
}

function chain(...pairs: [string, string][]): HandoffHop[] {
  return pairs.map(([from, to]) => hop(from, to));
}

describe("checkHandoffGuards", () => {
  it.each([
    ["the first handoff", [], hop("a", "b")],
    ["a chain through different agents", chain(["a", "b"], ["b", "c"], ["c", "d"]), hop("d", "e")],
    ["three alternating hops", chain(["a", "b"], ["b", "a"]), hop("a", "b")],
    ["a return after a detour", chain(["a", "b"], ["b", "c"], ["c", "b"]), hop("b", "a")],
    ["alternation broken by a third agent", chain(["a", "b"], ["b", "a"], ["a", "c"]), hop("c", "a")],
    ["the same pair in the same direction", chain(["a", "b"], ["a", "b"], ["a", "b"]), hop("a", "b")],
    ["alternation with a second recipient", chain(["a", "b"], ["b", "a"], ["a", "b"]), hop("b", "a", "c")],
    ["an agent handing to itself", chain(["a", "a"], ["a", "a"], ["a", "a"]), hop("a", "a")],
  ])("allows %s", (_label, previous, next) => {
    expect(checkHandoffGuards(previous, next)).toEqual({ allowed: true });
  });

  it("stops the fourth hop of A→B, B→A, A→B, B→A", () => {
    const verdict = checkHandoffGuards(chain(["a", "b"], ["b", "a"], ["a", "b"]), hop("b", "a"));

    expect(verdict).toEqual({ allowed: false, guard: "ping_pong", reason: "a and b handed the work back and forth 4 times" });
  });

  it("looks only at the latest handoffs for ping-pong", () => {
    const previous = chain(["x", "y"], ["y", "z"], ["c", "d"], ["d", "c"], ["c", "d"]);

    expect(checkHandoffGuards(previous, hop("d", "c"))).toMatchObject({ allowed: false, guard: "ping_pong" });
  });

  it("allows eight handoffs and stops the ninth", () => {
    const agents = "abcdefghij".split("");
    const previous = agents.slice(0, 8).map((a, i) => hop(a, agents[i + 1]!));

    expect(checkHandoffGuards(previous.slice(0, 7), previous[7]!)).toEqual({ allowed: true });
    expect(checkHandoffGuards(previous, hop("i", "j"))).toEqual({
      allowed: false,
      guard: "hop_limit",
      reason: "the conversation already holds 8 handoffs (limit 8)",
    });
  });

  it("does not count a retried handoff against itself", () => {
    const previous = chain(["a", "b"], ["b", "c"]);

    expect(checkHandoffGuards(previous, previous[1]!, { maxHops: 2 })).toEqual({ allowed: true });
  });

  it("takes its limits from the options", () => {
    expect(checkHandoffGuards(chain(["a", "b"], ["b", "c"]), hop("c", "d"), { maxHops: 2 })).toMatchObject({ guard: "hop_limit" });
    expect(checkHandoffGuards(chain(["a", "b"]), hop("b", "a"), { pingPongLength: 2 })).toMatchObject({ guard: "ping_pong" });
    expect(checkHandoffGuards(chain(["a", "b"], ["b", "a"], ["a", "b"]), hop("b", "a"), { pingPongLength: 6 })).toEqual({ allowed: true });
  });

  it("always stops a conversation that reached the hop limit, whatever comes next", () => {
    const agent = fc.constantFrom("a", "b", "c", "d");
    const anyHop = fc.tuple(agent, agent).map(([from, to]) => hop(from, to));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(anyHop, { minLength: 12, maxLength: 20 }), anyHop, (maxHops, history, next) => {
        const previous = history.slice(0, maxHops);

        expect(checkHandoffGuards(previous, next, { maxHops }).allowed).toBe(false);
      }),
    );
  });

  it("never stops a short chain in which no agent receives work twice", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 9 }), (agents) => {
        const hops = agents.slice(1).map((to, i) => hop(agents[i]!, to));

        for (let i = 0; i < hops.length; i++) {
          expect(checkHandoffGuards(hops.slice(0, i), hops[i]!).allowed).toBe(true);
        }
      }),
    );
  });
});
