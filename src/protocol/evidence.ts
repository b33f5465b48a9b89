import { z } from "zod";

/** A fact an agent relies on: where it came from, what it says, and how much it weighs. */
export const Evidence = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    description: z.string(),
    data: z.record(z.string(), z.unknown()).default({}),
    weight: z.number().min(0).max(1).default(1),
    timestamp: z.iso.datetime(),
    metadata: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type Evidence = z.infer<typeof Evidence>;
export type EvidenceInput = z.input<typeof Evidence>;
