import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasMarker, marker, parseMarkers, withMarker } from "../../src/render/markers.js";

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const anyText = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: fc.oneof(fc.constantFrom("-", ">", "!", ":", " ", "%"), loneSurrogate) }));

describe("marker", () => {
  it("writes kind and key in the documented form", () => {
    expect(marker("debt-report")).toBe("<!-- concord:debt-report -->");
    expect(marker("debt-report", "pr-12")).toBe("<!-- concord:debt-report:pr-12 -->");
    expect(marker("usage", "")).toBe("<!-- concord:usage -->");
  });

  it("cannot be closed early by a hostile kind or key", () => {
    const m = marker("x --> <img src=x>", "a-->b--!>c");
    expect(m).toBe("<!-- concord:x%20-%2D%3E%20%3Cimg%20src=x%3E:a-%2D%3Eb-%2D%21%3Ec -->");
    expect(m.indexOf("-->")).toBe(m.length - 3);
  });

  it("encodes a colon in the kind so it cannot pose as the key separator", () => {
    expect(parseMarkers(marker("a:b", "c"))).toEqual([{ kind: "a:b", key: "c" }]);
  });

  it("rejects an empty kind", () => {
    expect(() => marker("")).toThrow(RangeError);
  });

  it("for any kind and key, holds exactly one comment and parses back to them", () => {
    fc.assert(
      fc.property(anyText.filter((kind) => kind !== ""), fc.option(anyText, { nil: undefined }), (kind, key) => {
        const m = marker(kind, key);
        const inner = m.slice("<!--".length, -"-->".length);
        expect(inner).not.toContain("--");
        expect(inner).not.toContain(">");
        const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
        const expected = key === undefined || key === "" ? { kind: wellFormed(kind) } : { kind: wellFormed(kind), key: wellFormed(key) };
        expect(parseMarkers(`before ${m} after`)).toEqual([expected]);
      }),
    );
  });
});

describe("hasMarker / withMarker", () => {
  it("matches the exact kind and key only", () => {
    const body = withMarker("report", "debt", "12");
    expect(hasMarker(body, "debt", "12")).toBe(true);
    expect(hasMarker(body, "debt", "1")).toBe(false);
    expect(hasMarker(body, "debt")).toBe(false);
    expect(hasMarker(withMarker("report", "debt"), "debt", "12")).toBe(false);
  });

  it("prepends the marker once, however often it is applied", () => {
    const once = withMarker("## Debt\nbody", "debt", "12");
    expect(once).toBe("<!-- concord:debt:12 -->\n## Debt\nbody");
    expect(withMarker(once, "debt", "12")).toBe(once);
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (body, kind, key) => {
        const marked = withMarker(body, kind, key);
        expect(withMarker(marked, kind, key)).toBe(marked);
        expect(hasMarker(marked, kind, key)).toBe(true);
        expect(marked.endsWith(body)).toBe(true);
      }),
    );
  });
});

describe("parseMarkers", () => {
  it("lists every marker in order and ignores other comments", () => {
    const body = `${marker("debt", "1")}\n<!-- other:thing -->\ntext\n${marker("plan")}\n<!-- concord: -->`;
    expect(parseMarkers(body)).toEqual([{ kind: "debt", key: "1" }, { kind: "plan" }]);
  });

  it("skips tokens that are not valid encodings", () => {
    expect(parseMarkers("<!-- concord:%E0%A4%A -->")).toEqual([]);
    expect(parseMarkers("<!-- concord:kind: -->")).toEqual([]);
  });
});
