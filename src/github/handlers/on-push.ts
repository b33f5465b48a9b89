import { PushEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";

// Placeholder until the tech-debt report lands (issue 4): default-branch pushes are acknowledged.
export const onPush: EventHandler = (payload, ctx) => {
  const parsed = PushEvent.safeParse(payload);
  if (parsed.success) ctx.log.debug({ ref: parsed.data.ref }, "push acknowledged");
  return Promise.resolve();
};
