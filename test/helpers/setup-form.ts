/** What the browser posts to GitHub when the user clicks "Register GitHub App" on the setup page. */
export async function readSetupForm(url: string, headers: Record<string, string> = {}) {
  const html = await (await fetch(`${url}/probot`, { headers })).text();
  const action = decodeHtml(/<form action="([^"]*)" method="post">/.exec(html)![1]!);
  const manifest = JSON.parse(decodeHtml(/name="manifest" value="([^"]*)"/.exec(html)![1]!));
  return { html, action, state: new URL(action).searchParams.get("state")!, manifest };
}

/** The setup page escapes with numeric character references, which is all a browser needs to undo. */
function decodeHtml(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}
