import { createHmac, timingSafeEqual, type Hmac } from "node:crypto";

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

export interface SignatureCheck {
  /** Feeds the next chunk of the raw body, exactly as received. */
  update(chunk: Buffer): void;
  /** Whether `X-Hub-Signature-256` is the body's HMAC-SHA256 under one of the secrets. Call once, after the last chunk. */
  matches(header: string): boolean;
}

/**
 * GitHub's webhook signature, checked over the raw bytes while they arrive (one HMAC per secret, so
 * a 25 MB body is hashed as it streams in, not in one block at the end). Several secrets are accepted
 * during a rotation: the current one and the previous ones, until GitHub signs with the new one only.
 */
export function signatureCheck(secrets: readonly string[]): SignatureCheck {
  const hmacs: Hmac[] = secrets.map((secret) => createHmac("sha256", secret));
  return {
    update(chunk) {
      for (const hmac of hmacs) hmac.update(chunk);
    },
    matches(header) {
      const match = SIGNATURE.exec(header);
      const digests = hmacs.map((hmac) => hmac.digest());
      if (!match?.[1]) return false;
      const given = Buffer.from(match[1], "hex");
      // Every secret is compared, in constant time each, so the answer's timing says nothing about which one matched.
      return digests.map((digest) => timingSafeEqual(digest, given)).includes(true);
    },
  };
}
