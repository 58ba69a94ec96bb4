import crypto from "node:crypto";

export function digest(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function etag(body: string): string {
  return crypto.createHash("md5").update(body).digest("hex");
}
