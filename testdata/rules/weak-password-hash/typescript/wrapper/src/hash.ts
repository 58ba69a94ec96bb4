import crypto from "node:crypto";

export function digest(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function etag(body: string): string {
  return crypto.createHash("md5").update(body).digest("hex");
}

export const legacyDigest = (value) => crypto.createHash("md5").update(value).digest("hex");

// eslint-disable-next-line
export const sha1Of = value => crypto.createHash("sha1").update(value).digest("hex");
