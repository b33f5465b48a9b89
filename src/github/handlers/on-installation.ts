import { InstallationEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";

/** Records installs and uninstalls, so the dashboard can list where Concord runs. */
export const onInstallation: EventHandler = async (payload, ctx) => {
  const event = InstallationEvent.safeParse(payload);
  if (!event.success) return;
  const { installation, action } = event.data;
  const key = `installation:${installation.id}`;
  if (action === "deleted") {
    await ctx.runtime.store.deleteValue(key);
  } else {
    const record = { account: installation.account?.login ?? null, repositories: event.data.repositories?.map((r) => r.full_name) ?? [] };
    await ctx.runtime.store.setValue(key, JSON.stringify(record), ctx.runtime.clock.now().toISOString());
  }
  ctx.log.info({ installationId: installation.id, action }, "installation changed");
};
