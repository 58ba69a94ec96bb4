import { digest, etag, legacyDigest, sha1Of } from "./hash";

export function register(body: { email: string; password: string }) {
  return { email: body.email, hash: digest(body.password) }; // expect: weak-password-hash
}

export function page(html: string) {
  // ok: a content hash for caching, not of a password
  return { html, etag: etag(html) };
}

export function migrate(user: { password: string }) {
  return [legacyDigest(user.password), sha1Of(user.password)]; // expect: weak-password-hash, weak-password-hash
}
