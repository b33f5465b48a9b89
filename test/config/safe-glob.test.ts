import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findGlobProblem, matchGlobs, SafeGlob } from "../../src/config/index.js";

describe("findGlobProblem", () => {
  it.each(["src/**", "**/*.min.js", "src/{a,b}/*.ts", "@(a|b)/**", "a..b/c", ".../x", "file[0-9].ts", "docs/100%.md", "{1..3}.txt", "app/(auth)/**", "c++/*.ts"])(
    "accepts %s",
    (glob) => expect(findGlobProblem(glob)).toBeUndefined(),
  );

  it.each([
    ["../../etc/passwd", /".." segment/],
    ["src/../../x", /".." segment/],
    ["{..,src}/x", /".." segment/],
    ["..", /".." segment/],
    ["a/%2e%2e/b", /percent-encoded/],
    ["a/%2E%2E/b", /percent-encoded/],
    ["a%2fb", /percent-encoded/],
    ["a/%252e%252e/b", /percent-encoded/],
    ["a\\..\\b", /backslash/],
    ["/abs", /absolute/],
    ["~/x", /absolute/],
    ["C:/x", /absolute/],
    ["a\u0000b", /control character/],
    ["a\nb", /control character/],
    ["*(*(*(a|b)))", /nests an extglob/],
    ["+(a|@(b|c))", /nests an extglob/],
    ["(a+)+$", /"\(a\+\)\+", which looks like a regular expression/],
    ["(a|aa)*.js", /looks like a regular expression/],
    ["src/((gen))/**", /looks like a regular expression/],
    ["+(a|(b))", /nests parentheses inside an extglob/],
    ["!(dist)/**", /negated extglobs are not supported/],
    ["!src/**", /negation is not supported/],
    ["file{1..1000}.ts", /range \{1\.\.1000\} of more than 100 values/],
    ["[[:alpha:]].ts", /POSIX class/],
    ["[z-a].ts", /reversed range/],
    [`${"{1..99}".repeat(20)}`, /too complex to match quickly/],
    ["", /empty/],
    ["   ", /empty/],
    [`{${"a/".repeat(10_000)}}`, /longer than 256/],
  ])("refuses %j", (glob, reason) => {
    expect(findGlobProblem(glob)).toMatch(reason);
  });

  it("refuses the ReDoS patterns from B3 quickly", () => {
    for (const glob of ["*(*(*(a|b)))", `{${"a/".repeat(10_000)}}`]) {
      const started = performance.now();

      expect(findGlobProblem(glob)).toBeDefined();
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it("a single-level extglob it accepts matches in well under 50 ms", () => {
    const match = matchGlobs(["*(a|b)"]);
    const started = performance.now();

    match("a".repeat(17) + "c");

    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe("findGlobProblem (property)", () => {
  // Paths built from hostile pieces: every glob it accepts must stay under the repository root.
  const piece = fc.constantFrom("..", ".", "a", "b.ts", "**", "*", "%2e", "%2E%2e", "\\", "~", "C:", "{..,a}", "", "%252e");
  const glob = fc.array(piece, { minLength: 1, maxLength: 6 }).map((pieces) => pieces.join("/"));

  it("accepts only globs whose literal part resolves inside the repository", () => {
    fc.assert(
      fc.property(fc.oneof(glob, glob.map((text) => `/${text}`), fc.string({ maxLength: 40 })), (text) => {
        if (findGlobProblem(text) !== undefined) return;
        const root = "/repo";
        const literal = text.replace(/[{}*?[\]()!+@|,]/g, "x");
        for (const candidate of [text, literal, safeDecode(text)]) {
          const resolved = path.posix.resolve(root, candidate);
          expect(resolved === root || resolved.startsWith(`${root}/`), `${JSON.stringify(text)} → ${resolved}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on random input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(() => findGlobProblem(text)).not.toThrow();
      }),
    );
  });
});

describe("SafeGlob", () => {
  it("drops a leading ./ and reports one problem per bad glob", () => {
    expect(SafeGlob.parse("./src/**")).toBe("src/**");
    expect(SafeGlob.safeParse("x".repeat(300)).error?.issues).toHaveLength(1);
  });
});

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
