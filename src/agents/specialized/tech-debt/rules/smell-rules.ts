import type { LineSpan } from "../ast-smells.js";
import type { DebtItem } from "../model.js";
import type { FindingBuilder } from "./rule-context.js";

/**
 * Explicit `any` is low (it weakens checking but is often deliberate at boundaries); an empty
 * catch is medium because it hides failures. Identity is the code of the line, numbered when a
 * line repeats.
 */
export function explicitAnyItems(anys: readonly LineSpan[], builder: FindingBuilder): DebtItem[] {
  return anys.map((span) =>
    builder.build({
      rule: "explicit-any",
      severity: "low",
      line: span.line,
      endLine: span.endLine,
      message: "Explicit any disables type checking here.",
      remediationMinutes: 5,
      identity: builder.code(span.line, span.line),
    }),
  );
}

export function emptyCatchItems(catches: readonly LineSpan[], builder: FindingBuilder): DebtItem[] {
  return catches.map((span) =>
    builder.build({
      rule: "empty-catch",
      severity: "medium",
      line: span.line,
      endLine: span.endLine,
      message: "Empty catch block swallows the error.",
      remediationMinutes: 5,
      identity: builder.code(span.line, span.line),
    }),
  );
}
