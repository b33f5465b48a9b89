import { createHmac } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, WEBHOOK_SECRET, type TestConcord } from "../helpers/test-probot.js";

/** Every path to a value inside `value` (object keys and array indexes), the root excluded. */
function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsIn(child, [...prefix, key])]);
}

function setAt(target: any, path: (string | number)[], value: unknown): void {
  const parent = path.slice(0, -1).reduce((node, key) => node[key], target);
  parent[path[path.length - 1]!] = value;
}

const ROUTED: [string, string | undefined][] = [
  ["issue_comment", "created"],
  ["pull_request", "opened"],
  ["pull_request", "synchronize"],
  ["push", undefined],
  ["issues", "labeled"],
  ["check_run", "rerequested"],
  ["installation", "created"],
];

/**
 * A real payload of an event Concord acts on with one value anywhere inside it replaced by random
 * JSON. The installation is removed, so whatever gets stored is dropped before any GitHub call.
 */
const mutatedExample = fc.tuple(fc.constantFrom(...ROUTED), fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([[event, action], pick, value]) => {
  const payload = examplePayload(event, action);
  const paths = pathsIn(payload);
  setAt(payload, paths[pick % paths.length]!, value);
  delete payload.installation;
  return { event, body: JSON.stringify(payload) };
});

const printable = fc.string({ unit: "grapheme-ascii", maxLength: 40 });

// Text is sent (and signed) as UTF-8; the byte arrays are mostly not UTF-8 at all.
const body = fc.oneof(
  mutatedExample.map((m) => m.body),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
);

const request = fc.record({
  body,
  event: fc.oneof(fc.constantFrom(...ROUTED.map(([event]) => event), "issues", "made_up", ""), printable),
  id: fc.oneof(fc.uuid(), fc.constant(""), printable),
  contentType: fc.option(fc.oneof(fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded"), printable), { nil: undefined }),
  signing: fc.oneof(fc.constantFrom("valid", "other secret", "none"), printable),
  extraHeader: fc.option(fc.tuple(fc.stringMatching(/^x-[a-z]{1,12}$/), printable), { nil: undefined }),
});

describe("the webhook endpoint under random requests (fast-check)", () => {
  let app: TestConcord;
  beforeAll(async () => {
    app = await startTestConcord();
  });
  afterAll(async () => {
    await app.cleanup();
  });

  it("never crashes and never answers 5xx: every answer is a 2xx or 4xx with a plain sentence", async () => {
    const seen = new Set<number>();

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers: Record<string, string> = { "x-github-event": r.event, "x-github-delivery": r.id };
        if (r.contentType !== undefined) headers["content-type"] = r.contentType;
        if (r.extraHeader) headers[r.extraHeader[0]] = r.extraHeader[1];
        const secret = r.signing === "valid" ? WEBHOOK_SECRET : r.signing === "other secret" ? "not-the-secret" : undefined;
        if (secret !== undefined) headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(r.body).digest("hex")}`;
        else if (r.signing !== "none") headers["x-hub-signature-256"] = r.signing;

        const response = await fetch(`${app.url}/api/github/webhooks`, { method: "POST", headers, body: r.body });
        const text = await response.text();

        seen.add(response.status);
        expect([200, 400, 415]).toContain(response.status);
        expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
        if (response.status === 200) expect(text).toMatch(/^(inserted|requeued|duplicate|ignored)\n$/);
        else expect(text).toMatch(/^[A-Z].*\.\n$/s);
      }),
      { seed: 20_260_901, numRuns: 250 },
    );
    await app.drain();

    // The runs reached every kind of answer, and the app still serves.
    expect([...seen].sort()).toEqual([200, 400, 415]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it("validly signed mutations of real payloads are stored or refused with a reason, never a 5xx", async () => {
    const outcomes = new Set<string>();

    await fc.assert(
      fc.asyncProperty(mutatedExample, fc.uuid(), async ({ event, body }, id) => {
        const response = await fetch(`${app.url}/api/github/webhooks`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}` },
          body,
        });
        const text = await response.text();

        expect([200, 400]).toContain(response.status);
        outcomes.add(response.status === 200 ? text.trim() : "refused");
      }),
      { seed: 20_260_902, numRuns: 200 },
    );
    await app.drain();

    expect(outcomes).toContain("inserted");
    expect(outcomes).toContain("refused");
  });
});
