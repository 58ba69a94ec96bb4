import crypto from "node:crypto";
import bcrypt from "bcrypt";
import argon2 from "argon2";

export function etag(body: Buffer): string {
  // ok: an ETag over a response body
  return crypto.createHash("md5").update(body).digest("hex");
}

export function cacheKey(url: string): string {
  // ok: a cache key
  const cacheKey = crypto.createHash("sha1").update(url).digest("hex");
  return cacheKey;
}

export function fileChecksum(data: Buffer): string {
  // ok: a checksum with a hasher variable
  const sum = crypto.createHash("sha256");
  sum.update(data);
  return sum.digest("hex");
}

export function apiKey(apiKey: string, passwordResetToken: string) {
  // ok: API keys and reset tokens are random, high-entropy values
  const a = crypto.createHash("sha256").update(apiKey).digest("hex");
  // ok: a reset token
  const b = crypto.createHash("sha256").update(passwordResetToken).digest("hex");
  return [a, b];
}

export async function strong(password: string) {
  // ok: bcrypt cost 12
  const a = await bcrypt.hash(password, 12);
  // ok: a salt string, not a cost
  const b = await bcrypt.hash(password, await bcrypt.genSalt());
  // ok: Argon2
  const c = await argon2.hash(password);
  // ok: PBKDF2 with 600,000 iterations
  const d = crypto.pbkdf2Sync(password, "salt", 600_000, 64, "sha512");
  // ok: a strong algorithm through createHash is not used for passwords here
  const e = crypto.createHmac("sha256", "key").update(password).digest("hex");
  return [a, b, c, d, e];
}

export function unrelatedUpdate(state: Map<string, string>, password: string) {
  // ok: `update` on something that is not a hasher
  const store = { update(_: string) {} };
  store.update(password);
  return state;
}
