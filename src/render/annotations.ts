import { ANNOTATION_MESSAGE_LIMIT, ANNOTATION_TITLE_LIMIT, clipText, clipUtf8 } from "./limits.js";

/**
 * Check run annotations, with GitHub's field names so they go into `output.annotations` as they
 * are. GitHub shows `title`, `message` and `raw_details` as plain text, so they are not escaped.
 */
export type AnnotationLevel = "notice" | "warning" | "failure";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  message: string;
  title?: string;
  raw_details?: string;
}

/** GitHub accepts at most 50 annotations per create/update request and appends each batch. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Our own cap per check run (reliability L2); the rest are summarised instead. */
export const ANNOTATIONS_PER_RUN = 500;

const SEVERITY: Record<AnnotationLevel, number> = { failure: 0, warning: 1, notice: 2 };

/** Titles and messages clipped to GitHub's limits, and line numbers made valid (1-based, start ≤ end). */
export function clipAnnotation(annotation: Annotation): Annotation {
  const start = Math.max(1, Math.trunc(annotation.start_line) || 1);
  const end = Math.max(start, Math.trunc(annotation.end_line) || start);
  const clipped: Annotation = {
    ...annotation,
    start_line: start,
    end_line: end,
    message: clipUtf8(annotation.message, ANNOTATION_MESSAGE_LIMIT),
  };
  if (annotation.title !== undefined) clipped.title = clipText(annotation.title, ANNOTATION_TITLE_LIMIT);
  if (annotation.raw_details !== undefined) clipped.raw_details = clipUtf8(annotation.raw_details, ANNOTATION_MESSAGE_LIMIT);
  return clipped;
}

/** Consecutive batches of at most `size` annotations, one per API request. */
export function batchAnnotations(annotations: readonly Annotation[], size = ANNOTATIONS_PER_REQUEST): Annotation[][] {
  if (!Number.isInteger(size) || size < 1 || size > ANNOTATIONS_PER_REQUEST) {
    throw new RangeError(`batch size must be an integer from 1 to ${ANNOTATIONS_PER_REQUEST}, got ${size}`);
  }
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += size) batches.push(annotations.slice(i, i + size));
  return batches;
}

/**
 * At most `max` annotations, clipped to GitHub's limits. When some must go, failures are kept
 * before warnings and warnings before notices, so the cap never hides a failure behind a notice;
 * within a level, earlier findings win. Kept annotations stay in their original order.
 */
export function capAnnotations(
  annotations: readonly Annotation[],
  max = ANNOTATIONS_PER_RUN,
): { kept: Annotation[]; dropped: Annotation[] } {
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`max must be a non-negative integer, got ${max}`);
  const ranked = annotations
    .map((annotation, index) => ({ annotation, index }))
    .sort((a, b) => SEVERITY[a.annotation.annotation_level] - SEVERITY[b.annotation.annotation_level] || a.index - b.index);
  const keep = new Set(ranked.slice(0, max).map((entry) => entry.index));
  const kept: Annotation[] = [];
  const dropped: Annotation[] = [];
  annotations.forEach((annotation, index) => {
    if (keep.has(index)) kept.push(clipAnnotation(annotation));
    else dropped.push(annotation);
  });
  return { kept, dropped };
}
