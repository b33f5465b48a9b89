import fc from "fast-check";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { matchGlobs } from "../../src/config/index.js";

const matches = (glob: string, path: string) => matchGlobs([glob])(path);

describe("matchGlobs", () => {
  it.each([
    ["src/**", "src/a/b.ts", true],
    ["src/**", "src", true],
    ["src/**", "lib/src/a.ts", false],
    ["**/gen/**", "a/gen/b.ts", true],
    ["**/gen/**", "gen/b.ts", true],
    ["a/**/b.ts", "a/b.ts", true],
    ["a/**/b.ts", "a/x/y/b.ts", true],
    ["*.min.js", "deep/dir/x.min.js", true],
    ["src/*.ts", "src/a/b.ts", false],
    ["src/?.ts", "src/a.ts", true],
    ["src/?.ts", "src/ab.ts", false],
    ["src/{a,b/c}/*.ts", "src/b/c/x.ts", true],
    ["{src,lib}/**", "lib/x.ts", true],
    ["file{1..3}.ts", "file2.ts", true],
    ["file{1..3}.ts", "file4.ts", false],
    ["file[0-9].ts", "file7.ts", true],
    ["file[!0-9].ts", "filex.ts", true],
    ["file[!0-9].ts", "file7.ts", false],
    ["a[!b]c", "a/c", false],
    ["+(a|b)/*.ts", "abba/x.ts", true],
    ["+(a|b)/*.ts", "c/x.ts", false],
    ["@(a|b).ts", "b.ts", true],
    ["?(x)y.ts", "y.ts", true],
    ["*(ab)c.ts", "ababc.ts", true],
    ["app/(auth)/**", "app/(auth)/login/page.tsx", true],
    ["app/(auth)/**", "app/auth/login/page.tsx", false],
    [".github/**", ".github/workflows/ci.yml", true],
    ["{a}", "{a}", true],
  ])("%s on %s → %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it("matches when any glob of the list matches", () => {
    const match = matchGlobs(["src/gen/**", "*.min.js"]);

    expect([match("src/gen/a.ts"), match("lib/a.min.js"), match("src/a.ts")]).toEqual([true, true, false]);
    expect(matchGlobs([])("anything")).toBe(false);
  });
});

describe("matchGlobs reused", () => {
  it("remembers its moves without changing its answers: one matcher for many paths answers as a fresh one for each", () => {
    const globs = ["**/test/**", "**/*.test.*", "src/{a,b}*/[0-9]?/**", "+(ab|a)c.ts"];
    const reused = matchGlobs(globs);
    const paths = fc.sample(fc.array(fc.stringMatching(/^[abc0-9.t]{1,6}$/), { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/")), { numRuns: 6000, seed: 77 });

    const differences = paths.filter((path) => reused(path) !== matchGlobs(globs)(path));

    expect(differences).toEqual([]);
  });
});

describe("matchGlobs agrees with picomatch on ordinary globs (property)", () => {
  // The glob language the app had before, minus picomatch's quirks (its extglobs, and `[!a]`, which it
  // reads as "! or a"): the parts a user writes every day.
  const name = fc.stringMatching(/^[ab.1]{1,3}$/).filter((text) => text !== "." && !text.includes(".."));
  const segmentPart = fc.oneof(name, fc.constantFrom("*", "?", "[ab]", "{a,b.}", "{a,?}", "{1..3}"));
  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.array(segmentPart, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.constant("**") },
  );
  // picomatch reads "**" inside a segment ("a**", "**.js") as crossing slashes; Concord reads it as "*".
  const glob = fc
    .array(segment, { minLength: 1, maxLength: 4 })
    .map((segments) => segments.join("/"))
    .filter((text) => !/[^/]\*\*|\*\*[^/]/.test(text));
  const path = fc.array(name, { minLength: 1, maxLength: 4 }).map((segments) => segments.join("/"));

  it("gives the same answer for every path", () => {
    fc.assert(
      fc.property(glob, fc.array(path, { minLength: 1, maxLength: 8 }), (pattern, paths) => {
        const reference = picomatch(pattern, pattern.includes("/") ? { dot: true } : { dot: true, basename: true });
        // picomatch lets "dir/**" match "dir" itself only when "dir" is literal; Concord always does.
        const parent = /\/\*\*$/.test(pattern) ? picomatch(pattern.replace(/(\/\*\*)+$/, ""), { dot: true }) : () => false;
        const match = matchGlobs([pattern]);
        for (const candidate of paths) {
          if (!parent(candidate)) expect(match(candidate), `${pattern} on ${candidate}`).toBe(reference(candidate));
        }
      }),
      { seed: 20_260_901, numRuns: 1500 },
    );
  });
});
