import { z } from "zod";

/**
 * Every kind of output Concord finds again by its hidden marker (`<!-- concord:<kind>:<key> -->`).
 * One list, so two features can never claim the same kind by accident.
 */
export const MARKER_KINDS = ["reply", "debt", "debt-report", "todo", "escalation", "review", "change-set"] as const;
export const MarkerKind = z.enum(MARKER_KINDS);
export type MarkerKind = z.infer<typeof MarkerKind>;
