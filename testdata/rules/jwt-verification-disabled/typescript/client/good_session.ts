import { decodeJwt } from "jose";
import { useState } from "react";

// ok: browser code reads the claims of its own session token to show the user's name; the server verifies it
export function useUserName(token: string): string {
  const [name] = useState(() => decodeJwt(token).name as string);
  return name;
}
