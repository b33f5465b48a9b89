import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signatureCheck } from "../../src/server/webhook-signature.js";

const sign = (secret: string, body: Buffer) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

describe("signatureCheck", () => {
  it("agrees with GitHub's test vector", () => {
    const check = signatureCheck(["It's a Secret to Everybody"]);

    check.update(Buffer.from("Hello, World!"));

    expect(check.matches("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).toBe(true);
  });

  it("accepts the signature of any configured secret and no other", () => {
    const body = Buffer.from('{"zen":"Keep it logically awesome."}');
    const verdict = (signature: string) => {
      const check = signatureCheck(["current", "previous"]);
      check.update(body);
      return check.matches(signature);
    };

    expect([verdict(sign("current", body)), verdict(sign("previous", body)), verdict(sign("other", body))]).toEqual([true, true, false]);
  });

  it("refuses signatures that are not sha256 and 64 hex digits, and upper-case hex is still a match", () => {
    const body = Buffer.from("{}");
    const verdict = (signature: string) => {
      const check = signatureCheck(["s"]);
      check.update(body);
      return check.matches(signature);
    };
    const good = sign("s", body);

    expect(verdict(good.toUpperCase().replace("SHA256=", "sha256="))).toBe(true);
    expect(verdict(good.slice(0, -2))).toBe(false);
    expect(verdict(good.replace("sha256=", "sha1="))).toBe(false);
    expect(verdict(`${good} `)).toBe(false);
    expect(verdict("")).toBe(false);
  });

  it("gives the same answer however the body is split into chunks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.array(fc.nat({ max: 2_000 }), { maxLength: 8 }), (bytes, cuts) => {
        const body = Buffer.from(bytes);
        const check = signatureCheck(["secret"]);
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b).map((c) => Math.min(c, body.length))) {
          check.update(body.subarray(from, Math.max(from, cut)));
          from = Math.max(from, cut);
        }
        check.update(body.subarray(from));
        return check.matches(sign("secret", body));
      }),
      { seed: 9, numRuns: 200 },
    );
  });
});
