import jwt from "jsonwebtoken";
import { decodeJwt } from "jose";
import type { Request } from "express";

export function currentUser(req: Request) {
  const token = (req.headers.authorization ?? "").replace("Bearer ", "");
  const claims = jwt.decode(token) as { sub: string }; // expect: jwt-verification-disabled
  return claims.sub;
}

export async function joseUser(token: string) {
  const { sub } = decodeJwt(token); // expect: jwt-verification-disabled
  return sub;
}

export function acceptsNone(token: string, key: string) {
  return jwt.verify(token, key, { algorithms: ["HS256", "none"] }); // expect: jwt-verification-disabled
}

export function userOfToken(token: string) {
  const decoded = jwt.decode(token); // expect: jwt-verification-disabled
  if (decoded && decoded.exp) return decoded.sub;
  return null;
}

export function payloadOf(token: string) {
  return loadUser(jwt.decode(token)?.sub); // expect: jwt-verification-disabled
}

const verifyOptions = { algorithms: ["HS256", "none"] as jwt.Algorithm[] }; // expect: jwt-verification-disabled

export function verifyWithSharedOptions(token: string, key: string) {
  return jwt.verify(token, key, verifyOptions);
}
