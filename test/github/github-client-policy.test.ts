import { PassThrough } from "node:stream";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { RateLimitedError, TransientError } from "../../src/errors.js";
import { createConcordOctokit, type GitHubClientOptions } from "../../src/github/octokit/concord-octokit.js";
import { API } from "../helpers/github-nock.js";

const SECONDARY = { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." };

/** The production client (Probot's retry and throttling on) with short deadlines, and GitHub's seconds lasting 10 ms. */
function client(options: GitHubClientOptions = {}) {
  const Octokit = createConcordOctokit({ requestTimeoutMs: 200, downloadTimeoutMs: 2000, retryAfterBaseMs: 10, ...options });
  return new Octokit({ auth: { token: "test" } });
}

describe("the GitHub client's request policy", () => {
  it("a request GitHub does not answer fails after its deadline with a sentence naming it, and is not retried in place", async () => {
    const scope = nock(API)
      .get("/repos/o/r/pulls/1/files")
      .reply(() => new Promise<never>(() => undefined));
    const started = Date.now();

    const error: unknown = await client()
      .request("GET /repos/o/r/pulls/1/files")
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe("GitHub did not answer GET /repos/o/r/pulls/1/files within 0.2 s");
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("a body that stops half-way is cut by the same deadline, not taken as an empty answer", async () => {
    const scope = nock(API)
      .get("/repos/o/r")
      .reply(200, () => {
        const body = new PassThrough();
        body.write('{"name":');
        return body;
      }, { "content-type": "application/json" });

    const error: unknown = await client()
      .request("GET /repos/o/r")
      .catch((e: unknown) => e);

    scope.done();
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain("GitHub did not answer GET /repos/o/r within 0.2 s");
  });

  it("a download (a body the caller streams) has the longer deadline", async () => {
    const scope = nock(API).get("/repos/o/r/tarball/abc").delay(500).reply(200, "tar bytes");

    const response = await client().request("GET /repos/o/r/tarball/{ref}", { ref: "abc", request: { parseSuccessResponseBody: false } });

    scope.done();
    expect(await new Response(response.data as ReadableStream).text()).toBe("tar bytes");
  });

  it("a failed GET is still retried in place; a failed POST never is (GitHub may have created it)", async () => {
    const scope = nock(API)
      .get("/repos/o/r/issues/1/comments")
      .reply(502, { message: "Server Error" })
      .get("/repos/o/r/issues/1/comments")
      .reply(200, [])
      .post("/repos/o/r/issues/1/comments")
      .reply(502, { message: "Server Error" });
    const octokit = client();

    const listed = await octokit.request("GET /repos/o/r/issues/1/comments");
    const posted: unknown = await octokit.request("POST /repos/o/r/issues/1/comments", { body: "hi" }).catch((e: unknown) => e);

    scope.done();
    expect(listed.data).toEqual([]);
    expect(posted).toMatchObject({ status: 502 });
  });

  it("a short secondary limit is waited out in place; a long one becomes a RateLimitedError carrying GitHub's wait", async () => {
    const scope = nock(API)
      .get("/repos/o/r/short")
      .reply(403, SECONDARY, { "retry-after": "2" })
      .get("/repos/o/r/short")
      .reply(200, { ok: true })
      .get("/repos/o/r/long")
      .reply(403, SECONDARY, { "retry-after": "20" });
    const octokit = client();

    const short = await octokit.request("GET /repos/o/r/short");
    const long: unknown = await octokit.request("GET /repos/o/r/long").catch((e: unknown) => e);

    scope.done();
    expect(short.data).toEqual({ ok: true });
    expect(long).toBeInstanceOf(RateLimitedError);
    expect(long).toMatchObject({ retryAfterMs: 200, message: "GitHub's secondary rate limit on GET /repos/o/r/long: it asks to wait 20 s" });
  });

  it("rate limits without retry-after: until the quota resets (plus a second), else a minute; a plain 403 stays a refusal", async () => {
    const reset = Math.floor(Date.now() / 1000) + 100;
    const scope = nock(API)
      .get("/repos/o/r/quota")
      .reply(403, { message: "API rate limit exceeded" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) })
      .get("/repos/o/r/secondary")
      .reply(429, SECONDARY)
      .get("/repos/o/r/forbidden")
      .reply(403, { message: "Resource not accessible by integration" });
    const octokit = client({ throttle: false });

    const errors = await Promise.all(["quota", "secondary", "forbidden"].map((path) => octokit.request(`GET /repos/o/r/${path}`).catch((e: unknown) => e)));

    scope.done();
    expect((errors[0] as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(100 * 10);
    expect((errors[0] as RateLimitedError).retryAfterMs).toBeLessThanOrEqual(102 * 10);
    expect(errors[1]).toMatchObject({ name: "RateLimitedError", retryAfterMs: 60 * 10 });
    expect(errors[2]).not.toBeInstanceOf(RateLimitedError);
    expect(errors[2]).toMatchObject({ status: 403 });
  });
});
