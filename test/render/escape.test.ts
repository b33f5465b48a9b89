import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, escapeTableCell, inlineCode } from "../../src/render/escape.js";
import { markdownTable } from "../../src/render/markdown-table.js";

const HOSTILE_TODO = "@org/team **APPROVED** [x](http://e) <img src=x onerror=alert(1)>";
const MENTION = /(^|\s)@[A-Za-z0-9]/;

/** What a renderer shows for escaped text: character references decoded once. */
function rendered(markdown: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', commat: "@" };
  return markdown.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(Number(ref.slice(1)));
    return named[ref] ?? whole;
  });
}

describe("escapeMarkdown", () => {
  it("renders the A8 TODO inert: no mention, no emphasis, no link, no HTML", () => {
    const out = escapeMarkdown(HOSTILE_TODO);
    expect(out).not.toMatch(MENTION);
    expect(rendered(out)).not.toMatch(MENTION);
    expect(out).not.toMatch(/<img/i);
    expect(out).not.toContain("**");
    expect(out).not.toMatch(/\[[^\]]*\]\(/);
    expect(out).not.toMatch(/[[\]<>*]/);
  });

  it("neutralises entity-encoded and full-width @ forms", () => {
    for (const text of ["&#64;org", "&commat;org", "&#x40;org", "hi ＠org", "﹫org"]) {
      const out = escapeMarkdown(text);
      expect(rendered(out)).not.toMatch(/(^|\s)[@＠﹫][A-Za-z0-9]/);
    }
    expect(escapeMarkdown("@a")).toBe("@\u200Ba");
    expect(escapeMarkdown("＠a")).toBe("＠\u200Ba");
  });

  it("escapes structure that only counts at the start of a line", () => {
    expect(escapeMarkdown("# Title\n- item\n  + item\n1. one\n2) two\n===\nnot # here")).toBe(
      "&#35; Title\n&#45; item\n  &#43; item\n&#49;. one\n&#50;) two\n&#61;==\nnot # here",
    );
  });

  it("leaves issue references alone", () => {
    expect(escapeMarkdown("see #123 and owner/repo#7")).toBe("see #123 and owner/repo#7");
  });

  it("renders back to the same characters, with only a zero-width space after each at sign", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(rendered(escapeMarkdown(text))).toBe(text.replace(/[@＠﹫]/g, "$&\u200B"));
      }),
    );
  });

  it("never leaves markup characters or a bare ampersand in the output", () => {
    const markupish = fc.string({ unit: fc.constantFrom("@", "&", "#", "`", "*", "_", "~", "[", "]", "|", "<", ">", "\\", "$", "-", "1", ".", " ", "\n", "a") });
    fc.assert(
      fc.property(markupish, (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/[`*_~[\]|<>\\$]/);
        expect(out.replace(/&#\d+;/g, "")).not.toContain("&");
        expect(out).not.toMatch(/^[ \t]*([#+=-]|\d+[.)])/m);
        expect(out).not.toMatch(MENTION);
      }),
    );
  });
});

describe("escapeTableCell", () => {
  it("keeps a table row on one row", () => {
    const cell = escapeTableCell(`${HOSTILE_TODO}\r\n| injected | row |\nmore\u2028end`);
    expect(cell).not.toMatch(/[\r\n\u2028|]/);
    const table = markdownTable(["File", "TODO"], [["a.ts", `${HOSTILE_TODO}\n| x | y |`]]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line.match(/(?<!\\)\|/g)).toHaveLength(3);
    expect(table).not.toMatch(MENTION);
    expect(table).not.toMatch(/<img/i);
  });
});

describe("inlineCode", () => {
  it("uses a fence longer than any backtick run inside", () => {
    expect(inlineCode("a")).toBe("` a `");
    expect(inlineCode("a`b")).toBe("`` a`b ``");
    expect(inlineCode("``x```")).toBe("```` ``x``` ````");
    expect(inlineCode("line1\n\nline2")).toBe("` line1  line2 `");
  });

  it("always forms one code span that the text cannot close", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("`", "a", " ", "\n", "<", "@") }), (text) => {
        const out = inlineCode(text);
        const fence = /^`+/.exec(out)![0];
        expect(out.endsWith(` ${fence}`)).toBe(true);
        const content = out.slice(fence.length + 1, -(fence.length + 1));
        expect(content).toBe(text.replace(/\r\n|[\r\n]/g, " "));
        const runs = content.match(/`+/g) ?? [];
        expect(runs.every((run) => run.length < fence.length)).toBe(true);
        expect(out).not.toContain("\n");
      }),
    );
  });
});
