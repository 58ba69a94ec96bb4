import jwt from "jsonwebtoken";
import { checked, peek, readClaims } from "./auth";

export function me(req: { headers: { authorization: string } }) {
  const claims = readClaims(req.headers.authorization); // expect: jwt-verification-disabled
  return { user: claims?.sub, role: claims?.role };
}

export async function audit(token: string) {
  const claims = await peek(token); // expect: jwt-verification-disabled
  return claims;
}

export function refresh(token: string) {
  // ok: peeks at the claims to pick the key, then verifies through the project's verifier
  const claims = readClaims(token);
  checked(token);
  return claims;
}

export function session(token: string) {
  // ok: the token is verified in this function before its claims are used
  jwt.verify(token, process.env.JWT_SECRET as string);
  return readClaims(token);
}
