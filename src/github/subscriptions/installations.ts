import { z } from "zod";
import { defineKey } from "../../state/keyed-state.js";
import { InstallationEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";

const INSTALLATION = defineKey<number, { account: string | null; repositories: string[] }>(
  "installation",
  z.object({ account: z.string().nullable(), repositories: z.array(z.string()) }),
  (id) => String(id),
);

/** Records installs and uninstalls, so the dashboard can list where Concord runs. */
export const installations = subscription<InstallationEvent>({
  name: "installations",
  event: "installation",
  actions: ["created", "deleted"],
  schema: InstallationEvent,
  quiet: "never",
  async run(event, ctx) {
    const { installation, action } = event;
    if (action === "deleted") await ctx.runtime.state.delete(INSTALLATION, installation.id);
    else await ctx.runtime.state.set(INSTALLATION, installation.id, { account: installation.account?.login ?? null, repositories: event.repositories?.map((r) => r.full_name) ?? [] });
    ctx.log.info({ installationId: installation.id, action }, "installation changed");
  },
});
