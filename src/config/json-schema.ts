import { z } from "zod";
import { ConcordConfig } from "./schema.js";

/** The editor-facing schema, built from the same zod source that validates the file. */
export function buildJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ConcordConfig, { io: "input", target: "draft-2020-12" });
}

/** Exactly what `npm run schema` writes, so a test can compare it with the committed file. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
