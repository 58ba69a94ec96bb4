import { digest, etag } from "./hash";

export function register(body: { email: string; password: string }) {
  return { email: body.email, hash: digest(body.password) }; // expect: weak-password-hash
}

export function page(html: string) {
  // ok: a content hash for caching, not of a password
  return { html, etag: etag(html) };
}
