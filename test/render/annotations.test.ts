import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Annotation, type AnnotationLevel, batchAnnotations, capAnnotations, clipAnnotation } from "../../src/render/annotations.js";
import { ANNOTATION_MESSAGE_LIMIT, ANNOTATION_TITLE_LIMIT } from "../../src/render/limits.js";

function finding(index: number, level: AnnotationLevel = "warning"): Annotation {
  return { path: `src/file-${index}.ts`, start_line: index + 1, end_line: index + 1, annotation_level: level, message: `finding ${index}` };
}

describe("capAnnotations + batchAnnotations", () => {
  it("turns 1,234 findings into at most 10 requests of at most 50, 500 in total", () => {
    const levels: AnnotationLevel[] = ["notice", "warning", "failure"];
    const findings = Array.from({ length: 1234 }, (_v, i) => finding(i, levels[i % 3]));
    const { kept, dropped } = capAnnotations(findings);
    const batches = batchAnnotations(kept);
    expect(kept).toHaveLength(500);
    expect(dropped).toHaveLength(734);
    expect(batches).toHaveLength(10);
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(50);
    expect(batches.flat()).toEqual(kept);
  });

  it("keeps every failure before any warning or notice, in the original order", () => {
    const findings = [
      ...Array.from({ length: 8 }, (_v, i) => finding(i, "notice")),
      finding(100, "failure"),
      finding(101, "warning"),
      finding(102, "failure"),
    ];
    const { kept, dropped } = capAnnotations(findings, 3);
    expect(kept.map((a) => a.message)).toEqual(["finding 100", "finding 101", "finding 102"]);
    expect(dropped.map((a) => a.annotation_level)).toEqual(Array(8).fill("notice"));
  });

  it("never exceeds the cap, loses nothing and keeps no lower level over a dropped higher one", () => {
    const level = fc.constantFrom<AnnotationLevel>("notice", "warning", "failure");
    fc.assert(
      fc.property(fc.array(level, { maxLength: 300 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), (levels, max, size) => {
        const findings = levels.map((l, i) => finding(i, l));
        const { kept, dropped } = capAnnotations(findings, max);
        expect(kept.length).toBe(Math.min(max, findings.length));
        expect(kept.length + dropped.length).toBe(findings.length);
        const rank = { failure: 0, warning: 1, notice: 2 };
        const worstKept = Math.max(-1, ...kept.map((a) => rank[a.annotation_level]));
        for (const d of dropped) expect(rank[d.annotation_level]).toBeGreaterThanOrEqual(worstKept);
        const batches = batchAnnotations(kept, size);
        expect(batches.every((b) => b.length >= 1 && b.length <= size)).toBe(true);
        expect(batches.flat()).toEqual(kept);
      }),
    );
  });

  it("rejects batch sizes GitHub would refuse", () => {
    expect(() => batchAnnotations([], 51)).toThrow(RangeError);
    expect(() => batchAnnotations([], 0)).toThrow(RangeError);
    expect(batchAnnotations([])).toEqual([]);
  });
});

describe("clipAnnotation", () => {
  it("clips title, message and raw_details to GitHub's limits", () => {
    const annotation: Annotation = {
      ...finding(0),
      title: "t".repeat(300),
      message: "é".repeat(40_000),
      raw_details: "x".repeat(70_000),
    };
    const clipped = clipAnnotation(annotation);
    expect(clipped.title).toHaveLength(ANNOTATION_TITLE_LIMIT);
    expect(clipped.title!.endsWith("…")).toBe(true);
    expect(Buffer.byteLength(clipped.message, "utf8")).toBeLessThanOrEqual(ANNOTATION_MESSAGE_LIMIT);
    expect(clipped.raw_details!.length).toBeLessThanOrEqual(ANNOTATION_MESSAGE_LIMIT);
    const { kept } = capAnnotations([annotation]);
    expect(kept[0]).toEqual(clipped);
  });

  it("leaves valid annotations alone and repairs line numbers GitHub would reject", () => {
    const ok = { ...finding(4), title: "Short" };
    expect(clipAnnotation(ok)).toEqual(ok);
    expect(clipAnnotation({ ...finding(0), start_line: 0, end_line: -3 })).toMatchObject({ start_line: 1, end_line: 1 });
    expect(clipAnnotation({ ...finding(0), start_line: 9, end_line: 4 })).toMatchObject({ start_line: 9, end_line: 9 });
    expect("title" in clipAnnotation(finding(0))).toBe(false);
  });
});
