import jwt from "jsonwebtoken";
import { jwtVerify, decodeProtectedHeader } from "jose";

export function currentUser(token: string, key: string) {
  // ok: verified, with an explicit algorithm list
  return jwt.verify(token, key, { algorithms: ["HS256"] });
}

export function withKid(token: string, keys: Record<string, string>) {
  // ok: decode to read the kid, then verify in the same function
  const decoded = jwt.decode(token, { complete: true });
  const key = keys[decoded?.header.kid ?? ""];
  return jwt.verify(token, key, { algorithms: ["RS256"] });
}

export async function joseVerified(token: string, key: Uint8Array) {
  // ok: jose's verifying API; reading the header is fine
  const header = decodeProtectedHeader(token);
  const { payload } = await jwtVerify(token, key);
  return [header, payload];
}

export function logOnly(token: string) {
  // ok: a decode whose result is thrown away
  jwt.decode(token);
}

export function otherDecode(value: string) {
  // ok: not a JWT library
  return decodeURIComponent(value);
}

export function isOurToken(token: string) {
  // ok: the issuer is read to choose the verifier; no identity is trusted
  return jwt.decode(token, { json: true })?.iss === "shop";
}

export function expiresAt(token: string) {
  // ok: the expiry schedules a refresh; the claims are only tested and their `exp` read
  const decoded = jwt.decode(token);
  if (decoded && typeof decoded === "object" && decoded.exp) return decoded.exp;
  return null;
}

export function verifyWithOptionsOfCaller(token: string, key: string, options: jwt.VerifyOptions) {
  // ok: the options come from the caller
  return jwt.verify(token, key, options);
}

let sharedOptions = { algorithms: ["HS256", "none"] as jwt.Algorithm[] };
export function configure(strict: boolean) {
  sharedOptions = { algorithms: ["HS256"] };
}
export function verifyWithMutableOptions(token: string, key: string) {
  // ok: a closure may replace the options before this runs; their value is unknown here
  return jwt.verify(token, key, sharedOptions);
}
