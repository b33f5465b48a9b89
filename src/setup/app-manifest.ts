import { parse } from "yaml";
import { z } from "zod";

/**
 * The fields of app.yml that go into the manifest. Only these are read, so app.yml can never
 * override the webhook URL or the redirect back to the setup page.
 */
const AppYml = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  url: z.url(),
  default_events: z.array(z.string()),
  default_permissions: z.record(z.string(), z.string()),
  public: z.boolean().default(false),
});
export type AppYml = z.infer<typeof AppYml>;

/** What GitHub's manifest flow accepts (https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest). */
export interface AppManifest extends AppYml {
  hook_attributes: { url: string; active: boolean };
  redirect_url: string;
}

export function parseAppYml(text: string): AppYml {
  const result = AppYml.safeParse(parse(text));
  if (!result.success) throw new Error(`app.yml is not a valid app description:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export function buildManifest(app: AppYml, urls: { webhookUrl: string; redirectUrl: string }): AppManifest {
  return { ...app, hook_attributes: { url: urls.webhookUrl, active: true }, redirect_url: urls.redirectUrl };
}

/**
 * GitHub's "register a new app" form, for the user or for GH_ORG. GitHub hands `state` back to the
 * redirect URL, which proves the code came from a registration this server started.
 */
export function newAppUrl(options: { githubUrl: string; org?: string | undefined; state: string }): string {
  const owner = options.org ? `/organizations/${encodeURIComponent(options.org)}` : "";
  return `${options.githubUrl}${owner}/settings/apps/new?state=${encodeURIComponent(options.state)}`;
}
