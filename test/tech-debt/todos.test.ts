import { describe, expect, it } from "vitest";
import { findTodos } from "../../src/agents/specialized/tech-debt/analysis/todos.js";
import { dateTodos } from "../../src/agents/specialized/tech-debt/date-todos.js";
import type { BlameEntry } from "../../src/agents/specialized/tech-debt/scan-options.js";

const summary = (text: string, path = "x.ts"): string[] =>
  findTodos(path, text).map((t) => `${t.line} ${t.kind}${t.owner ? `(${t.owner})` : ""} ${t.text}`);

describe("findTodos", () => {
  it("finds line, block and JSDoc markers with their lines, owners and notes", () => {
    const text = [
      "// TODO(bob): handle retries", // 1
      "const a = 1; // FIXME wrong default", // 2
      "/* FIXME */", // 3
      "/**", // 4
      " * Sums things.", // 5
      " * @todo support bigint", // 6
      " * HACK - relies on key order", // 7
      " */", // 8
      "function f() {}", // 9
      "/* XXX: one */ /* TODO: two */", // 10
    ].join("\n");
    expect(summary(text)).toEqual([
      "1 TODO(bob) handle retries",
      "2 FIXME wrong default",
      "3 FIXME ",
      "6 TODO support bigint",
      "7 HACK relies on key order",
      "10 XXX one",
      "10 TODO two",
    ]);
    expect(findTodos("src/x.ts", text)[0]?.path).toBe("src/x.ts");
  });

  it("never reports markers inside strings, template literals or regexes", () => {
    const text = [
      'const s = "TODO: not a comment";',
      "const t = 'FIXME // still a string';",
      "const u = `HACK ${'XXX'} /* TODO */ ${n}`;",
      "const r = /TODO|\\/\\/ FIXME/g;",
      "const d = a / b; // real TODO: after division",
      "const j = <div>{'TODO'}</div>;",
    ].join("\n");
    expect(summary(text, "x.tsx")).toEqual(["5 TODO after division"]);
  });

  it("accepts any casing where the marker opens the comment, later only an upper-case marker with ':' or an owner", () => {
    const text = [
      "// todo: lower-case at the start", // 1
      "// Fixme later", // 2
      "// this is a hack around the parser", // 3
      "// sizes: s, m, xxx-large", // 4
      "// the TODO list is long", // 5
      "// TODOS are not a marker", // 6
      "// MY_TODO_FLAG neither", // 7
      "// done here. TODO(ann): retry", // 8
      "// reports TODO text, file paths", // 9
      "// TODO-style notes are prose", // 10
      "// TODO - dash then note", // 11
    ].join("\n");
    expect(summary(text)).toEqual(["1 TODO lower-case at the start", "2 FIXME later", "8 TODO(ann) retry", "11 TODO dash then note"]);
  });

  it("returns nothing for files without markers and ignores non-comment code", () => {
    expect(findTodos("a.ts", "export const x = 1;\n")).toEqual([]);
    expect(findTodos("a.ts", "const TODO = 1; todo(); fixme.hack.xxx();\n")).toEqual([]);
  });
});

describe("dateTodos", () => {
  const blame = new Map<number, BlameEntry>([
    [1, { author: "Ada", authorTime: "2025-01-01T00:00:00.000Z" }],
    [3, { author: "Bob", authorTime: "2025-12-31T12:00:00.000Z" }],
  ]);

  it("adds author and whole days of age from the clock, one blame per file", async () => {
    const todos = [...findTodos("a.ts", "// TODO one\n\n// FIXME three\n"), ...findTodos("b.ts", "// XXX b\n")];
    const calls: string[] = [];
    const dated = await dateTodos(
      todos,
      (path) => {
        calls.push(path);
        return Promise.resolve(path === "a.ts" ? blame : undefined);
      },
      new Date("2026-01-01T00:00:00.000Z"),
    );
    expect(calls.sort()).toEqual(["a.ts", "b.ts"]);
    expect(dated.map((t) => [t.path, t.line, t.author, t.ageDays])).toEqual([
      ["a.ts", 1, "Ada", 365],
      ["a.ts", 3, "Bob", 0],
      ["b.ts", 1, undefined, undefined],
    ]);
  });

  it("keeps TODOs undated when blame fails", async () => {
    const todos = findTodos("a.ts", "// TODO one\n");
    const dated = await dateTodos(todos, () => Promise.reject(new Error("no git")), new Date(0));
    expect(dated).toEqual([{ path: "a.ts", line: 1, kind: "TODO", text: "one" }]);
  });
});
