export function unchanged(body: { password: string }): boolean {
  // ok: the masked value the form sends back
  return body.password === "********";
}
