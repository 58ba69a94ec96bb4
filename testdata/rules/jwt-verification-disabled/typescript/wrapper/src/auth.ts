import jwt from "jsonwebtoken";

type Claims = { sub: string; role: string };

// A decode wrapper: whether its claims are trusted is up to its callers.
export function readClaims(token: string) {
  return jwt.decode(token) as Claims | null;
}

export const peek = (token: string) => jwt.decode(token);

export function checked(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET as string) as Claims;
}

// No caller in the project reaches this one: it is judged where it decodes.
export function decodeRaw(raw: string) {
  return jwt.decode(raw); // expect: jwt-verification-disabled
}
