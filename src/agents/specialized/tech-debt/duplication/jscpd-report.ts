import { z } from "zod";

/* The parts of jscpd 5's JSON report (`--reporters json`) that Concord reads; anything else may change. */

const Fragment = z.object({
  name: z.string(),
  /** 1-based lines, inclusive. */
  start: z.number().int().positive(),
  end: z.number().int().positive(),
});

const Duplicate = z.object({
  format: z.string().default(""),
  tokens: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  firstFile: Fragment,
  secondFile: Fragment,
});

export const JscpdReport = z.object({
  duplicates: z.array(Duplicate),
  statistics: z.object({
    total: z.object({
      lines: z.number().nonnegative(),
      duplicatedLines: z.number().nonnegative(),
      percentage: z.number().nonnegative(),
      sources: z.number().int().nonnegative(),
    }),
  }),
});
export type JscpdReport = z.infer<typeof JscpdReport>;
