import { SignJWT, jwtVerify } from "jose";
import { createSecretKey } from "node:crypto";

const signingKey = new TextEncoder().encode("jose-signing-k3y"); // expect: hardcoded-secret

export async function issue(sub: string) {
  return new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("2h").sign(signingKey);
}

export async function check(token: string) {
  return jwtVerify(token, new TextEncoder().encode("another-k3y")); // expect: hardcoded-secret
}

export const refreshKey = createSecretKey(Buffer.from("refresh-k3y")); // expect: hardcoded-secret
