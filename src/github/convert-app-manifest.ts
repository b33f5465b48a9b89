import { z } from "zod";

/** The fields of GitHub's manifest conversion answer that Concord keeps. */
const AppCredentials = z.object({
  id: z.number(),
  slug: z.string(),
  html_url: z.url(),
  pem: z.string(),
  webhook_secret: z.string().nullable(),
  client_id: z.string(),
  client_secret: z.string(),
});
export type AppCredentials = z.infer<typeof AppCredentials>;

/**
 * Trades the one-time code of the manifest flow for the new app's credentials
 * (POST /app-manifests/{code}/conversions). It needs no authentication: the code is the secret.
 * `apiUrl` is https://api.github.com or a GHE host's /api/v3.
 */
export async function convertAppManifest(apiUrl: string, code: string): Promise<AppCredentials> {
  const response = await fetch(`${apiUrl}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "user-agent": "concord-setup" },
  });
  if (!response.ok) {
    const detail = (await response.text()).slice(0, 300);
    throw new Error(`GitHub answered ${response.status} to the manifest conversion: ${detail}`);
  }
  return AppCredentials.parse(await response.json());
}
