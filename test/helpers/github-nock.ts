import nock from "nock";

export const API = "https://api.github.com";
export const REPO = "/repos/Codertocat/Hello-World";

/** The installation-token exchange every authenticated delivery starts with. */
export function nockToken(scope: nock.Scope = nock(API), installationId = 2): nock.Scope {
  return scope.post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    token: "test-token",
    expires_at: "2099-01-01T00:00:00Z",
    permissions: { issues: "write", checks: "write", pull_requests: "write", contents: "write" },
  });
}

/** `.github/concord.yml` on the default branch: absent (404) or the given YAML. */
export function nockConfig(scope: nock.Scope, yaml?: string): nock.Scope {
  const path = `${REPO}/contents/.github%2Fconcord.yml`;
  if (yaml === undefined) return scope.get(path).reply(404, { message: "Not Found" });
  return scope.get(path).reply(200, { type: "file", encoding: "base64", content: Buffer.from(yaml).toString("base64"), path: ".github/concord.yml" });
}

export function nockPermission(scope: nock.Scope, user: string, role: string): nock.Scope {
  return scope.get(`${REPO}/collaborators/${user}/permission`).reply(200, { permission: role === "maintain" ? "write" : role, role_name: role, user: { login: user } });
}

export function nockReaction(scope: nock.Scope, commentId: number, content: string): nock.Scope {
  return scope.post(`${REPO}/issues/comments/${commentId}/reactions`, { content }).reply(201, { id: 1, content });
}

/** Captures the body of a created comment into `sink`. */
export function nockCreateComment(scope: nock.Scope, issue: number, sink: string[], id = 9000): nock.Scope {
  return scope
    .post(`${REPO}/issues/${issue}/comments`, (body: { body: string }) => {
      sink.push(body.body);
      return true;
    })
    .reply(201, { id, body: "" });
}

/**
 * The "Concord / tech debt" check on `sha`: looked up once, created in progress, then completed in place by its id.
 * Completed bodies (the PATCHes) are pushed into `sink`.
 */
export function nockDebtCheck(scope: nock.Scope, sha: string, sink: any[] = [], runId = 31): nock.Scope {
  const list = `${REPO}/commits/${sha}/check-runs`;
  return scope
    .get(list)
    .query((q) => q.check_name === "Concord / tech debt")
    .reply(200, { total_count: 0, check_runs: [] })
    .post(`${REPO}/check-runs`, (body: any) => body.name === "Concord / tech debt" && body.status === "in_progress" && body.head_sha === sha)
    .reply(201, { id: runId })
    .patch(`${REPO}/check-runs/${runId}`, (body: any) => {
      sink.push(body);
      return true;
    })
    .reply(200, {});
}
