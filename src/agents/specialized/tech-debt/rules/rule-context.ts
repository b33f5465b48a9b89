import { fingerprint, OccurrenceCounter, rangeDigest } from "../fingerprint.js";
import type { DebtItem, DebtSeverity } from "../model.js";
import { RULES, type RuleId } from "./catalog.js";

/** What every rule gets for one file. */
export interface RuleContext {
  path: string;
  /** Per-line whitespace-free hashes of the file (see fingerprint.ts). */
  hashes: Int32Array;
}

export interface FindingInput {
  rule: RuleId;
  severity: DebtSeverity;
  line: number;
  endLine: number;
  message: string;
  remediationMinutes: number;
  symbol?: string;
  value?: number;
  threshold?: number;
  /** What identifies the unit besides rule and file, before occurrence numbering. */
  identity: string;
}

/** Builds DebtItems for one file, numbering repeated identities so each fingerprint is unique. */
export class FindingBuilder {
  readonly #occurrences = new OccurrenceCounter();
  constructor(readonly context: RuleContext) {}

  /** The digest of the code on lines [line, endLine], for identities. */
  code(line: number, endLine: number): string {
    return rangeDigest(this.context.hashes, line, endLine);
  }

  build(input: FindingInput): DebtItem {
    const { path } = this.context;
    const identity = this.#occurrences.next(`${input.rule}\u0000${input.identity}`);
    const item: DebtItem = {
      fingerprint: fingerprint(input.rule, path, identity),
      rule: input.rule,
      category: RULES[input.rule].category,
      severity: input.severity,
      file: path,
      line: Math.max(1, input.line),
      endLine: Math.max(input.line, input.endLine, 1),
      message: input.message,
      remediationMinutes: input.remediationMinutes,
    };
    if (input.symbol !== undefined) item.symbol = input.symbol;
    if (input.value !== undefined) item.value = input.value;
    if (input.threshold !== undefined) item.threshold = input.threshold;
    return item;
  }
}
