import { SignJWT, jwtVerify } from "jose";

// ok: the key comes from the environment
const signingKey = new TextEncoder().encode(process.env.JWT_SECRET);

export async function issue(sub: string) {
  return new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).sign(signingKey);
}

export async function check(token: string, key: Uint8Array) {
  // ok: the key is the caller's
  return jwtVerify(token, key);
}

export function label(doc: { sign(text: string): string }) {
  // ok: a `sign` method that is not jose's builder
  return doc.sign("approved-by-review");
}
